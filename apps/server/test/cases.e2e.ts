import type { CaseView, HardshipApplicationView, MembershipApplicationView, Page, WorkbenchItem } from '@union/shared';
import { hardshipApplication } from './hardship-fixtures';
import { itRaces, newIdNumber, newPhone, startTestApp, type TestApp } from './harness';
import { aConsultation, aHardshipCase, aLegalAidApplication, aMember, aProposal, CONSTRUCTION_UNION, COUNTY } from './factories';

/** The case as the unit of the API: any case by its id, and its plain steps, whatever its type. */
describe('the case API (e2e over HTTP)', () => {
  let t: TestApp;
  let constructionId: number;
  /** The cadre of 县城建筑公司工会, made for the tests. */
  let unionCadre: string;

  beforeAll(async () => {
    t = await startTestApp();
    constructionId = await t.organisationAt(CONSTRUCTION_UNION);
    unionCadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
  });
  afterAll(() => t.close());

  async function applyToJoin(token: string): Promise<MembershipApplicationView> {
    const res = await t.http<MembershipApplicationView>('POST', '/membership/applications', {
      token,
      body: {
        realName: '测试工人',
        idNumber: newIdNumber(),
        phone: newPhone(),
        employerName: '县城建筑公司',
        employmentType: 'migrant_worker',
        organizationId: constructionId,
        hideFromEmployer: false,
      },
    });
    if (res.status !== 201) throw new Error(`apply: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const getCase = (token: string, caseId: number) => t.http<CaseView>('GET', `/cases/${caseId}`, { token });
  const step = (token: string, caseId: number, body: Record<string, unknown>) =>
    t.http<CaseView & { code?: string }>('POST', `/cases/${caseId}/transitions`, { token, body });

  it('shows one case to its applicant and to the cadre who handles it, each with their side', async () => {
    const worker = await t.newWorker('caseapi');
    const app = await applyToJoin(worker);
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);

    // The desk links each queue item to its case and to the page the table names.
    const queue = await t.http<Page<WorkbenchItem>>('GET', '/workbench/queue?limit=50', { token: cadre });
    const item = queue.body.items.find((i) => i.caseType === 'membership_application' && i.id === app.id);
    expect(item).toMatchObject({ caseId: app.caseId, route: `/staff/pages/case/index?type=membership_application&id=${app.id}` });

    const staffView = await getCase(cadre, app.caseId);
    expect(staffView.status).toBe(200);
    expect(staffView.body).toMatchObject({
      id: app.caseId,
      caseType: 'membership_application',
      caseTypeLabel: '入会申请',
      subjectId: app.id,
      state: 'submitted',
      stateTone: 'primary',
      terminal: false,
      holder: 'staff',
      version: app.version,
      route: `/staff/pages/case/index?type=membership_application&id=${app.id}`,
    });
    expect(staffView.body.actions.map((a) => a.action).sort()).toEqual(['approve', 'reject', 'request_info', 'transfer']);
    expect(staffView.body.actions.find((a) => a.action === 'reject')?.tone).toBe('danger');
    expect(staffView.body.history.map((h) => h.action)).toEqual(['submit']);
    expect(staffView.body.deadline?.workingDaysLeft).toBe(15);

    const mine = await getCase(worker, app.caseId);
    expect(mine.body.actions.map((a) => a.action)).toEqual(['withdraw']);
    expect(mine.body.route).toBe(`/pages/membership/application/index?id=${app.id}`);
  });

  it('answers 404 outside place, function or ownership, as the domain endpoints do', async () => {
    const applicant = await t.newWorker('caseapi404');
    const app = await applyToJoin(applicant);
    // Another worker; a lawyer at the county (legal function, not membership); a cadre of another town.
    const outsiders = {
      worker: await t.newWorker('caseapiother'),
      lawyer: await t.loginAs('lawyer', COUNTY),
      town2: await t.loginAs('town_cadre', '县总工会/万安镇总工会'),
    };
    for (const [who, token] of Object.entries(outsiders)) {
      const seen = await getCase(token, app.caseId);
      expect([who, seen.status]).toEqual([who, 404]);
      expect([who, (await step(token, app.caseId, { action: 'approve', version: app.version })).status]).toEqual([who, 404]);
    }
    expect((await getCase(unionCadre, 99_999_999)).status).toBe(404);
    expect((await t.http('GET', '/cases/abc', { token: unionCadre })).status).toBe(400);
    expect((await t.http('GET', `/cases/${app.caseId}`)).status).toBe(401);
  });

  it('takes a plain step through the case type handler: its checks, effects and notices run', async () => {
    const worker = await t.newWorker('caseapistep');
    const app = await applyToJoin(worker);
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const before = await t.count('case_history');

    // A refused request changes nothing: stale version, unknown step, a step not open to the worker, extra fields.
    expect((await step(cadre, app.caseId, { action: 'approve', version: app.version + 1 })).body.code).toBe('state_conflict');
    expect((await step(cadre, app.caseId, { action: 'no_such_step', version: app.version })).status).toBe(400);
    expect((await step(worker, app.caseId, { action: 'approve', version: app.version })).body.code).toBe('action_not_allowed');
    expect((await step(cadre, app.caseId, { action: 'approve', version: app.version, amountFen: 1 })).status).toBe(400);
    expect(await t.count('case_history')).toBe(before);
    expect((await getCase(cadre, app.caseId)).body.state).toBe('submitted');

    const approved = await step(cadre, app.caseId, { action: 'approve', version: app.version });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', stateTone: 'success', terminal: true, version: app.version + 1 });
    expect(approved.body.actions).toEqual([]);
    expect(approved.body.history.map((h) => h.action)).toEqual(['submit', 'approve']);
    // The membership handler's effect (the member) and its notice happened as on the domain endpoint.
    expect((await t.http('GET', '/membership/me', { token: worker })).status).toBe(200);
    const messages = await t.http<Page<{ title: string }>>('GET', '/messages', { token: worker });
    expect(messages.body.items.map((m) => m.title)).toContain('入会申请已通过');
    const domain = await t.http<MembershipApplicationView>('GET', `/membership/applications/${app.id}`, { token: worker });
    expect(domain.body).toMatchObject({ state: 'approved', version: app.version + 1 });
  });

  it('refuses a step that records a form: it goes through its own endpoint', async () => {
    const worker = await t.newWorker('caseapiform');
    const created = await t.http<HardshipApplicationView>('POST', '/hardship/applications', {
      token: worker,
      body: hardshipApplication(constructionId),
    });
    expect(created.status).toBe(201);
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const kase = await getCase(cadre, created.body.caseId);
    expect(kase.status).toBe(200);
    expect(kase.body.caseType).toBe('hardship_application');
    expect(kase.body.route).toBe(`/staff/pages/hardship/index?id=${created.body.id}`);
    const formStep = kase.body.actions.find((a) => a.form);
    expect(formStep).toBeDefined();
    const refused = await step(cadre, created.body.caseId, { action: formStep?.action, version: kase.body.version });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('action_not_allowed');
    expect((await getCase(cadre, created.body.caseId)).body.version).toBe(kase.body.version);
    // A plain step of the same case goes through: the worker withdraws.
    const withdrawn = await step(worker, created.body.caseId, { action: 'withdraw', version: kase.body.version });
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', stateTone: 'default', terminal: true });
  });

  it('finds the same case from each domain page: every view names its case, and the case names the view back', async () => {
    // A member with a case of each kind: joined the union, booked a lawyer, applied for legal aid
    // and for hardship aid, made a proposal.
    const { token: member } = await aMember(t);
    await aConsultation(t, { worker: member });
    await aLegalAidApplication(t, { worker: member });
    await aProposal(t, { author: member, cadre: unionCadre });
    await aHardshipCase(t, { applicant: member });
    const detail: Record<string, (id: number) => string> = {
      '/legal/consultations/mine': (id) => `/legal/consultations/${id}`,
      '/legal/aid-applications/mine': (id) => `/legal/aid-applications/${id}`,
      '/proposals/mine': (id) => `/proposals/${id}`,
      '/membership/applications/mine': (id) => `/membership/applications/${id}`,
      '/hardship/applications/mine': (id) => `/hardship/applications/${id}`,
    };
    let checked = 0;
    for (const [list, one] of Object.entries(detail)) {
      const rows = await t.http<{ id: number }[] | Page<{ id: number }>>('GET', list, { token: member });
      expect([list, rows.status]).toEqual([list, 200]);
      const first = (Array.isArray(rows.body) ? rows.body : rows.body.items)[0];
      expect([list, first]).toEqual([list, expect.objectContaining({ id: expect.any(Number) })]);
      const view = await t.http<{ id: number; caseId: number; version: number }>('GET', one(first.id), { token: member });
      const kase = await getCase(member, view.body.caseId);
      expect([list, kase.status, kase.body.subjectId, kase.body.version]).toEqual([list, 200, view.body.id, view.body.version]);
      checked += 1;
    }
    expect(checked).toBe(Object.keys(detail).length);
  });

  // On the embedded database transactions run one at a time, so the two never race there.
  itRaces('lets exactly one of two cadres acting on the same case at once win', async () => {
    const app = await applyToJoin(await t.newWorker('caseapirace'));
    const [a, b] = [unionCadre, await t.loginAs('town_cadre', '县总工会/城关镇总工会')];
    const results = await Promise.all([
      step(a, app.caseId, { action: 'approve', version: app.version }),
      step(b, app.caseId, { action: 'approve', version: app.version }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await getCase(a, app.caseId)).body.history.filter((h) => h.action === 'approve')).toHaveLength(1);
  });

  it("answers a case's actions and history alone, the same as the whole case, to the same people", async () => {
    const worker = await t.newWorker('caseparts');
    const app = await applyToJoin(worker);
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    for (const token of [worker, cadre]) {
      const whole = await getCase(token, app.caseId);
      expect(whole.status).toBe(200);
      const actions = await t.http<CaseView['actions']>('GET', `/cases/${app.caseId}/actions`, { token });
      const history = await t.http<CaseView['history']>('GET', `/cases/${app.caseId}/history`, { token });
      expect(actions.body).toEqual(whole.body.actions);
      expect(history.body).toEqual(whole.body.history);
    }
    expect(
      (await t.http<CaseView['actions']>('GET', `/cases/${app.caseId}/actions`, { token: cadre })).body.map((a) => a.action),
    ).toContain('approve');
    expect(
      (await t.http<CaseView['actions']>('GET', `/cases/${app.caseId}/actions`, { token: worker })).body.map((a) => a.action),
    ).not.toContain('approve');
    // Outside their function or place: 404, as for the whole case.
    const lawyer = await t.loginAs('lawyer', COUNTY);
    expect((await t.http('GET', `/cases/${app.caseId}/actions`, { token: lawyer })).status).toBe(404);
    expect((await t.http('GET', `/cases/${app.caseId}/history`, { token: lawyer })).status).toBe(404);
    expect((await t.http('GET', '/cases/99999999/history', { token: cadre })).status).toBe(404);
  });
});

import type { CaseView, HardshipApplicationView, MessageView, Page, PublicNoticeView } from '@union/shared';
import { DataSource } from 'typeorm';
import { aHardshipCase, CONSTRUCTION_UNION } from './factories';
import { itRaces, startTestApp, type TestApp } from './harness';

/**
 * An objection to a public notice is a case of its own (hardship_objection, …): raised online or
 * recorded by staff, answered once through the transition service, never by the person who raised
 * it online, and seen only by the objector and the staff who handle the notice's case.
 */
describe('objections as cases (e2e over HTTP)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** An application on notice at the construction company's union, and its notice's id. */
  async function onNotice() {
    const c = await aHardshipCase(t, { state: 'public_notice', union: CONSTRUCTION_UNION });
    return { ...c, noticeId: c.application.publicNotice?.id as number };
  }

  const object = (token: string, noticeId: number, body: Record<string, unknown>) =>
    t.http<PublicNoticeView>('POST', `/hardship/notices/${noticeId}/objections`, { token, body });
  const resolve = (token: string, objectionId: number, body: Record<string, unknown>) =>
    t.http<PublicNoticeView & { code?: string }>('POST', `/hardship/objections/${objectionId}/resolve`, { token, body });
  const getCase = (token: string, caseId: number) => t.http<CaseView & { code?: string }>('GET', `/cases/${caseId}`, { token });

  /** The newest objection to the notice of `applicationCaseId`: its id and its own case's id. */
  async function newestObjection(applicationCaseId: number): Promise<{ id: number; caseId: number }> {
    const [row] = (await t.app
      .get(DataSource)
      .query('SELECT id, case_id AS caseId FROM notice_objections WHERE notice_case_id = ? ORDER BY id DESC LIMIT 1', [
        applicationCaseId,
      ])) as { id: number; caseId: number }[];
    return { id: Number(row.id), caseId: Number(row.caseId) };
  }

  it('opens a case for each objection, answered once, and tells the objector', async () => {
    const c = await onNotice();
    const objector = await t.newWorker('objector');
    expect((await object(objector, c.noticeId, { channel: 'online', content: '他家在城里还有一套住房' })).status).toBe(201);
    const o = await newestObjection(c.application.caseId);

    // The objector follows their objection as a case; a lawyer of the county (no hardship work) does not see it.
    const seen = await getCase(objector, o.caseId);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ caseType: 'hardship_objection', caseTypeLabel: '困难帮扶公示异议', state: 'open', terminal: false });
    expect(seen.body.title).toContain('公示异议');
    const lawyer = await t.loginAs('lawyer', '县总工会');
    expect((await getCase(lawyer, o.caseId)).status).toBe(404);
    const staffView = await getCase(c.staff.grassroots, o.caseId);
    expect(staffView.body.actions.map((a) => [a.action, a.form])).toEqual([['resolve', 'objection_resolution']]);

    // The staff's search does not list it on its own: it is on the page of the application on notice.
    const search = await t.http<Page<{ caseId: number }>>('POST', '/cases/search', { token: c.staff.grassroots, body: { limit: 50 } });
    expect(search.status).toBe(200);
    expect(search.body.items.map((i) => i.caseId)).toContain(c.application.caseId);
    expect(search.body.items.map((i) => i.caseId)).not.toContain(o.caseId);
    const byType = await t.http<Page<unknown>>('POST', '/cases/search', {
      token: c.staff.grassroots,
      body: { caseType: 'hardship_objection' },
    });
    expect(byType.body.items).toEqual([]);

    // The answer is a form: the plain step of the case API refuses it, and changes nothing.
    const plain = await t.http<{ code: string }>('POST', `/cases/${o.caseId}/transitions`, {
      token: c.staff.grassroots,
      body: { action: 'resolve', version: staffView.body.version },
    });
    expect({ status: plain.status, code: plain.body.code }).toEqual({ status: 409, code: 'action_not_allowed' });
    expect((await getCase(objector, o.caseId)).body).toMatchObject({ state: 'open', version: staffView.body.version });

    // While it is open the application cannot go up; answered, it can.
    const blocked = (
      await t.http<HardshipApplicationView>('GET', `/hardship/applications/${c.application.id}`, { token: c.staff.grassroots })
    ).body;
    expect(blocked.publicNotice?.objections.map((x) => x.status)).toEqual(['open']);

    const answered = await resolve(c.staff.grassroots, o.id, { resolution: '经核实该住房属其兄弟所有。', upheld: false });
    expect(answered.status).toBe(200);
    expect(answered.body.objections).toMatchObject([{ id: o.id, status: 'resolved', resolution: '经核实该住房属其兄弟所有。' }]);
    expect(answered.body.objections[0].resolvedAt).not.toBeNull();

    const closed = (await getCase(objector, o.caseId)).body;
    expect(closed).toMatchObject({ state: 'resolved', terminal: true, version: staffView.body.version + 1 });
    const history = await t.http<{ action: string; toState: string }[]>('GET', `/cases/${o.caseId}/history`, { token: objector });
    expect(history.body.map((h) => [h.action, h.toState])).toEqual([
      ['submit', 'open'],
      ['resolve', 'resolved'],
    ]);
    const messages = await t.http<Page<MessageView>>('GET', '/messages', { token: objector });
    expect(messages.body.items.find((m) => m.title === '您提出的公示异议已答复')?.body).toContain('经核实该住房属其兄弟所有');
    const applicantMessages = await t.http<Page<MessageView>>('GET', '/messages', { token: c.applicant });
    expect(applicantMessages.body.items.some((m) => m.title === '公示异议已处理')).toBe(true);

    // Answered once: a second answer is refused and the first stands.
    const again = await resolve(c.staff.grassroots, o.id, { resolution: '再答复一次', upheld: true });
    expect(again.status).toBe(409);
    const [row] = (await t.app.get(DataSource).query('SELECT resolution, upheld FROM notice_objections WHERE id = ?', [o.id])) as {
      resolution: string;
      upheld: number | boolean;
    }[];
    expect(row.resolution).toBe('经核实该住房属其兄弟所有。');
    expect(Boolean(row.upheld)).toBe(false);
  }, 60_000);

  it('lets staff record an objection received offline and answer it, but not answer their own online one', async () => {
    const c = await onNotice();
    // Recorded from a letter by the union's cadre, who is not its objector: they may answer it.
    expect((await object(c.staff.grassroots, c.noticeId, { channel: 'letter', content: '来信反映其配偶有稳定收入' })).status).toBe(201);
    const recorded = await newestObjection(c.application.caseId);
    const [kase] = (await t.app
      .get(DataSource)
      .query('SELECT applicant_name_masked AS name FROM workflow_cases WHERE id = ?', [recorded.caseId])) as { name: string }[];
    expect(kase.name).toBe('线下收到');
    expect((await resolve(c.staff.grassroots, recorded.id, { resolution: '经核实配偶已失业。', upheld: false })).status).toBe(200);

    // The town's cadre objects online as anyone may; answering it themselves is refused, another cadre answers.
    expect((await object(c.staff.town, c.noticeId, { channel: 'online', content: '请再核实家庭收入' })).status).toBe(201);
    const own = await newestObjection(c.application.caseId);
    const refused = await resolve(c.staff.town, own.id, { resolution: '我自己来答复这条异议。', upheld: false });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 403, code: 'forbidden' });
    expect((await getCase(c.staff.grassroots, own.caseId)).body.state).toBe('open');
    expect((await resolve(c.staff.grassroots, own.id, { resolution: '已复核收入。', upheld: false })).status).toBe(200);
  }, 60_000);

  itRaces(
    'two cadres answering the same objection at once: exactly one wins',
    async () => {
      const c = await onNotice();
      const objector = await t.newWorker('racer');
      await object(objector, c.noticeId, { channel: 'online', content: '同时答复的异议' });
      const o = await newestObjection(c.application.caseId);
      const other = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
      const results = await Promise.all([
        resolve(c.staff.grassroots, o.id, { resolution: '经核实异议不成立（甲）。', upheld: false }),
        resolve(other, o.id, { resolution: '经核实异议成立（乙）。', upheld: true }),
      ]);
      expect(results.map((r) => [r.status, r.body.code ?? null]).sort()).toEqual([
        [200, null],
        [409, 'state_conflict'],
      ]);
      const history = await t.http<{ action: string }[]>('GET', `/cases/${o.caseId}/history`, { token: objector });
      expect(history.body.filter((h) => h.action === 'resolve')).toHaveLength(1);
    },
    60_000,
  );
});

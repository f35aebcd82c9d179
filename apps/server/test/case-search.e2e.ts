import type { CaseSearchPage, MembershipApplicationView, Page } from '@union/shared';
import { DataSource } from 'typeorm';
import { aCompetition, aMember, anEmployerFlag, aPetition, CONSTRUCTION_UNION, COUNTY } from './factories';
import { newIdNumber, newPhone, startTestApp, type TestApp } from './harness';

type SearchAnswer = CaseSearchPage & { code?: string; details?: { field: string; message: string }[] };

/** POST /api/cases/search: the staff's search over the cases of every type they handle. */
describe('the staff case search (e2e over HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const search = (token: string, body: Record<string, unknown>) => t.http<SearchAnswer>('POST', '/cases/search', { token, body });

  async function applyToJoin(realName: string, idNumber = newIdNumber()): Promise<MembershipApplicationView> {
    const res = await t.http<MembershipApplicationView>('POST', '/membership/applications', {
      token: await t.newWorker('search'),
      body: {
        realName,
        idNumber,
        phone: newPhone(),
        employerName: '县城建筑公司',
        employmentType: 'employee',
        organizationId: await t.organisationAt(CONSTRUCTION_UNION),
        hideFromEmployer: false,
      },
    });
    if (res.status !== 201) throw new Error(`apply: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Every page of a search, following nextCursor. */
  async function allPages(token: string, body: Record<string, unknown>): Promise<CaseSearchPage['items']> {
    const items: CaseSearchPage['items'] = [];
    let after: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const res = await search(token, { ...body, ...(after ? { after } : {}) });
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      if (!res.body.nextCursor) return items;
      after = res.body.nextCursor;
    }
    throw new Error('more than 100 pages');
  }

  it('pages every case the cadre handles, newest first, by keyset: no case twice, none skipped', async () => {
    const opened = [await applyToJoin('测试甲'), await applyToJoin('测试乙'), await applyToJoin('测试丙')];
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const items = await allPages(cadre, { caseType: 'membership_application', limit: 2 });
    const ids = items.map((i) => i.caseId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    for (const app of opened) expect(ids).toContain(app.caseId);
    const mine = items.find((i) => i.caseId === opened[0].caseId);
    expect(mine).toMatchObject({
      caseType: 'membership_application',
      caseTypeLabel: '入会申请',
      subjectId: opened[0].id,
      state: 'submitted',
      terminal: false,
      applicantNameMasked: '测**',
      organizationName: '县城建筑公司工会',
      route: `/staff/pages/case/index?type=membership_application&id=${opened[0].id}`,
    });
    // Narrowed to a step, and to open or closed cases.
    const submitted = await allPages(cadre, { caseType: 'membership_application', state: 'submitted' });
    expect(submitted.every((i) => i.state === 'submitted')).toBe(true);
    expect((await allPages(cadre, { open: false })).every((i) => i.terminal)).toBe(true);
  });

  it('finds an applicant by ID number through the blind index, and by name compared masked; the lookup is audited without the number', async () => {
    const idNumber = newIdNumber();
    const app = await applyToJoin('亓官测试员', idNumber);
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const ds = t.app.get(DataSource);
    const audits = async () => (await ds.query("SELECT reason FROM audit_log WHERE action = 'pii.lookup'")) as { reason: string }[];
    const before = (await audits()).length;

    const byId = await search(cadre, { applicant: idNumber.toLowerCase() });
    expect(byId.status).toBe(200);
    expect(byId.body.items.map((i) => i.caseId)).toEqual([app.caseId]);
    const after = await audits();
    expect(after).toHaveLength(before + 1);
    expect(after.map((a) => a.reason).join()).not.toContain(idNumber);
    // The number is kept nowhere in the case row either.
    const [row] = (await ds.query('SELECT * FROM workflow_cases WHERE id = ?', [app.caseId])) as Record<string, unknown>[];
    expect(JSON.stringify(row)).not.toContain(idNumber);

    for (const applicant of ['亓官测试员', '亓****']) {
      const byName = await search(cadre, { applicant });
      expect(byName.status).toBe(200);
      expect(byName.body.items.map((i) => i.caseId)).toContain(app.caseId);
      expect(byName.body.items.every((i) => i.applicantNameMasked === '亓****')).toBe(true);
    }
    expect((await search(cadre, { applicant: newIdNumber() })).body.items).toEqual([]);
  });

  it('finds by ID the cases of a member whose form gave none (through their member record)', async () => {
    const idNumber = newIdNumber();
    const { token } = await aMember(t, { application: { idNumber } });
    const asked = await t.http<{ caseId: number }>('POST', '/legal/threads', {
      token,
      body: { topic: 'contract', body: '试用期可以延长吗？' },
    });
    expect(asked.status).toBe(201);
    const legalStaff = await t.loginAs('legal_staff', '县总工会');
    const found = await search(legalStaff, { applicant: idNumber });
    expect(found.status).toBe(200);
    expect(found.body.items.map((i) => [i.caseType, i.caseId])).toEqual([['legal_thread', asked.body.caseId]]);
  });

  it('shows only what the actor handles: by function (a lawyer sees no hardship cases) and by place (another town sees nothing of 城关镇)', async () => {
    const app = await applyToJoin('测试丁');
    const lawyer = await t.loginAs('lawyer', '县总工会');
    const asLawyer = await allPages(lawyer, {});
    expect(asLawyer.every((i) => i.caseType.startsWith('legal_') || i.caseType === 'petition')).toBe(true);
    expect((await search(lawyer, { caseType: 'hardship_application' })).body.items).toEqual([]);

    const wanan = await t.loginAs('town_cadre', '县总工会/万安镇总工会');
    expect((await allPages(wanan, { caseType: 'membership_application' })).map((i) => i.caseId)).not.toContain(app.caseId);
    const elsewhere = await search(wanan, { organizationId: await t.organisationAt('县总工会/城关镇总工会') });
    expect(elsewhere.status).toBe(403);
    const county = await t.loginAs('county_cadre', '县总工会');
    const under = await allPages(county, {
      organizationId: await t.organisationAt('县总工会/城关镇总工会'),
      caseType: 'membership_application',
    });
    expect(under.map((i) => i.caseId)).toContain(app.caseId);
  });

  it('finds overdue cases once their deadline has passed', async () => {
    const app = await applyToJoin('测试戊');
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const overdue = () => allPages(cadre, { overdue: true, caseType: 'membership_application' });
    expect((await overdue()).map((i) => i.caseId)).not.toContain(app.caseId);
    t.clock.advance(40 * 24 * 3600_000);
    const late = await overdue();
    expect(late.map((i) => i.caseId)).toContain(app.caseId);
    expect(late.every((i) => i.deadline?.overdue)).toBe(true);
  });

  it('refuses what it cannot answer, with the field at fault, and workers cannot search', async () => {
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const refused = async (body: Record<string, unknown>, field: string) => {
      const res = await search(cadre, body);
      expect(res.status).toBe(400);
      expect(res.body.details?.map((d) => d.field)).toContain(field);
    };
    await refused({ state: 'submitted' }, 'state');
    await refused({ caseType: 'membership_application', state: 'home_visit' }, 'state');
    await refused({ caseType: 'no_such_type' }, 'caseType');
    await refused({ limit: 500 }, 'limit');
    await refused({ overdue: 'yes' }, 'overdue');
    await refused({ after: 'not-a-cursor' }, 'after');
    await refused({ colour: 'red' }, 'colour');
    expect((await search(cadre, { organizationId: 999999 })).status).toBe(400);
    expect((await search(await t.newWorker('nosearch'), {})).status).toBe(403);
  });

  it('pages the staff lists that used to stop at a fixed count: limit 1 page by page gives the same rows as one big page', async () => {
    // A member makes a proposal.
    const { token } = await aMember(t);
    const proposal = await t.http('POST', '/proposals', {
      token,
      body: {
        title: '车间增设饮水点',
        problem: '夏天车间离饮水点太远，工人来回要走十分钟。',
        suggestion: '在二号车间东门增设一个饮水点，配保温桶。',
        expectedBenefit: '少中暑',
      },
    });
    expect(proposal.status).toBe(201);
    // The enterprise union nominates two.
    const nominator = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const kinds = (await t.http<{ id: number; code: string }[]>('GET', '/honours/kinds', { token: nominator })).body;
    for (const nomineeName of ['钱师傅', '孙师傅']) {
      const nominated = await t.http('POST', '/honours/nominations', {
        token: nominator,
        body: {
          kindId: kinds[0].id,
          nomineeName,
          employerName: '县城建筑公司',
          deeds: '扎根一线二十年，带出徒弟三十多名，多次在技能比武中获奖。',
          year: Number(t.clock.today().slice(0, 4)),
        },
      });
      expect(nominated.status).toBe(201);
    }
    // Two competitions, two employer flags and two petitions (the county's staff set them up).
    const organiser = await t.loginAs('county_cadre', COUNTY);
    for (let i = 0; i < 2; i += 1) {
      await aCompetition(t, { organiser });
      await anEmployerFlag(t, { by: organiser });
      await aPetition(t);
    }
    // And the registry of model workers: two of the same year, one older (the order is year, then id).
    const admin = await t.loginAs('county_admin', COUNTY);
    for (const [name, awardedYear] of [
      ['赵劳模', 2024],
      ['钱劳模', 2024],
      ['孙劳模', 2019],
    ] as const) {
      const added = await t.http('POST', '/honours/model-workers', {
        token: admin,
        body: { name, employerName: '县城建筑公司', title: '县级劳动模范', awardedYear },
      });
      expect(added.status).toBe(201);
    }
    const lists: [string, string][] = [
      ['/proposals', 'county_cadre'],
      ['/honours/nominations', 'county_admin'],
      ['/competitions?filter=all', 'county_admin'],
      ['/competitions/employer-flags', 'county_admin'],
      ['/legal/petitions', 'county_admin'],
      ['/honours/model-workers', 'county_admin'],
    ];
    for (const [list, role] of lists) {
      const county = await t.loginAs(role, COUNTY);
      const join = list.includes('?') ? '&' : '?';
      const whole = await t.http<Page<{ id: number }>>('GET', `${list}${join}limit=50`, { token: county });
      expect(whole.status).toBe(200);
      expect(whole.body.nextCursor).toBeNull();
      const walked: number[] = [];
      let after: string | null = null;
      do {
        const page: { status: number; body: Page<{ id: number }> } = await t.http<Page<{ id: number }>>(
          'GET',
          `${list}${join}limit=1${after ? `&after=${encodeURIComponent(after)}` : ''}`,
          { token: county },
        );
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(1);
        walked.push(...page.body.items.map((i) => i.id));
        after = page.body.nextCursor;
      } while (after && walked.length < 60);
      expect({ list, ids: walked }).toEqual({ list, ids: whole.body.items.map((i) => i.id) });
      expect({ list, found: walked.length > 0 }).toEqual({ list, found: true });
    }
  });

  it('refuses a tampered or foreign cursor on every keyset-paged list with 400, the field named', async () => {
    const admin = await t.loginAs('county_admin', COUNTY);
    const lawyer = await t.loginAs('legal_staff', '县总工会');
    // Not base64 JSON; an id cursor where a (key, id) one is expected; a key of the wrong kind; an instant that is none.
    const encode = (parts: unknown[]) => Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
    const lists: [string, string, string[]][] = [
      ['/proposals', 'county_cadre', ['!!!', encode(['x'])]],
      ['/honours/model-workers', 'county_admin', ['!!!', encode([5]), encode(['2024', 1])]],
      ['/honours/roll', 'county_admin', ['!!!', encode([5])]],
      [`/legal/consultations/day?date=${t.clock.today()}`, 'legal_staff', ['!!!', encode(['not a time', 1])]],
      ['/workbench/queue', 'county_admin', ['!!!', encode([1]), encode(['not a time', 1])]],
    ];
    for (const [list, persona, cursors] of lists) {
      const token = persona === 'legal_staff' ? lawyer : persona === 'county_admin' ? admin : await t.loginAs(persona, COUNTY);
      for (const after of cursors) {
        const join = list.includes('?') ? '&' : '?';
        const res = await t.http<{ code: string; details?: { field: string }[] }>(
          'GET',
          `${list}${join}after=${encodeURIComponent(after)}`,
          {
            token,
          },
        );
        expect({ list, after, status: res.status, code: res.body.code }).toEqual({ list, after, status: 400, code: 'validation_failed' });
        expect(res.body.details?.map((d) => d.field)).toContain('after');
      }
    }
  });
});

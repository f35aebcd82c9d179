import {
  addDays,
  cstDate,
  defaultWorkCalendar,
  DEFAULT_HARDSHIP_RULES,
  type CalendarDayView,
  type CaseSearchPage,
  type HardshipApplicationView,
  type HardshipRuleSetView,
  type HardshipSelfTestResult,
  type LegalAidApplicationView,
  type MembershipApplicationView,
  type OrganizationRouteSuggestion,
  type OrganizationView,
} from '@union/shared';
import { hardshipApplication } from './hardship-fixtures';
import { legalAidRequest } from './legal-fixtures';
import { newIdNumber, newPhone, startTestApp, type TestApp } from './harness';

/** The demo tree of a province's deployment (PROVINCE_NAME): the province, a city, two counties. */
const PROVINCE = '示范省总工会';
const CITY = `${PROVINCE}/示范市总工会`;
const COUNTY_A = `${CITY}/示范县总工会`;
const COUNTY_B = `${CITY}/邻县总工会`;
const TOWN_A = `${COUNTY_A}/城关镇总工会`;
const TOWN_B = `${COUNTY_B}/东山镇总工会`;
const FIRM_B = `${TOWN_B}/东山机械厂工会`;

const SELF_TEST = {
  householdSize: 3,
  annualIncomeFen: 2_700_000,
  essentialSpendingFen: 0,
  accidentCostsFen: 0,
  employmentType: 'employee',
  employmentMonths: 36,
  exclusions: [],
};

/**
 * Many counties in one deployment: a province runs one installation whose tree starts at the
 * province (province → city → county → town → grassroots). Each county keeps its own rules,
 * legal-aid centre and cases; a county's staff see only their county; the province sees all.
 */
describe("a province's deployment with two counties (e2e over HTTP)", () => {
  let t: TestApp;
  let countyA: number;
  let countyB: number;
  beforeAll(async () => {
    t = await startTestApp({ PROVINCE_NAME: '示范省' });
    countyA = await t.organisationAt(COUNTY_A);
    countyB = await t.organisationAt(COUNTY_B);
  });
  afterAll(() => t.close());

  const joinAt = async (organisationPath: string): Promise<MembershipApplicationView> => {
    const res = await t.http<MembershipApplicationView>('POST', '/membership/applications', {
      token: await t.newWorker('joiner'),
      body: {
        realName: '赵东山',
        idNumber: newIdNumber(),
        phone: newPhone(),
        employerName: '东山机械厂',
        employmentType: 'employee',
        organizationId: await t.organisationAt(organisationPath),
        hideFromEmployer: false,
      },
    });
    if (res.status !== 201) throw new Error(`apply: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const searchIds = async (token: string, body: Record<string, unknown> = {}) => {
    const res = await t.http<CaseSearchPage>('POST', '/cases/search', { token, body: { limit: 50, ...body } });
    expect(res.status).toBe(200);
    return res.body.items.map((i) => i.caseId);
  };

  it('lists its counties for a worker to choose, each under the province and the city', async () => {
    const res = await t.http<OrganizationView[]>('GET', '/organizations/counties');
    expect(res.status).toBe(200);
    expect(res.body.map((c) => [c.id, c.kind, c.pathNames])).toEqual([
      [countyA, 'county_federation', ['示范省总工会', '示范市总工会', '示范县总工会']],
      [countyB, 'county_federation', ['示范省总工会', '示范市总工会', '邻县总工会']],
    ]);
    const province = await t.http<OrganizationView[]>('GET', '/organizations/search?q=%E7%A4%BA%E8%8C%83%E7%9C%81', {
      token: await t.newWorker(),
    });
    expect(province.body.map((o) => [o.kind, o.kindLabel])).toEqual([['province_federation', '省总工会']]);
  });

  it("judges a self-test by the chosen county's rules, and asks which county when none is named", async () => {
    const none = await t.http<{ code: string; details: { field: string }[] }>('POST', '/hardship/self-test', { body: SELF_TEST });
    expect(none.status).toBe(400);
    expect(none.body.details.map((d) => d.field)).toEqual(['countyId']);
    const notACounty = await t.http('POST', `/hardship/self-test?countyId=${await t.organisationAt(TOWN_A)}`, { body: SELF_TEST });
    expect(notACounty.status).toBe(400);

    // ¥750 a head a month: under county A's line (¥800), over county B's (¥700).
    const inA = await t.http<HardshipSelfTestResult>('POST', `/hardship/self-test?countyId=${countyA}`, { body: SELF_TEST });
    const inB = await t.http<HardshipSelfTestResult>('POST', `/hardship/self-test?countyId=${countyB}`, { body: SELF_TEST });
    expect([inA.body.minimumLivingFen, inB.body.minimumLivingFen]).toEqual([
      DEFAULT_HARDSHIP_RULES.minimumLivingFen,
      DEFAULT_HARDSHIP_RULES.minimumLivingFen - 10_000,
    ]);
    expect([inA.body.severeLineFen, inB.body.severeLineFen]).toEqual([
      DEFAULT_HARDSHIP_RULES.minimumLivingFen,
      DEFAULT_HARDSHIP_RULES.minimumLivingFen - 10_000,
    ]);
    expect([inA.body.category, inB.body.category]).toEqual(['severe', 'relative']);
    const current = await t.http<HardshipRuleSetView>('GET', `/hardship/rule-sets/current?countyId=${countyB}`);
    expect(current.body.rules.minimumLivingFen).toBe(DEFAULT_HARDSHIP_RULES.minimumLivingFen - 10_000);
  });

  it("keeps each county's rule sets apart: a county edits its own, the province edits none", async () => {
    const adminA = await t.loginAs('county_admin', COUNTY_A);
    const adminB = await t.loginAs('county_admin', COUNTY_B);
    const versions = async (token: string) =>
      (await t.http<HardshipRuleSetView[]>('GET', '/hardship/rule-sets', { token })).body.map((v) => v.rules.minimumLivingFen);
    const beforeA = await versions(adminA);
    const year = new Date().getFullYear() + 1;
    const body = { year, effectiveFrom: `${year}-01-01`, rules: { ...DEFAULT_HARDSHIP_RULES, minimumLivingFen: 65_000 } };
    expect((await t.http('POST', '/hardship/rule-sets', { token: adminB, body })).status).toBe(201);
    expect(await versions(adminB)).toEqual([65_000, DEFAULT_HARDSHIP_RULES.minimumLivingFen - 10_000]);
    expect(await versions(adminA)).toEqual(beforeA);

    const provinceAdmin = await t.loginAs('county_admin', PROVINCE);
    const before = await t.count('rule_sets');
    const refused = await t.http('POST', '/hardship/rule-sets', { token: provinceAdmin, body });
    expect(refused.status).toBe(403);
    const legal = await t.http('POST', '/legal/rule-sets', {
      token: await t.loginAs('legal_staff', PROVINCE),
      body: {
        effectiveFrom: `${year}-01-01`,
        rules: (await t.http<{ rules: unknown }>('GET', '/legal/rule-sets/current?countyId=' + countyA, { token: adminA })).body.rules,
      },
    });
    expect(legal.status).toBe(403);
    expect(await t.count('rule_sets')).toBe(before);
  });

  it("shows a county's cases to its own staff and to the province, never to another county's", async () => {
    const applied = await joinAt(FIRM_B);
    const caseId = applied.caseId;
    const cadreA = await t.loginAs('county_cadre', COUNTY_A);
    const cadreB = await t.loginAs('county_cadre', COUNTY_B);
    const province = await t.loginAs('county_cadre', PROVINCE);
    const city = await t.loginAs('county_cadre', CITY);

    expect((await t.http('GET', `/membership/applications/${applied.id}`, { token: cadreB })).status).toBe(200);
    expect((await t.http('GET', `/membership/applications/${applied.id}`, { token: province })).status).toBe(200);
    expect((await t.http('GET', `/membership/applications/${applied.id}`, { token: cadreA })).status).toBe(404);
    expect(await searchIds(cadreB, { caseType: 'membership_application' })).toContain(caseId);
    expect(await searchIds(city, { caseType: 'membership_application' })).toContain(caseId);
    expect(await searchIds(province, { caseType: 'membership_application' })).toContain(caseId);
    expect(await searchIds(cadreA, { caseType: 'membership_application' })).not.toContain(caseId);
    // A county's staff cannot narrow their search to another county.
    const outside = await t.http('POST', '/cases/search', { token: cadreA, body: { organizationId: countyB } });
    expect(outside.status).not.toBe(200);

    // The province and the city oversee: no step is theirs to take, and one tried is refused.
    for (const overseer of [province, city]) {
      expect((await t.actionsOf(`/membership/applications/${applied.id}`, { token: overseer })).body).toEqual([]);
    }
    const byProvince = await t.step(`/membership/applications/${applied.id}`, {
      token: province,
      body: { action: 'approve', version: applied.version },
    });
    expect(byProvince.status).not.toBe(200);
    const desk = await t.http<{ count: number }[]>('GET', '/workbench/summary', { token: province });
    expect(desk.body.reduce((n, step) => n + step.count, 0)).toBe(0);
    const deskB = await t.http<{ count: number }[]>('GET', '/workbench/summary', { token: cadreB });
    expect(deskB.body.reduce((n, step) => n + step.count, 0)).toBeGreaterThan(0);
    expect((await t.actionsOf(`/membership/applications/${applied.id}`, { token: cadreB })).body.map((a) => a.action)).toContain('approve');

    const firmCadreB = await t.loginAs('grassroots_cadre', FIRM_B);
    const approved = await t.step(`/membership/applications/${applied.id}`, {
      token: firmCadreB,
      body: { action: 'approve', version: applied.version },
    });
    expect(approved.status).toBe(200);
  });

  it("counts each county's hardship in its own statistics and all of them in the province's", async () => {
    const submitted = async (token: string) =>
      (await t.http<{ applications: { submitted: number } }>('GET', '/hardship/statistics', { token })).body.applications.submitted;
    const cadreA = await t.loginAs('county_cadre', COUNTY_A);
    const cadreB = await t.loginAs('county_cadre', COUNTY_B);
    const province = await t.loginAs('county_cadre', PROVINCE);
    const before = await Promise.all([submitted(cadreA), submitted(cadreB), submitted(province)]);

    const worker = await t.newWorker('hardshipB');
    const res = await t.http<HardshipApplicationView>('POST', '/hardship/applications', {
      token: worker,
      body: hardshipApplication(await t.organisationAt(FIRM_B)),
    });
    expect(res.status).toBe(201);
    // Judged by county B's line (¥700 a head a month), not county A's (¥800).
    expect(res.body.assessment.severeLineFen).toBe(DEFAULT_HARDSHIP_RULES.minimumLivingFen - 10_000);

    expect(await Promise.all([submitted(cadreA), submitted(cadreB), submitted(province)])).toEqual([
      before[0],
      before[1] + 1,
      before[2] + 1,
    ]);
  });

  it("sends legal aid to the chosen county's centre: its staff take it, the other county's never see it", async () => {
    const worker = await t.newWorker('legalB');
    const none = await t.http<{ details: { field: string }[] }>('POST', '/legal/aid-applications', {
      token: worker,
      body: legalAidRequest(t),
    });
    expect(none.status).toBe(400);
    expect(none.body.details.map((d) => d.field)).toEqual(['countyId']);

    const applied = await t.http<LegalAidApplicationView>('POST', '/legal/aid-applications', {
      token: worker,
      body: legalAidRequest(t, { countyId: countyB }),
    });
    expect(applied.status).toBe(201);
    const staffB = await t.loginAs('legal_staff', COUNTY_B);
    const staffA = await t.loginAs('legal_staff', COUNTY_A);
    expect((await t.http('GET', `/legal/aid-applications/${applied.body.id}`, { token: staffB })).status).toBe(200);
    expect((await t.http('GET', `/legal/aid-applications/${applied.body.id}`, { token: staffA })).status).toBe(404);
    expect(await searchIds(staffA, { caseType: 'legal_aid_application' })).not.toContain(applied.body.caseId);
    expect(await searchIds(staffB, { caseType: 'legal_aid_application' })).toContain(applied.body.caseId);

    // An online question goes to county B's centre and to its lawyer, not county A's.
    const thread = await t.http<{ id: number; caseId: number }>('POST', '/legal/threads', {
      token: worker,
      body: { countyId: countyB, topic: 'unpaid_wages', body: '老板拖欠了三个月工资，怎么办？' },
    });
    expect(thread.status).toBe(201);
    expect((await t.http('GET', `/legal/threads/${thread.body.id}`, { token: staffB })).status).toBe(200);
    expect((await t.http('GET', `/legal/threads/${thread.body.id}`, { token: staffA })).status).toBe(404);

    // Free consultation slots are a county's lawyers' (county B has no schedule yet: none).
    const slotsB = await t.http<{ slots: unknown[] }[]>('GET', `/legal/slots?countyId=${countyB}`, { token: worker });
    const slotsA = await t.http<{ slots: unknown[] }[]>('GET', `/legal/slots?countyId=${countyA}`, { token: worker });
    expect(slotsB.body.flatMap((d) => d.slots)).toEqual([]);
    expect(slotsA.body.flatMap((d) => d.slots).length).toBeGreaterThan(0);
  });

  it("suggests the unions of the worker's county when it is named", async () => {
    const worker = await t.newWorker();
    const route = async (query: string) =>
      (await t.http<OrganizationRouteSuggestion>('GET', `/organizations/route?employerName=&${query}`, { token: worker })).body;
    const inB = await route(`countyId=${countyB}`);
    expect(inB.alternatives.map((o) => o.name)).toEqual(['东山镇总工会']);
    const everywhere = await route('');
    expect(everywhere.alternatives.map((o) => o.name)).toEqual(expect.arrayContaining(['东山镇总工会', '城关镇总工会']));
  });

  it("counts a county's deadlines in its own calendar: a local holiday moves them there and nowhere else", async () => {
    const national = defaultWorkCalendar();
    const today = cstDate(t.clock.now());
    let holiday = addDays(today, 1);
    while (!national.isWorkingDay(holiday)) holiday = addDays(holiday, 1);
    const adminA = await t.loginAs('county_admin', COUNTY_A);
    const adminB = await t.loginAs('county_admin', COUNTY_B);
    const put = (token: string, date: string, body: unknown) => t.http<CalendarDayView>('PUT', `/calendar/days/${date}`, { token, body });

    // Refused, and nothing written: above the counties, below a county's federation, a day gone, a bad body.
    const before = await t.count('work_calendar_days');
    const day = { working: false, name: '县庆' };
    expect((await put(await t.loginAs('county_admin', PROVINCE), holiday, day)).status).toBe(403);
    expect((await put(await t.loginAs('county_admin', TOWN_B), holiday, day)).status).toBe(403);
    expect((await put(await t.loginAs('county_cadre', COUNTY_B), holiday, day)).status).toBe(403);
    expect((await put(adminB, addDays(today, -1), day)).status).toBe(400);
    expect((await put(adminB, '2026-02-30', day)).status).toBe(400);
    expect((await put(adminB, holiday, { working: 'no', name: '' })).status).toBe(400);
    expect(await t.count('work_calendar_days')).toBe(before);

    const saved = await put(adminB, holiday, { working: false, name: '东山庙会' });
    expect(saved.status).toBe(200);
    expect((await put(adminB, holiday, day)).body.name).toBe('县庆'); // saved again: replaced
    const listB = await t.http<CalendarDayView[]>('GET', '/calendar/days', { token: adminB });
    expect(listB.body.map((d) => [d.date, d.working, d.name])).toEqual([[holiday, false, '县庆']]);
    expect((await t.http<CalendarDayView[]>('GET', '/calendar/days', { token: adminA })).body).toEqual([]);

    // The same application on the same day: due a working day later in county B than in county A.
    const inA = await joinAt(`${TOWN_A}/县城建筑公司工会`);
    const inB = await joinAt(FIRM_B);
    const dueDay = (v: MembershipApplicationView) => cstDate(new Date(v.deadline?.dueAt as string));
    const countyCalendar = national.withOverrides([{ date: holiday, working: false, name: '县庆' }]);
    const workingDays = national.workingDaysLeft(t.clock.now(), new Date(inA.deadline?.dueAt as string));
    expect(dueDay(inB)).toBe(countyCalendar.addWorkingDays(today, workingDays));
    expect(dueDay(inB) > dueDay(inA)).toBe(true);
    // County B's free consultation days name the holiday; county A's do not.
    const worker = await t.newWorker();
    const dayOf = async (countyId: number) =>
      (await t.http<{ date: string; holiday: string | null }[]>('GET', `/legal/slots?countyId=${countyId}`, { token: worker })).body.find(
        (d) => d.date === holiday,
      );
    expect((await dayOf(countyB))?.holiday).toBe('县庆');
    expect((await dayOf(countyA))?.holiday).toBeNull();

    // Taken back: the national calendar counts again.
    expect((await t.http('DELETE', `/calendar/days/${holiday}`, { token: adminB })).status).toBe(204);
    expect((await t.http('DELETE', `/calendar/days/${holiday}`, { token: adminB })).status).toBe(404);
    const again = await joinAt(FIRM_B);
    expect(dueDay(again)).toBe(dueDay(inA));
  });
});

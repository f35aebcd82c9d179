import type { MembershipApplicationView, Page, WorkbenchItem, WorkbenchStepSummary } from '@union/shared';
import { newIdNumber, newPhone, startTestApp, type TestApp } from './harness';
import { CONSTRUCTION_UNION } from './factories';

const DAY_MS = 86_400_000;

/**
 * The desk's queues per step (GET /api/workbench/summary) come from the counts kept with every
 * step, not from a scan: they must agree with the queue itself (every item paged through), leave
 * out what the cadre may not handle (their own case), move with each step, and count the overdue.
 */
describe('the workbench queues per step (e2e over HTTP)', () => {
  let t: TestApp;
  let constructionId: number;

  beforeAll(async () => {
    t = await startTestApp();
    constructionId = await t.organisationAt(CONSTRUCTION_UNION);
  });
  afterAll(() => t.close());

  async function applyToJoin(token: string): Promise<MembershipApplicationView> {
    const res = await t.http<MembershipApplicationView>('POST', '/membership/applications', {
      token,
      body: {
        realName: '排队测试',
        idNumber: newIdNumber(),
        phone: newPhone(),
        employerName: '县城建筑公司',
        employmentType: 'employee',
        organizationId: constructionId,
        hideFromEmployer: false,
      },
    });
    if (res.status !== 201) throw new Error(`apply: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const summary = async (token: string) => (await t.http<WorkbenchStepSummary[]>('GET', '/workbench/summary', { token })).body;
  const countOf = (steps: WorkbenchStepSummary[], caseType: string, state: string) =>
    steps.find((s) => s.caseType === caseType && s.state === state) ?? { count: 0, overdue: 0 };

  /** Every item of one step's queue, paged through. */
  async function queueOf(token: string, caseType: string, state: string): Promise<WorkbenchItem[]> {
    const items: WorkbenchItem[] = [];
    let after: string | null = null;
    do {
      const url = `/workbench/queue?limit=50&caseType=${caseType}&state=${state}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
      const page: Page<WorkbenchItem> = (await t.http<Page<WorkbenchItem>>('GET', url, { token })).body;
      items.push(...page.items);
      after = page.nextCursor;
    } while (after);
    return items;
  }

  it('agrees with the queue for every step and every desk, the cadre’s own case left out of theirs', async () => {
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    // The cadre applies to their own union: the county sees the case, the cadre may not handle it.
    const own = await applyToJoin(cadre);
    const county = await t.loginAs('county_admin');
    for (const token of [county, cadre, await t.loginAs('town_cadre'), await t.loginAs('legal_staff'), await t.loginAs('lawyer')]) {
      const steps = await summary(token);
      for (const s of steps) {
        const items = await queueOf(token, s.caseType, s.state);
        expect({ step: `${s.caseType}/${s.state}`, count: s.count }).toEqual({ step: `${s.caseType}/${s.state}`, count: items.length });
      }
    }
    expect((await queueOf(cadre, 'membership_application', 'submitted')).map((i) => i.caseId)).not.toContain(own.caseId);
    expect((await queueOf(county, 'membership_application', 'submitted')).map((i) => i.caseId)).toContain(own.caseId);
  });

  it('moves with each step: one more when a worker applies, one less when it is approved; overdue once the deadline has passed', async () => {
    const county = await t.loginAs('county_admin');
    const before = countOf(await summary(county), 'membership_application', 'submitted');
    const app = await applyToJoin(await t.newWorker('queuecount'));
    expect(countOf(await summary(county), 'membership_application', 'submitted').count).toBe(before.count + 1);
    // Past every deadline: every case of the step is overdue.
    t.clock.advance(60 * DAY_MS);
    const late = countOf(await summary(county), 'membership_application', 'submitted');
    expect(late.overdue).toBe(late.count);
    t.clock.reset();
    const approved = await t.http('POST', `/cases/${app.caseId}/transitions`, {
      token: county,
      body: { action: 'approve', version: app.version },
    });
    expect(approved.status).toBe(200);
    expect(countOf(await summary(county), 'membership_application', 'submitted').count).toBe(before.count);
  });
});

import { GRANT_APPLICATION_WORKFLOW as WF, type CreateAssistanceRecordRequest, type GrantApplicationAction } from '@union/shared';
import type { Actor } from '../../common/actor';
import type { Db } from '../../database/db.service';
import type { TransitionService } from '../workflow/transition.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { argsOf, caseRow, InMemoryDb, staffActor, StillClock, stepOf, takeStep, type RecordedQuery } from '../workflow/testing/fakes';
import type { AssistanceRecordsService } from './assistance-records.service';
import { Campaign } from './entities/campaign.entity';
import { GrantApplication } from './entities/grant-application.entity';
import { HardshipFile } from './entities/hardship-file.entity';
import { GrantApplicationProcess } from './grant-application.process';

/**
 * The 金秋助学 grant's process: the campaign, file and grant in memory, the budget query answered
 * with what the campaign has spent, the aid records service a recorder.
 */
function newTestService(spentFen = 0) {
  const db = new InMemoryDb();
  db.seed(Campaign, {
    id: 3,
    kind: 'autumn_school_grant',
    title: '2026年金秋助学',
    budgetFen: 1_000_000,
    endsOn: '2026-12-10',
    fundSource: '县总工会帮扶资金',
    version: 6,
  });
  db.seed(HardshipFile, { id: 12, applicantUserId: 100, organizationPath: '/1/2/5/' });
  const [grant] = db.seed(GrantApplication, {
    id: 60,
    caseId: 7,
    campaignId: 3,
    fileId: 12,
    applicantUserId: 100,
    schoolLevel: 'university',
    amountFen: 300_000,
    aidRecordId: null,
  });
  const campaignCas = { affected: 1 };
  db.answer = (q: RecordedQuery) => (q.end === 'getRawOne' ? { used: String(spentFen) } : q.end === 'execute' ? campaignCas : undefined);
  // 23:00 on 10 December in China: the campaign's last day.
  const clock = new StillClock('2026-12-10T15:00:00Z');
  const approved: { actorId: number; fileId: number; body: CreateAssistanceRecordRequest; campaignId: number | null }[] = [];
  const aidRecords = {
    approveAid: (_m: unknown, actor: Actor, file: HardshipFile, body: CreateAssistanceRecordRequest, o: { campaignId: number | null }) => {
      approved.push({ actorId: actor.userId, fileId: file.id, body, campaignId: o.campaignId });
      return Promise.resolve({ id: 501 });
    },
  } as unknown as AssistanceRecordsService;
  const process = new GrantApplicationProcess(clock, {} as TransitionService, new WorkflowCases({} as Db), aidRecords);
  const kase = caseRow({ id: 7, caseType: 'grant_application', subjectId: 60, state: 'submitted', organizationPath: '/1/' });
  const county = staffActor({
    userId: 2,
    organization: { id: 1, path: '/1/', level: 'county', kind: 'county_federation', name: '县总工会' },
  });
  const step = (action: GrantApplicationAction, comment?: string) =>
    stepOf(WF, action, { manager: db.manager, kase: { ...kase }, subject: grant, actor: county, comment });
  return { db, clock, process, kase, step, approved, campaignCas };
}

describe('GrantApplicationProcess (collaborators replaced)', () => {
  it('loads the grant application the case is about', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 60, campaignId: 3, amountFen: 300_000 });
    await expect(process.subject(db.manager, { ...kase, subjectId: 61 })).rejects.toThrow(/GrantApplication/);
  });

  it('on approval spends the campaign’s budget, approves the education aid by real name and links it to the grant', async () => {
    const { db, process, step, approved } = newTestService(400_000);
    const { notice } = await takeStep(process, step('approve'));
    // What the campaign has spent: its aid records whose case is not cancelled.
    const spent = db.queries.find((q) => q.end === 'getRawOne');
    expect(argsOf(spent, 'where')).toEqual(['r.campaignId = :id AND k.state <> :cancelled', { id: 3, cancelled: 'cancelled' }]);
    // The campaign's version moves by compare-and-set, so two approvals at once cannot both spend.
    const cas = db.queries.find((q) => q.end === 'execute');
    expect(cas?.entity).toBe('Campaign');
    expect(argsOf(cas, 'set')).toEqual([{ version: 7 }]);
    expect(argsOf(cas, 'where')).toEqual(['id = :id AND version = :version', { id: 3, version: 6 }]);
    expect(approved).toEqual([
      {
        actorId: 2,
        fileId: 12,
        body: { aidType: 'education', amountFen: 300_000, fundSource: '县总工会帮扶资金', comment: '2026年金秋助学：大学（含大专）' },
        campaignId: 3,
      },
    ]);
    expect(db.row(GrantApplication, 60)?.aidRecordId).toBe(501);
    expect(notice).toEqual({
      title: '金秋助学已批准',
      body: '助学金 3000.00 元 将按实名发放，到账后请签收。',
      link: '/pages/hardship/mine/index',
    });
  });

  it('refuses an approval past the campaign’s budget, naming budget, spent and asked', async () => {
    const { db, process, step, approved } = newTestService(800_000);
    await expect(takeStep(process, step('approve'))).rejects.toMatchObject({
      code: 'over_budget',
      publicMessage: '超出活动预算：预算 10000.00 元，已用 8000.00 元，本次 3000.00 元',
    });
    expect(approved).toEqual([]);
    expect(db.row(GrantApplication, 60)?.aidRecordId).toBeNull();
  });

  it('spends exactly up to the budget', async () => {
    const { process, step, approved } = newTestService(700_000);
    await takeStep(process, step('approve'));
    expect(approved).toHaveLength(1);
  });

  it('refuses an approval after the campaign’s last day (China time), not on it', async () => {
    const { clock, process, step, approved } = newTestService();
    await takeStep(process, step('approve'));
    clock.advance(60 * 60_000 + 1); // past midnight in China: 11 December
    await expect(takeStep(process, step('approve'))).rejects.toMatchObject({ code: 'action_not_allowed', publicMessage: '活动已结束' });
    expect(approved).toHaveLength(1);
  });

  it('answers a conflict when another approval spent from the campaign meanwhile, and approves no aid', async () => {
    const { process, step, approved, campaignCas } = newTestService();
    campaignCas.affected = 0;
    await expect(takeStep(process, step('approve'))).rejects.toMatchObject({ code: 'state_conflict' });
    expect(approved).toEqual([]);
  });

  it('tells the worker the reason of a refusal, and a withdrawal', async () => {
    const { db, process, step } = newTestService();
    expect(await takeStep(process, step('reject', '不符合申请条件'))).toMatchObject({
      notice: { title: '金秋助学未通过', body: '不符合申请条件', link: '/pages/hardship/mine/index' },
    });
    expect(process.notice(step('withdraw')).title).toBe('金秋助学申请已撤回');
    expect(db.queries).toEqual([]);
  });
});

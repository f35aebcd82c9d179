import {
  PROPOSAL_WORKFLOW as WF,
  type DecideRequest,
  type EvaluateRequest,
  type ImplementRequest,
  type ProposalAction,
  type RegisterProposalRequest,
} from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { IdentityService } from '../identity/identity.service';
import type { Notifier } from '../notifications/notifier.service';
import type { TransitionService } from '../workflow/transition.service';
import { argsOf, caseRow, InMemoryDb, staffActor, StillClock, stepOf, takeStep } from '../workflow/testing/fakes';
import { Proposal, ProposalCounter, ProposalOpinion } from './entities/proposal.entity';
import { ProposalProcess } from './proposal.process';

// 10:00 on 3 December 2026 in China.
const NOW = new Date('2026-12-03T02:00:00Z');

/**
 * A proposal's process: the proposal and opinions in memory, this year's registered count answered
 * by the test, the staff holding proposal.review a list, the notifier a recorder.
 */
function newTestService(registeredThisYear = 3) {
  const db = new InMemoryDb();
  const [proposal] = db.seed(Proposal, {
    id: 55,
    caseId: 7,
    submitterUserId: 100,
    registeredNo: null,
    expertUserIds: [],
    decisionReason: null,
    adoptedAt: null,
  });
  db.answer = (q) => (q.end === 'getCount' ? registeredThisYear : undefined);
  const clock = new StillClock(NOW);
  const asked: string[] = [];
  const identity = {
    staffHolding: (permission: string, _m: EntityManager) => (
      asked.push(permission),
      Promise.resolve([
        { id: 31, displayName: '专家甲' },
        { id: 32, displayName: '专家乙' },
      ])
    ),
  } as unknown as IdentityService;
  const told: { userId: number; title: string; body: string; link: string | null; status: string }[] = [];
  const notifier = { notify: (_m: EntityManager, n: (typeof told)[number]) => (told.push(n), Promise.resolve()) } as unknown as Notifier;
  const process = new ProposalProcess({} as TransitionService, identity, notifier, clock);
  const kase = caseRow({ id: 7, caseType: 'proposal', subjectId: 55, state: 'submitted' });
  const step = (action: ProposalAction, state: string, comment?: string) =>
    stepOf(WF, action, { manager: db.manager, kase: { ...kase, state }, subject: proposal, actor: staffActor(), comment });
  return { db, clock, process, kase, step, asked, told };
}

describe('ProposalProcess (collaborators replaced)', () => {
  it('loads the proposal the case is about, with the proposal deadlines', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 55, submitterUserId: 100 });
    await expect(process.subject(db.manager, { ...kase, subjectId: 56 })).rejects.toThrow(/Proposal/);
    await expect(process.deadlines()).resolves.toEqual({ proposalRegister: 10, proposalReview: 20 });
  });

  it('registers with the next number of the year and sends it to the experts chosen, each told once', async () => {
    const { db, process, step, asked, told } = newTestService(3);
    const { notice } = await takeStep(process, step('register', 'submitted'), {
      version: 3,
      expertUserIds: [32, 31, 32],
    } satisfies RegisterProposalRequest);
    expect(asked).toEqual(['proposal.review']);
    expect(argsOf(db.queries[0], 'where')).toEqual(['p.registeredNo LIKE :prefix', { prefix: 'JY2026-%' }]);
    expect(db.row(Proposal, 55)).toMatchObject({ registeredNo: 'JY2026-0004', expertUserIds: [32, 31] });
    expect(told).toEqual(
      [31, 32].map((userId) => ({
        userId,
        title: '请评审一条合理化建议',
        body: '请在 20 个工作日内给出评审意见。',
        link: '/pages/contest/proposal/index?id=55',
        status: '专家评审中',
      })),
    );
    expect(notice).toEqual({
      title: '合理化建议：专家评审中',
      body: '专家正在评审，评审后告诉您是否采纳',
      link: '/pages/contest/proposal/index?id=55',
    });
  });

  it('the year’s first registration starts its counter after the numbers already given that year', async () => {
    const { db, process, step } = newTestService(3);
    db.seed(ProposalCounter, { year: 2025, lastNo: 40 });
    await takeStep(process, step('register', 'submitted'), { version: 3, expertUserIds: [31] } satisfies RegisterProposalRequest);
    expect(db.row(Proposal, 55)?.registeredNo).toBe('JY2026-0004');
    expect(db.rows(ProposalCounter).map(({ year, lastNo }) => ({ year, lastNo }))).toEqual([
      { year: 2025, lastNo: 40 },
      { year: 2026, lastNo: 4 },
    ]);
  });

  it('takes the number after the year’s counter, bumping it, rather than counting the numbers given', async () => {
    // The count (3) is what another registration not yet committed also sees: the counter row is what they share.
    const { db, process, step } = newTestService(3);
    db.seed(ProposalCounter, { year: 2026, lastNo: 7 });
    await takeStep(process, step('register', 'submitted'), { version: 3, expertUserIds: [31] } satisfies RegisterProposalRequest);
    expect(db.row(Proposal, 55)?.registeredNo).toBe('JY2026-0008');
    expect(db.writesTo(ProposalCounter)).toEqual([
      { entity: 'ProposalCounter', op: 'increment', where: { year: 2026 }, changes: { lastNo: 1 }, affected: 1 },
    ]);
    expect(db.rows(ProposalCounter)).toEqual([expect.objectContaining({ year: 2026, lastNo: 8 })]);
    expect(db.queries).toEqual([]);
  });

  it('numbers by the year in China (move the clock past New Year’s Eve at 16:00 UTC)', async () => {
    const { db, clock, process, step } = newTestService(0);
    clock.set(new Date('2026-12-31T16:00:00Z'));
    await takeStep(process, step('register', 'submitted'), { version: 3, expertUserIds: [31] } satisfies RegisterProposalRequest);
    expect(db.row(Proposal, 55)?.registeredNo).toBe('JY2027-0001');
  });

  it('refuses an expert who does not hold the review function, registering nothing and telling no one', async () => {
    const { db, process, step, told } = newTestService();
    await expect(
      takeStep(process, step('register', 'submitted'), { version: 3, expertUserIds: [31, 99] } satisfies RegisterProposalRequest),
    ).rejects.toMatchObject({ code: 'validation_failed', details: [{ field: 'expertUserIds', message: '只能选评审专家' }] });
    expect(db.row(Proposal, 55)?.registeredNo).toBeNull();
    expect(told).toEqual([]);
  });

  it('decides only once an expert has given an opinion; adopting stamps it, not adopting keeps the reason', async () => {
    const { db, process, step } = newTestService();
    const adopt = { version: 4, adopt: true } satisfies DecideRequest;
    await expect(takeStep(process, step('adopt', 'under_review'), adopt)).rejects.toMatchObject({
      code: 'action_not_allowed',
      publicMessage: '还没有专家评审意见',
    });
    db.seed(ProposalOpinion, { proposalId: 56, expertUserId: 31, recommend: 'adopt' });
    await expect(takeStep(process, step('adopt', 'under_review'), adopt)).rejects.toMatchObject({ code: 'action_not_allowed' });
    db.seed(ProposalOpinion, { proposalId: 55, expertUserId: 31, recommend: 'adopt' });
    await takeStep(process, step('adopt', 'under_review'), adopt);
    expect(db.row(Proposal, 55)?.adoptedAt).toEqual(NOW);

    const { notice } = await takeStep(process, step('reject', 'under_review', '投入过大，暂不具备条件'), {
      version: 4,
      adopt: false,
      reason: ' 投入过大，暂不具备条件 ',
    } satisfies DecideRequest);
    expect(db.row(Proposal, 55)?.decisionReason).toBe('投入过大，暂不具备条件');
    expect(notice).toMatchObject({ title: '合理化建议：未采纳', body: '原因：投入过大，暂不具备条件' });
  });

  it('records the implementation, then the benefit and grade with the time of evaluation', async () => {
    const { db, clock, process, step } = newTestService();
    await takeStep(process, step('implement', 'adopted'), {
      version: 5,
      implementedOn: '2027-01-05',
      note: ' 已在二车间推广 ',
    } satisfies ImplementRequest);
    expect(db.row(Proposal, 55)).toMatchObject({ implementedOn: '2027-01-05', implementationNote: '已在二车间推广' });
    clock.set(new Date('2027-03-01T02:00:00Z'));
    const { notice } = await takeStep(process, step('evaluate', 'implemented'), {
      version: 6,
      benefitFen: 12_000_000,
      grade: 'first',
    } satisfies EvaluateRequest);
    expect(db.row(Proposal, 55)).toMatchObject({ benefitFen: 12_000_000, grade: 'first', evaluatedAt: new Date('2027-03-01T02:00:00Z') });
    expect(notice.title).toBe('合理化建议：已评估定级');
  });
});

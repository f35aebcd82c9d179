import { COMPETITION_ENTRY_WORKFLOW as WF, type CompetitionEntryAction } from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { TransitionService } from '../workflow/transition.service';
import type { WorkflowCase, WorkflowCases } from '../workflow/workflow-cases.service';
import { applicantActor, argsOf, caseRow, DAY_MS, InMemoryDb, staffActor, StillClock, stepOf, takeStep } from '../workflow/testing/fakes';
import { CompetitionEntryProcess } from './competition-entry.process';
import { Competition } from './entities/competition.entity';
import { CompetitionEntry } from './entities/entry.entity';

// 10:00 on 3 December 2026 in China; registration closes on 5 December.
const NOW = new Date('2026-12-03T02:00:00Z');

/**
 * An entry's process: the competition and entries in memory, the competition's case looked up from
 * a map (its state says whether registration is open), the event's counter update recorded.
 */
function newTestService(contestState = 'open', entryStatus: CompetitionEntry['status'] = 'registered') {
  const db = new InMemoryDb();
  db.seed(Competition, { id: 20, caseId: 200, title: '2026年数控车工技能比赛', registrationClosesOn: '2026-12-05', noticeDays: 5 });
  const [entry] = db.seed(CompetitionEntry, {
    id: 21,
    caseId: 7,
    competitionId: 20,
    eventId: 22,
    registrantUserId: 100,
    status: entryStatus,
    activeKey: 1,
  });
  const clock = new StillClock(NOW);
  const contest = caseRow({ id: 200, caseType: 'competition', state: contestState, subjectId: 20 });
  const casesAsked: number[] = [];
  const cases = {
    get: (id: number, _m: EntityManager) => (casesAsked.push(id), Promise.resolve(contest as WorkflowCase)),
  } as unknown as WorkflowCases;
  const process = new CompetitionEntryProcess({} as TransitionService, cases, clock);
  const kase = caseRow({ id: 7, caseType: 'competition_entry', subjectId: 21, state: 'registered' });
  const step = (action: CompetitionEntryAction) =>
    stepOf(WF, action, {
      manager: db.manager,
      kase: { ...kase },
      subject: entry,
      actor: action === 'withdraw' ? applicantActor() : staffActor({ permissions: ['competition.manage'] }),
    });
  return { db, clock, process, kase, step, casesAsked };
}

describe('CompetitionEntryProcess (collaborators replaced)', () => {
  it('loads the entry the case is about', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 21, eventId: 22, status: 'registered' });
    await expect(process.subject(db.manager, { ...kase, subjectId: 99 })).rejects.toThrow(/CompetitionEntry/);
  });

  it('withdrawing while registration is open gives the place back to the event and frees the entrant to enter again', async () => {
    const { db, process, step, casesAsked } = newTestService();
    const { notice } = await takeStep(process, step('withdraw'));
    expect(casesAsked).toEqual([200]);
    expect(db.row(CompetitionEntry, 21)).toMatchObject({ status: 'withdrawn', activeKey: null });
    const counter = db.queries.find((q) => q.end === 'execute');
    expect(counter?.entity).toBe('CompetitionEvent');
    expect(argsOf(counter, 'where')).toEqual(['id = :id AND entry_count > 0', { id: 22 }]);
    const set = argsOf(counter, 'set')?.[0] as { entryCount: () => string };
    expect(set.entryCount()).toBe('entry_count - 1');
    expect(notice).toEqual({ title: '已退出比赛', body: '名额已让出；报名截止前可以重新报名。', link: '/pages/contest/entry/index?id=21' });
  });

  it('withdrawing is allowed on the closing day and refused the day after (move the clock)', async () => {
    const { db, clock, process, step } = newTestService();
    clock.advance(2 * DAY_MS); // 5 December
    await takeStep(process, step('withdraw'));
    expect(db.row(CompetitionEntry, 21)?.status).toBe('withdrawn');
    const late = newTestService();
    late.clock.advance(2 * DAY_MS + 14 * 3_600_000); // 00:00 on 6 December in China
    await expect(takeStep(late.process, late.step('withdraw'))).rejects.toMatchObject({
      code: 'action_not_allowed',
      publicMessage: '报名截止后不能退出',
    });
    expect(late.db.row(CompetitionEntry, 21)?.status).toBe('registered');
  });

  it('refuses to withdraw once the competition no longer takes registrations (running), even before the closing date', async () => {
    const { db, process, step } = newTestService('running');
    await expect(takeStep(process, step('withdraw'))).rejects.toMatchObject({ code: 'action_not_allowed' });
    expect(db.row(CompetitionEntry, 21)).toMatchObject({ status: 'registered', activeKey: 1 });
    expect(db.queries).toEqual([]);
  });

  it('answers a conflict when the entry is no longer registered, and does not give a place back twice', async () => {
    const { db, process, step } = newTestService('open', 'checked_in');
    await expect(takeStep(process, step('withdraw'))).rejects.toMatchObject({ code: 'state_conflict' });
    expect(db.queries).toEqual([]);
    await expect(takeStep(process, step('check_in'))).rejects.toMatchObject({ code: 'state_conflict' });
  });

  it('checking in marks the entry checked in, in the same step', async () => {
    const { db, process, step } = newTestService('running');
    const { notice } = await takeStep(process, step('check_in'));
    expect(db.row(CompetitionEntry, 21)).toMatchObject({ status: 'checked_in', activeKey: 1 });
    expect(notice).toEqual({ title: '签到成功', body: '祝比赛顺利。', link: '/pages/contest/entry/index?id=21' });
  });

  it('its own message, for a step without one, names the state and what comes next', () => {
    const { process, step } = newTestService();
    expect(process.notice({ ...step('check_in'), to: 'checked_in' })).toEqual({
      title: '参赛报名：已签到',
      body: '已签到，祝比赛顺利；成绩公布后可以在这里查看',
      link: '/pages/contest/entry/index?id=21',
    });
  });
});

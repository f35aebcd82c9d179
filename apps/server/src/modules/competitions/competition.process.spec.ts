import { COMPETITION_WORKFLOW as WF, type CompetitionAction } from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { NoticeHold, NoticesService } from '../notices/notices.service';
import type { Notifier } from '../notifications/notifier.service';
import type { TransitionService } from '../workflow/transition.service';
import { caseRow, DAY_MS, InMemoryDb, staffActor, StillClock, stepOf, takeStep } from '../workflow/testing/fakes';
import type { CompetitionResultsService } from './competition-results.service';
import { CompetitionProcess } from './competition.process';
import { Competition } from './entities/competition.entity';
import { CompetitionEntry } from './entities/entry.entity';

// 10:00 on 3 December 2026 in China.
const NOW = new Date('2026-12-03T02:00:00Z');

/**
 * A competition's process: the competition and its entries in memory; the results service, the
 * notices (answering the hold the test sets) and the notifier recorders.
 */
function newTestService(registrationClosesOn = '2026-12-10') {
  const db = new InMemoryDb();
  const [competition] = db.seed(Competition, {
    id: 20,
    caseId: 7,
    title: '数控车工技能比赛',
    registrationClosesOn,
    noticeDays: 7,
    publishedAt: null,
  });
  db.seed(
    CompetitionEntry,
    { id: 1, competitionId: 20, eventId: 1, registrantUserId: 100, status: 'checked_in' },
    { id: 2, competitionId: 20, eventId: 2, registrantUserId: 100, status: 'checked_in' },
    { id: 3, competitionId: 20, eventId: 1, registrantUserId: 101, status: 'registered' },
    { id: 4, competitionId: 21, eventId: 9, registrantUserId: 102, status: 'registered' },
    // Withdrew from the only event they entered: no longer an entrant.
    { id: 5, competitionId: 20, eventId: 2, registrantUserId: 103, status: 'withdrawn', activeKey: null },
    // Withdrew from one event, still in the other: told once.
    { id: 6, competitionId: 20, eventId: 1, registrantUserId: 104, status: 'withdrawn', activeKey: null },
    { id: 7, competitionId: 20, eventId: 2, registrantUserId: 104, status: 'registered' },
  );
  const clock = new StillClock(NOW);
  const computed: number[] = [];
  const results = {
    compute: (_m: EntityManager, c: Competition) => (computed.push(c.id), Promise.resolve()),
  } as unknown as CompetitionResultsService;
  const started: { caseId: number; startsAt: Date; endsAt: Date }[] = [];
  const hold: { now: NoticeHold | null; asked: [number, string][] } = { now: null, asked: [] };
  const notices = {
    start: (_m: EntityManager, k: { id: number }, n: { startsAt: Date; endsAt: Date }) => (
      started.push({ caseId: k.id, ...n }),
      Promise.resolve({ id: 1 })
    ),
    hold: (_m: EntityManager, caseId: number, next: string) => (hold.asked.push([caseId, next]), Promise.resolve(hold.now)),
  } as unknown as NoticesService;
  const told: { userId: number; title: string; body: string; link: string | null; status: string }[] = [];
  const notifier = { notify: (_m: EntityManager, n: (typeof told)[number]) => (told.push(n), Promise.resolve()) } as unknown as Notifier;
  const process = new CompetitionProcess({} as TransitionService, clock, notifier, results, notices);
  const kase = caseRow({ id: 7, caseType: 'competition', subjectId: 20, state: 'draft', applicantUserId: 1 });
  const step = (action: CompetitionAction, state: string, comment?: string) =>
    stepOf(WF, action, {
      manager: db.manager,
      kase: { ...kase, state },
      subject: competition,
      actor: staffActor({ permissions: ['competition.manage'] }),
      comment,
    });
  return { db, clock, process, kase, step, computed, started, hold, told };
}

describe('CompetitionProcess (collaborators replaced)', () => {
  it('loads the competition the case is about', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 20, title: '数控车工技能比赛' });
    await expect(process.subject(db.manager, { ...kase, subjectId: 21 })).rejects.toThrow(/Competition/);
  });

  it('opens registration until its closing day, and refuses once that day has passed (move the clock)', async () => {
    const { clock, process, step } = newTestService('2026-12-05');
    const { notice } = await takeStep(process, step('open_registration', 'draft'));
    expect(notice).toEqual({
      title: '数控车工技能比赛：报名中',
      body: '报名截止后开始比赛',
      link: '/pages/contest/competition/index?id=20',
    });
    clock.advance(2 * DAY_MS); // 5 December: still open
    await takeStep(process, step('open_registration', 'draft'));
    clock.advance(DAY_MS);
    await expect(takeStep(process, step('open_registration', 'draft'))).rejects.toMatchObject({
      code: 'validation_failed',
      publicMessage: '报名截止日期已过，请先改期',
      details: [{ field: 'registrationClosesOn', message: '报名截止日期已过' }],
    });
  });

  it('computing the results ranks this competition', async () => {
    const { process, step, computed } = newTestService();
    await takeStep(process, step('compute_results', 'running'));
    expect(computed).toEqual([20]);
  });

  it('the results notice runs for the competition’s notice days from now, and the step is due when it ends', async () => {
    const { clock, process, step, started } = newTestService();
    clock.advance(DAY_MS / 2);
    const startsAt = new Date(NOW.getTime() + DAY_MS / 2);
    const endsAt = new Date(startsAt.getTime() + 7 * DAY_MS);
    const { outcome } = await takeStep(process, step('start_notice', 'checking'));
    expect(started).toEqual([{ caseId: 7, startsAt, endsAt }]);
    expect(outcome).toEqual({ dueAt: endsAt });
  });

  it('refuses to publish while the notice holds it (running or an objection open), with the notice’s reason', async () => {
    const { db, process, step, hold, told } = newTestService();
    hold.now = { code: 'notice_period_running', message: '公示期到 2026-12-10 10:00 结束，之后才能发布结果' };
    await expect(takeStep(process, step('publish', 'public_notice'))).rejects.toMatchObject({
      code: 'notice_period_running',
      publicMessage: '公示期到 2026-12-10 10:00 结束，之后才能发布结果',
    });
    hold.now = { code: 'objection_open', message: '还有 2 条异议没有处理，处理完才能发布结果' };
    await expect(takeStep(process, step('publish', 'public_notice'))).rejects.toMatchObject({ code: 'objection_open' });
    expect(hold.asked).toEqual([
      [7, '发布结果'],
      [7, '发布结果'],
    ]);
    expect(db.row(Competition, 20)?.publishedAt).toBeNull();
    expect(told).toEqual([]);
  });

  it('publishing stamps the results and tells each entrant of this competition once, not those who withdrew', async () => {
    const { db, process, step, told } = newTestService();
    await takeStep(process, step('publish', 'public_notice'));
    expect(db.row(Competition, 20)?.publishedAt).toEqual(NOW);
    expect(told).toEqual(
      [100, 101, 104].map((userId) => ({
        userId,
        title: '数控车工技能比赛：比赛结果已发布',
        body: '点开查看名次和证书。',
        link: '/pages/contest/competition/index?id=20',
        status: '比赛结果已发布',
      })),
    );
  });

  it('cancelling tells the entrants their entries are void, not those who withdrew', async () => {
    const { process, step, told } = newTestService();
    await takeStep(process, step('cancel', 'open', '报名人数不足'));
    expect(told.map((t) => [t.userId, t.title, t.body])).toEqual([
      [100, '数控车工技能比赛：比赛已取消', '比赛已取消，报名作废。'],
      [101, '数控车工技能比赛：比赛已取消', '比赛已取消，报名作废。'],
      [104, '数控车工技能比赛：比赛已取消', '比赛已取消，报名作废。'],
    ]);
  });
});

import { NOMINATION_WORKFLOW as WF, type NominationAction } from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { EmployerFlagsService } from '../competitions/employer-flags.service';
import type { NoticeHold, NoticesService } from '../notices/notices.service';
import type { TransitionService } from '../workflow/transition.service';
import { caseRow, DAY_MS, InMemoryDb, staffActor, StillClock, stepOf, takeStep } from '../workflow/testing/fakes';
import { HonourKind, ModelWorker, ModelWorkerRecord, Nomination } from './entities/honour.entity';
import { NOMINATION_NOTICE_DAYS, NominationProcess } from './nomination.process';

// 10:00 on 3 December 2026 in China.
const NOW = new Date('2026-12-03T02:00:00Z');

/**
 * A nomination's process: the nomination, honour kinds and the model-worker registry in memory;
 * the employer flags answering the exclusions the test sets; the notices recording what starts and
 * answering the hold the test sets.
 */
function newTestService(kindCode = 'model_worker') {
  const db = new InMemoryDb();
  db.seed(HonourKind, { id: 1, code: kindCode, name: kindCode === 'model_worker' ? '劳动模范' : '五一巾帼标兵' });
  const [nomination] = db.seed(Nomination, {
    id: 66,
    caseId: 7,
    kindId: 1,
    nomineeName: '王建国',
    employerName: '城关机械厂',
    employerKey: 'emp-key-1',
    year: 2026,
    rejectReason: null,
    revokedReason: null,
    awardedAt: null,
  });
  const clock = new StillClock(NOW);
  const excluded = new Map<string, string>();
  const flagsAsked: string[][] = [];
  const flags = {
    exclusions: (_m: EntityManager, keys: string[]) => (flagsAsked.push(keys), Promise.resolve(excluded)),
  } as unknown as EmployerFlagsService;
  const started: { caseId: number; startsAt: Date; endsAt: Date }[] = [];
  const hold: { now: NoticeHold | null; asked: [number, string][] } = { now: null, asked: [] };
  const notices = {
    start: (_m: EntityManager, k: { id: number }, n: { startsAt: Date; endsAt: Date }) => (
      started.push({ caseId: k.id, ...n }),
      Promise.resolve({ id: 1 })
    ),
    hold: (_m: EntityManager, caseId: number, next: string) => (hold.asked.push([caseId, next]), Promise.resolve(hold.now)),
  } as unknown as NoticesService;
  const process = new NominationProcess({} as TransitionService, clock, flags, notices);
  const kase = caseRow({ id: 7, caseType: 'nomination', subjectId: 66, state: 'submitted' });
  const step = (action: NominationAction, state: string, comment?: string) =>
    stepOf(WF, action, { manager: db.manager, kase: { ...kase, state }, subject: nomination, actor: staffActor(), comment });
  return { db, clock, process, kase, step, excluded, flagsAsked, started, hold };
}

describe('NominationProcess (collaborators replaced)', () => {
  it('loads the nomination the case is about', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 66, nomineeName: '王建国' });
    await expect(process.subject(db.manager, { ...kase, subjectId: 67 })).rejects.toThrow(/Nomination/);
  });

  it('starts a five-day public notice from now when the employer is not excluded; the step is due when it ends', async () => {
    const { clock, process, step, flagsAsked, started } = newTestService();
    clock.advance(DAY_MS / 4);
    const startsAt = new Date(NOW.getTime() + DAY_MS / 4);
    const endsAt = new Date(startsAt.getTime() + 5 * DAY_MS);
    const { outcome, notice } = await takeStep(process, step('start_notice', 'submitted'));
    expect(NOMINATION_NOTICE_DAYS).toBe(5);
    expect(flagsAsked).toEqual([['emp-key-1']]);
    expect(started).toEqual([{ caseId: 7, startsAt, endsAt }]);
    expect(outcome).toEqual({ dueAt: endsAt });
    expect(notice).toEqual({
      title: '荣誉推荐：公示中',
      body: '王建国：公示期满且异议处理完后授予',
      link: '/staff/pages/honour/index?id=66',
    });
  });

  it('refuses the notice for an excluded employer, naming why, and starts nothing', async () => {
    const { process, step, excluded, started } = newTestService();
    excluded.set('emp-key-1', '拖欠工资：法律援助中心有正在办理的欠薪案件');
    await expect(takeStep(process, step('start_notice', 'submitted'))).rejects.toMatchObject({
      code: 'employer_excluded',
      publicMessage: '不能公示：拖欠工资：法律援助中心有正在办理的欠薪案件',
    });
    expect(started).toEqual([]);
  });

  it('refuses to award while the notice holds it, with the notice’s reason, and awards nothing', async () => {
    const { db, process, step, hold } = newTestService();
    hold.now = { code: 'objection_open', message: '还有 1 条异议没有处理，处理完才能授予' };
    await expect(takeStep(process, step('award', 'public_notice'))).rejects.toMatchObject({
      code: 'objection_open',
      publicMessage: '还有 1 条异议没有处理，处理完才能授予',
    });
    expect(hold.asked).toEqual([[7, '授予']]);
    expect(db.row(Nomination, 66)?.awardedAt).toBeNull();
    expect(db.rows(ModelWorker)).toEqual([]);
  });

  it('awarding a model worker stamps the award and adds them to the registry with the year’s county title', async () => {
    const { db, process, step } = newTestService();
    await takeStep(process, step('award', 'public_notice'));
    expect(db.row(Nomination, 66)?.awardedAt).toEqual(NOW);
    expect(db.rows(ModelWorker)).toEqual([
      expect.objectContaining({
        name: '王建国',
        employerName: '城关机械厂',
        title: '2026年度县级劳动模范',
        awardedYear: 2026,
        nominationId: 66,
        uid: expect.stringMatching(/^[0-9a-f-]{36}$/),
        createdAt: NOW,
      }),
    ]);
  });

  it('awarding another honour adds no one to the model-worker registry', async () => {
    const { db, process, step } = newTestService('women_pacesetter');
    await takeStep(process, step('award', 'public_notice'));
    expect(db.row(Nomination, 66)?.awardedAt).toEqual(NOW);
    expect(db.rows(ModelWorker)).toEqual([]);
  });

  it('a refusal and a revocation keep their reasons', async () => {
    const { db, process, step } = newTestService();
    const { notice } = await takeStep(process, step('reject', 'public_notice', '公示期间收到实名举报，经核实'));
    expect(db.row(Nomination, 66)?.rejectReason).toBe('公示期间收到实名举报，经核实');
    expect(notice.title).toBe('荣誉推荐：未通过');
    await takeStep(process, step('revoke', 'awarded', '弄虚作假'));
    expect(db.row(Nomination, 66)?.revokedReason).toBe('弄虚作假');
  });

  it('revoking a model worker’s title marks their registry row revoked, when and why, and keeps it and their records', async () => {
    const { db, clock, process, step } = newTestService();
    db.seed(ModelWorker, { id: 9, name: '李师傅', nominationId: null, revokedAt: null, revokedReason: null });
    await takeStep(process, step('award', 'public_notice'));
    const [, awarded] = db.rows(ModelWorker);
    db.seed(ModelWorkerRecord, { id: 1, modelWorkerId: awarded.id, kind: 'care_visit', date: '2026-12-03' });
    clock.advance(DAY_MS);
    await takeStep(process, step('revoke', 'awarded', '弄虚作假'));
    expect(db.row(ModelWorker, awarded.id)).toMatchObject({
      name: '王建国',
      nominationId: 66,
      revokedAt: new Date(NOW.getTime() + DAY_MS),
      revokedReason: '弄虚作假',
    });
    // The worker entered by hand is not touched; nothing is deleted.
    expect(db.row(ModelWorker, 9)).toMatchObject({ revokedAt: null, revokedReason: null });
    expect(db.rows(ModelWorkerRecord)).toHaveLength(1);
  });
});

import { DEFAULT_LEGAL_AID_RULES, LEGAL_THREAD_WORKFLOW as WF, type LegalThreadAction, type PostThreadMessageRequest } from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import type { Notifier } from '../notifications/notifier.service';
import type { PiiCipher } from '../pii/pii-cipher';
import type { UploadsService } from '../uploads/uploads.service';
import type { TransitionService } from '../workflow/transition.service';
import { applicantActor, caseRow, InMemoryDb, staffActor, StillClock, stepOf, takeStep } from '../workflow/testing/fakes';
import { LegalThread, LegalThreadMessage } from './entities/legal-thread.entity';
import { LegalThreadProcess, type LegalThreadSubject } from './legal-thread.process';
import type { LegalRulesService } from './legal-rules.service';

const NOW = new Date('2026-12-03T02:00:00Z');

/**
 * The online consultation's process with its collaborators replaced: the thread and its messages
 * in memory, the rules in force answering 3 working days, the cipher tagging what it encrypts, the
 * notifier and uploads recorders.
 */
function newTestService(assigneeUserId: number | null = 11) {
  const db = new InMemoryDb();
  const [thread] = db.seed(LegalThread, {
    id: 33,
    caseId: 7,
    uid: 'thread-uid-33',
    applicantUserId: 100,
    topic: 'unpaid_wages',
    workerReadId: 1,
    centreReadId: 0,
    lastAt: new Date('2026-12-01T02:00:00Z'),
  });
  db.seed(LegalThreadMessage, { id: 1, threadId: 33, authorUserId: 100, fromCentre: false, bodyEnc: 'x', uploadIds: [] });
  const clock = new StillClock(NOW);
  const rulesAt: Date[] = [];
  const legalRules = {
    effectiveFor: (_m: EntityManager, at: Date) => (
      rulesAt.push(at),
      Promise.resolve({ version: 2, rules: { ...DEFAULT_LEGAL_AID_RULES, threadResponseWorkingDays: 3 } })
    ),
  } as unknown as LegalRulesService;
  const cipher = { encrypt: (plain: string, aad: string) => `enc(${aad})${plain}` } as unknown as PiiCipher;
  const attached: { actorId: number; ids: number[]; caseId: number }[] = [];
  const uploads = {
    attachToCase: (_m: EntityManager, a: Actor, ids: number[], caseId: number) => (
      attached.push({ actorId: a.userId, ids, caseId }),
      Promise.resolve()
    ),
  } as unknown as UploadsService;
  const told: { userId: number; title: string; body: string; link: string | null; status: string }[] = [];
  const notifier = { notify: (_m: EntityManager, n: (typeof told)[number]) => (told.push(n), Promise.resolve()) } as unknown as Notifier;
  const process = new LegalThreadProcess({} as TransitionService, clock, cipher, uploads, notifier, legalRules);
  const kase = caseRow({ id: 7, caseType: 'legal_thread', subjectId: 33, state: 'waiting_centre', assigneeUserId });
  const subject: LegalThreadSubject = { thread, responseWorkingDays: 3 };
  const lawyer = staffActor({ userId: 11, displayName: '刘律师', roles: ['lawyer'] });
  const worker = applicantActor();
  const step = (action: LegalThreadAction, actor: Actor, state = 'waiting_centre') =>
    stepOf(WF, action, { manager: db.manager, kase: { ...kase, state }, subject, actor });
  return { db, process, kase, step, lawyer, worker, rulesAt, attached, told };
}

describe('LegalThreadProcess (collaborators replaced)', () => {
  it('loads the thread with the response deadline of the rules in force now, and keeps that deadline for the step', async () => {
    const { db, process, kase, rulesAt } = newTestService();
    const subject = await process.subject(db.manager, kase);
    expect(subject).toMatchObject({ thread: { id: 33, uid: 'thread-uid-33' }, responseWorkingDays: 3 });
    expect(rulesAt).toEqual([NOW]);
    await expect(process.deadlines(db.manager, subject)).resolves.toEqual({ threadResponse: 3 });
    await expect(process.subject(db.manager, { ...kase, subjectId: 34 })).rejects.toThrow(/LegalThread/);
  });

  it('refuses a message asked for as a plain step (it is written on the thread’s page)', async () => {
    const { db, process, step, lawyer, worker } = newTestService();
    await expect(takeStep(process, step('reply', lawyer))).rejects.toMatchObject({
      code: 'action_not_allowed',
      publicMessage: '“答复”需要在办理页面填写表单',
    });
    await expect(takeStep(process, step('follow_up', worker, 'waiting_worker'))).rejects.toMatchObject({ code: 'action_not_allowed' });
    expect(db.writes).toEqual([]);
  });

  it('the lawyer’s answer is stored encrypted for this thread, from the centre, read by the centre; the worker is told its start', async () => {
    const { db, process, step, lawyer, attached, told } = newTestService();
    const body = { body: `  ${'请保留工资条和考勤记录，'.repeat(8)}  `, uploadIds: [5, 6, 5] } satisfies PostThreadMessageRequest;
    const { notice } = await takeStep(process, step('reply', lawyer), body);
    const text = body.body.trim();
    expect(attached).toEqual([{ actorId: 11, ids: [5, 6, 5], caseId: 7 }]);
    expect(db.row(LegalThreadMessage, 2)).toMatchObject({
      threadId: 33,
      authorUserId: 11,
      authorName: '刘律师',
      fromCentre: true,
      bodyEnc: `enc(legal_thread_messages:thread-uid-33:body)${text}`,
      uploadIds: [5, 6],
      createdAt: NOW,
    });
    expect(db.row(LegalThread, 33)).toMatchObject({ lastAt: NOW, centreReadId: 2, workerReadId: 1 });
    expect(told).toEqual([]);
    expect(notice).toEqual({ title: '律师答复了您的在线咨询', body: text.slice(0, 60), link: '/pages/legal/thread/index?id=33' });
    expect(notice.body).toHaveLength(60);
  });

  it('the worker’s follow-up goes back to the centre, tells the assigned lawyer, and promises an answer within the deadline', async () => {
    const { db, process, step, worker, told } = newTestService();
    const { notice } = await takeStep(process, step('follow_up', worker, 'waiting_worker'), { body: ' 单位还是不发工资，怎么办？ ' });
    expect(db.row(LegalThreadMessage, 2)).toMatchObject({ fromCentre: false, authorUserId: 100, uploadIds: [] });
    expect(db.row(LegalThread, 33)).toMatchObject({ lastAt: NOW, workerReadId: 2, centreReadId: 0 });
    expect(told).toEqual([
      {
        userId: 11,
        title: '在线咨询有新留言',
        body: '单位还是不发工资，怎么办？',
        link: '/pages/legal/thread/index?id=33',
        status: '等待律师答复',
      },
    ]);
    expect(notice).toEqual({ title: '留言已发出', body: '律师会在 3 个工作日内答复。', link: '/pages/legal/thread/index?id=33' });
  });

  it('a follow-up on a thread no lawyer holds yet tells nobody', async () => {
    const { process, step, worker, told } = newTestService(null);
    await takeStep(process, step('follow_up', worker), { body: '还在吗' });
    expect(told).toEqual([]);
  });

  it('closing writes nothing and tells the worker they may ask again', async () => {
    const { db, process, step, worker } = newTestService();
    const { notice } = await takeStep(process, step('close', worker, 'waiting_worker'));
    expect(db.writes).toEqual([]);
    expect(notice).toEqual({ title: '在线咨询已结束', body: '有新问题可以再发起在线咨询。', link: '/pages/legal/thread/index?id=33' });
  });
});

import { HARDSHIP_OBJECTION_WORKFLOW as WF } from '@union/shared';
import type { TransitionService } from '../workflow/transition.service';
import { caseRow, InMemoryDb, staffActor, stepOf, takeStep } from '../workflow/testing/fakes';
import type { WorkflowCases } from '../workflow/workflow-cases.service';
import { NoticeObjection } from './entities/notice-objection.entity';
import { ObjectionProcess, type ObjectionAnswer, type ObjectionSubject } from './objection.process';

/** An objection process over an in-memory objection table, with the domain's hooks recorded. */
function newTestService(objection: Partial<NoticeObjection> = {}) {
  const db = new InMemoryDb();
  const [row] = db.seed(NoticeObjection, {
    id: 12,
    caseId: 90,
    noticeCaseId: 61,
    itemId: null,
    channel: 'online',
    content: '他家有两套住房',
    receivedByUserId: 100,
    resolution: null,
    upheld: null,
    ...objection,
  });
  const resolved: ObjectionAnswer[] = [];
  const registered: unknown[] = [];
  const noticeCase = caseRow({ id: 61, caseType: 'hardship_application', subjectId: 7, state: 'public_notice' });
  const cases = { get: (id: number) => (id === 61 ? Promise.resolve(noticeCase) : Promise.reject(new Error('no case'))) };
  const process = new ObjectionProcess(WF, {
    link: ({ subject }) => `/pages/hardship/application/index?id=${subject.noticeSubjectId}`,
    resolved: (_step, answer) => Promise.resolve(void resolved.push(answer)),
  }).registerWith({ register: (p: unknown) => registered.push(p) } as unknown as TransitionService, cases as unknown as WorkflowCases);
  const kase = caseRow({ id: 90, caseType: WF.caseType, subjectType: 'notice_objections', subjectId: 12, state: 'open' });
  const subject: ObjectionSubject = { ...(row as NoticeObjection), noticeSubjectId: 7 };
  const step = (actorUserId = 200) =>
    stepOf(WF, 'resolve', { manager: db.manager, kase: { ...kase }, subject, actor: staffActor({ userId: actorUserId }) });
  return { db, process, kase, step, resolved, registered };
}

describe('ObjectionProcess (collaborators replaced)', () => {
  it('registers itself and loads the objection with the subject of the case on notice', async () => {
    const { db, process, kase, registered } = newTestService();
    expect(registered).toEqual([process]);
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 12, noticeCaseId: 61, noticeSubjectId: 7 });
    await expect(process.subject(db.manager, { ...kase, subjectId: 13 })).rejects.toThrow(/NoticeObjection/);
  });

  it('records the answer on the objection, trimmed, runs the domain hook and tells the objector with the link', async () => {
    const { db, process, step, resolved } = newTestService();
    const { notice } = await takeStep(process, step(), { resolution: '  经核实第二套住房已出售。 ', upheld: false });
    expect(db.row(NoticeObjection, 12)).toMatchObject({ resolution: '经核实第二套住房已出售。', upheld: false });
    expect(resolved).toEqual([{ resolution: '  经核实第二套住房已出售。 ', upheld: false }]);
    expect(notice).toEqual({
      title: '您提出的公示异议已答复',
      body: '处理结果：经核实第二套住房已出售。',
      link: '/pages/hardship/application/index?id=7',
    });
  });

  it('keeps upheld unknown when the procedure does not say', async () => {
    const { db, process, step } = newTestService();
    await takeStep(process, step(), { resolution: '经核实名次无误。' });
    expect(db.row(NoticeObjection, 12)?.upheld).toBeNull();
  });

  it('refuses the one who raised it online, and changes nothing', async () => {
    const { db, process, step, resolved } = newTestService();
    await expect(takeStep(process, step(100), { resolution: '我自己答复。', upheld: false })).rejects.toMatchObject({ code: 'forbidden' });
    expect(db.row(NoticeObjection, 12)).toMatchObject({ resolution: null, upheld: null });
    expect(resolved).toEqual([]);
  });

  it('lets the cadre who recorded one received by letter answer it', async () => {
    const { db, process, step } = newTestService({ channel: 'letter', receivedByUserId: 200 });
    await takeStep(process, step(200), { resolution: '经核实配偶已失业。', upheld: false });
    expect(db.row(NoticeObjection, 12)?.resolution).toBe('经核实配偶已失业。');
  });
});

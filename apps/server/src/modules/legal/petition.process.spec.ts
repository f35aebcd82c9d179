import { PETITION_WORKFLOW as WF, type PetitionAction, type ResolvePetitionRequest } from '@union/shared';
import type { Brackets } from 'typeorm';
import type { Actor } from '../../common/actor';
import type { Db } from '../../database/db.service';
import type { TransitionService } from '../workflow/transition.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { argsOf, caseRow, DAY_MS, InMemoryDb, staffActor, StillClock, stepOf, takeStep } from '../workflow/testing/fakes';
import { Petition } from './entities/petition.entity';
import { dueAfter, PetitionProcess } from './petition.process';

// 10:00 on 3 December 2026 in China.
const NOW = new Date('2026-12-03T02:00:00Z');

/**
 * The petition's process: the petition in memory, the case join the workflow module's own, and the
 * count of linked legal-aid cases the registrar can see answered by the test.
 */
function newTestService(extended = false) {
  const db = new InMemoryDb();
  const [petition] = db.seed(Petition, {
    id: 77,
    caseId: 7,
    subject: '城关机械厂拖欠 30 名职工工资',
    extended,
    result: null,
    declineReason: null,
    legalAidApplicationIds: [],
    resolvedAt: null,
  });
  const visible = { count: 0 };
  db.answer = (q) => (q.end === 'getCount' ? visible.count : undefined);
  const clock = new StillClock(NOW);
  const process = new PetitionProcess({} as TransitionService, new WorkflowCases({} as Db), clock);
  const kase = caseRow({ id: 7, caseType: 'petition', subjectId: 77, state: 'registered', organizationPath: '/1/2/' });
  const registrar = staffActor({
    userId: 3,
    roles: ['town_cadre'],
    organization: { id: 2, path: '/1/2/', level: 'town', kind: 'town_union', name: '城关镇总工会' },
  });
  const step = (action: PetitionAction, state: string, over: { comment?: string; dueAt?: Date | null; actor?: Actor } = {}) =>
    stepOf(WF, action, {
      manager: db.manager,
      kase: { ...kase, state, dueAt: over.dueAt ?? null },
      subject: { ...petition },
      actor: over.actor ?? registrar,
      comment: over.comment,
    });
  return { db, clock, process, kase, step, visible, registrar };
}

describe('PetitionProcess (collaborators replaced)', () => {
  it('loads the petition the case is about', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 77, extended: false });
    await expect(process.subject(db.manager, { ...kase, subjectId: 78 })).rejects.toThrow(/Petition/);
  });

  it('accepting makes the resolution due at the end of the 60th day (China time) after today', async () => {
    const { clock, process, step } = newTestService();
    expect((await takeStep(process, step('accept', 'registered'))).outcome).toEqual({ dueAt: new Date('2027-02-01T15:59:59.999Z') });
    // 01:00 on 4 December in China is already the next day.
    clock.set(new Date('2026-12-03T17:00:00Z'));
    expect((await takeStep(process, step('accept', 'registered'))).outcome.dueAt).toEqual(new Date('2027-02-02T15:59:59.999Z'));
    expect(dueAfter('2026-12-31', 1)).toEqual(new Date('2027-01-01T15:59:59.999Z'));
  });

  it('declining keeps the reason and says so', async () => {
    const { db, process, step } = newTestService();
    const { notice } = await takeStep(process, step('decline', 'registered', { comment: '属于法院受理范围，请向法院起诉' }));
    expect(db.row(Petition, 77)?.declineReason).toBe('属于法院受理范围，请向法院起诉');
    expect(notice).toEqual({ title: '信访件不予受理', body: '城关机械厂拖欠 30 名职工工资', link: '/staff/pages/petition/index?id=77' });
  });

  it('extends the resolution’s due date by 30 days, once', async () => {
    const { db, process, step } = newTestService();
    const due = new Date('2027-02-01T15:59:59.999Z');
    const { outcome, notice } = await takeStep(process, step('extend', 'accepted', { comment: '涉及人数多', dueAt: due }));
    expect(outcome).toEqual({ dueAt: new Date(due.getTime() + 30 * DAY_MS) });
    expect(db.row(Petition, 77)?.extended).toBe(true);
    expect(notice.title).toBe('信访件办理期限已延长');

    const again = newTestService(true);
    await expect(takeStep(again.process, again.step('extend', 'accepted', { comment: '再延', dueAt: due }))).rejects.toMatchObject({
      code: 'action_not_allowed',
      publicMessage: '办理期限已经延长过一次',
    });
  });

  it('extending a case without a due date makes it due at the end of the 30th day (China time) after today, as accepting does', async () => {
    const { clock, process, step } = newTestService();
    expect((await takeStep(process, step('extend', 'accepted', { comment: '涉及人数多' }))).outcome).toEqual({
      dueAt: new Date('2027-01-02T15:59:59.999Z'),
    });
    // 01:00 on 4 December in China is already the next day.
    clock.set(new Date('2026-12-03T17:00:00Z'));
    expect((await takeStep(process, step('extend', 'accepted', { comment: '涉及人数多' }))).outcome).toEqual({
      dueAt: new Date('2027-01-03T15:59:59.999Z'),
    });
  });

  it('refuses to resolve without the result form', async () => {
    const { db, process, step } = newTestService();
    await expect(takeStep(process, step('resolve', 'accepted'))).rejects.toMatchObject({
      code: 'action_not_allowed',
      publicMessage: '办结请填写处理结果',
    });
    expect(db.writes).toEqual([]);
  });

  it('resolves with the result and the legal-aid cases it led to, counted among the cases under the registrar’s organisation', async () => {
    const { db, process, step, visible } = newTestService();
    visible.count = 2;
    const body = { version: 5, result: '  已协调发放拖欠工资 ', legalAidApplicationIds: [90, 91, 90] } satisfies ResolvePetitionRequest;
    const { notice } = await takeStep(process, step('resolve', 'accepted'), body);
    const count = db.queries.find((q) => q.end === 'getCount');
    expect(count?.entity).toBe('LegalAidApplication');
    expect(argsOf(count, 'where')).toEqual(['a.id IN (:...ids)', { ids: [90, 91] }]);
    const subtree = argsOf(count, 'andWhere')?.[0] as Brackets;
    const conditions: unknown[][] = [];
    subtree.whereFactory({ where: (...args: unknown[]) => conditions.push(args) } as never);
    expect(conditions).toEqual([['c.organizationPath LIKE :underPath', { underPath: '/1/2/%' }]]);
    expect(db.row(Petition, 77)).toMatchObject({ result: '已协调发放拖欠工资', legalAidApplicationIds: [90, 91], resolvedAt: NOW });
    expect(notice).toEqual({ title: '信访件已办结', body: '城关机械厂拖欠 30 名职工工资', link: '/staff/pages/petition/index?id=77' });
  });

  it('refuses to link a legal-aid case that does not exist or lies outside the registrar’s organisation', async () => {
    const { db, process, step, visible } = newTestService();
    visible.count = 1;
    await expect(
      takeStep(process, step('resolve', 'accepted'), { version: 5, result: '已协调解决', legalAidApplicationIds: [90, 92] }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      details: [{ field: 'legalAidApplicationIds', message: '有法律援助案件编号不存在' }],
    });
    expect(db.row(Petition, 77)).toMatchObject({ result: null, resolvedAt: null });
  });

  it('resolves with no linked case without asking for any', async () => {
    const { db, process, step } = newTestService();
    await takeStep(process, step('resolve', 'accepted'), { version: 5, result: '已当面解释政策' } satisfies ResolvePetitionRequest);
    expect(db.queries).toEqual([]);
    expect(db.row(Petition, 77)).toMatchObject({ result: '已当面解释政策', legalAidApplicationIds: [] });
  });
});

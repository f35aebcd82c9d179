import { DEFAULT_HARDSHIP_RULES, HARDSHIP_FILE_WORKFLOW as WF, type HardshipFileAction, type RecheckFileRequest } from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { TransitionService } from '../workflow/transition.service';
import { caseRow, DAY_MS, InMemoryDb, staffActor, StillClock, stepOf, takeStep } from '../workflow/testing/fakes';
import { HardshipFile } from './entities/hardship-file.entity';
import { HouseholdMember } from './entities/household-member.entity';
import { changeOf, HardshipFileProcess } from './hardship-file.process';
import type { HardshipRulesService } from './hardship-rules.service';

// 10:00 on 15 March 2027 in China.
const NOW = new Date('2027-03-15T02:00:00Z');

/** A filed household's process: the file and household in memory, the county's rules in force a recorder. */
function newTestService() {
  const db = new InMemoryDb();
  const [file] = db.seed(HardshipFile, {
    id: 42,
    caseId: 900,
    fileNo: 'KN202600042',
    applicationId: 80,
    organizationPath: '/1/2/5/',
    category: 'severe',
    closeReason: null,
  });
  db.seed(
    HouseholdMember,
    { id: 1, applicationId: 80, relation: 'self', active: true },
    { id: 2, applicationId: 80, relation: 'child', active: true },
    { id: 3, applicationId: 81, relation: 'self', active: true },
  );
  const clock = new StillClock(NOW);
  const asked: { path: string; at: Date }[] = [];
  const rules = {
    effectiveFor: (_m: EntityManager, path: string, at: Date) => {
      asked.push({ path, at });
      return Promise.resolve({ row: { id: 21 }, rules: { ...DEFAULT_HARDSHIP_RULES, recheckMonths: 12, followUpMonths: 3 } });
    },
  } as unknown as HardshipRulesService;
  const process = new HardshipFileProcess(clock, {} as TransitionService, rules);
  const kase = caseRow({ id: 900, caseType: 'hardship_file', subjectId: 42, state: 'active' });
  const step = (action: HardshipFileAction, state = 'active') =>
    stepOf(WF, action, { manager: db.manager, kase: { ...kase, state }, subject: file, actor: staffActor(), comment: '年度复核' });
  const form = (outcome: HardshipFileAction, over: Partial<RecheckFileRequest> = {}): RecheckFileRequest => ({
    version: 3,
    outcome,
    note: ' 家庭收入无明显变化 ',
    ...over,
  });
  return { db, clock, process, kase, step, form, asked };
}

describe('HardshipFileProcess (collaborators replaced)', () => {
  it('loads the file the case is about', async () => {
    const { db, process, kase } = newTestService();
    await expect(process.subject(db.manager, kase)).resolves.toMatchObject({ id: 42, fileNo: 'KN202600042' });
    await expect(process.subject(db.manager, { ...kase, subjectId: 43 })).rejects.toThrow(/HardshipFile/);
  });

  it('refuses a re-check step without its form (a plain step)', async () => {
    const { db, process, step } = newTestService();
    await expect(takeStep(process, step('keep'))).rejects.toMatchObject({
      code: 'action_not_allowed',
      publicMessage: '请在档案页面填写复核表',
    });
    expect(db.writes).toEqual([]);
  });

  it('keeping the file sets the next re-check by the county’s rules in force, and changes nothing on the file', async () => {
    const { db, process, step, form, asked } = newTestService();
    const { outcome, notice } = await takeStep(process, step('keep'), form('keep'));
    expect(asked).toEqual([{ path: '/1/2/5/', at: NOW }]);
    expect(outcome).toEqual({ dueAt: new Date('2028-03-15T02:00:00Z') });
    expect(db.writes).toEqual([]);
    expect(notice).toEqual({ title: '困难档案年度复核完成', body: '复核结果：维持。', link: '/pages/hardship/file/index?id=42' });
  });

  it('changing the category writes the new one and tells the worker which', async () => {
    const { db, process, step, form } = newTestService();
    const { outcome, notice } = await takeStep(process, step('change_category'), form('change_category', { category: 'relative' }));
    expect(db.row(HardshipFile, 42)?.category).toBe('relative');
    expect(outcome.dueAt).toEqual(new Date('2028-03-15T02:00:00Z'));
    expect(notice.body).toBe('复核结果：调整为相对困难。');
  });

  it('closing keeps the reason, frees the household for a new application, and is due for the follow-up', async () => {
    const { db, clock, process, step, form } = newTestService();
    clock.advance(10 * DAY_MS);
    const { outcome, notice } = await takeStep(process, step('close'), form('close', { closeReason: 'recovered', category: 'relative' }));
    expect(db.row(HardshipFile, 42)).toMatchObject({ closeReason: 'recovered', category: 'severe' });
    expect(db.rows(HouseholdMember).map((m) => [m.id, m.active])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(outcome).toEqual({ dueAt: new Date('2027-06-25T02:00:00Z') });
    expect(notice).toEqual({
      title: '困难档案已关闭',
      body: '原因：已脱困。家庭收入无明显变化。家庭再遇困难时可以重新申请。',
      link: '/pages/hardship/file/index?id=42',
    });
  });

  it('the follow-up after closing records the call only: no rules, no writes, no new due', async () => {
    const { db, process, step, form, asked } = newTestService();
    const { outcome, notice } = await takeStep(process, step('follow_up', 'exited'), form('follow_up'));
    expect(outcome).toEqual({});
    expect(asked).toEqual([]);
    expect(db.writes).toEqual([]);
    expect(notice).toMatchObject({ title: '工会回访已记录', body: '感谢您接受回访。家庭再遇困难时可以随时重新申请。' });
  });

  it('reads the change from the action, not from fields the form carries for another outcome', () => {
    const body: RecheckFileRequest = { version: 1, outcome: 'keep', note: '...', category: 'accident', closeReason: 'retired' };
    expect(changeOf('keep', body)).toEqual({ category: undefined, reason: undefined });
    expect(changeOf('change_category', body)).toEqual({ category: 'accident', reason: undefined });
    expect(changeOf('close', body)).toEqual({ category: undefined, reason: 'retired' });
  });

  it('says what comes next when a step has no form of its own', () => {
    const { process, step } = newTestService();
    expect(process.notice(step('keep'))).toEqual({
      title: '困难档案有新进展',
      body: '档案在管，工会每年上门复核一次；家里情况有变化请告诉工会',
      link: '/pages/hardship/file/index?id=42',
    });
  });
});

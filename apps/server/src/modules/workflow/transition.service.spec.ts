import { MEMBERSHIP_APPLICATION_WORKFLOW, type MembershipApplicationAction, type MembershipApplicationState } from '@union/shared';
import type { Actor } from '../../common/actor';
import { MovableClock } from '../../common/clock';
import type { AppConfig } from '../../config/configuration';
import type { Db } from '../../database/db.service';
import type { Notifier } from '../notifications/notifier.service';
import type { CaseProcess, StepContext } from './case-process';
import { CaseHistory } from './entities/case-history.entity';
import { WorkflowCase } from './entities/workflow-case.entity';
import { caseRow, nationalCalendars } from './testing/fakes';
import { TransitionService } from './transition.service';

type S = MembershipApplicationState;
type A = MembershipApplicationAction;

/**
 * The transition service with its collaborators replaced (Immich's `newTestService` is the model):
 * the database is an in-memory case table whose compare-and-set behaves like the real one, the
 * notifier records the messages, and the case type's process is a fake that records its calls.
 */
function newTestService() {
  const kase: WorkflowCase = caseRow({ applicantNameMasked: '测*', title: '测*' });
  const history: Partial<CaseHistory>[] = [];
  const messages: { userId: number; title: string; status: string }[] = [];
  let committed = { ...kase };
  const manager = {
    getRepository: (entity: unknown) =>
      entity === WorkflowCase
        ? { findOneBy: ({ id }: { id: number }) => Promise.resolve(id === committed.id ? { ...committed } : null) }
        : { insert: (row: Partial<CaseHistory>) => Promise.resolve(history.push(row)) },
    createQueryBuilder: () => {
      let changes: Partial<WorkflowCase> = {};
      const qb = {
        update: () => qb,
        set: (c: Partial<WorkflowCase>) => ((changes = c), qb),
        where: (_sql: string, p: { id: number; version: number; state: string }) => ({
          execute: () => {
            const hit = p.id === committed.id && p.version === committed.version && p.state === committed.state;
            if (hit) committed = { ...committed, ...changes };
            return Promise.resolve({ affected: hit ? 1 : 0 });
          },
        }),
      };
      return qb;
    },
  };
  // A transaction that fails leaves the table as it was (the real one rolls back).
  const db = {
    transaction: async <T>(work: (m: typeof manager) => Promise<T>) => {
      const before = { ...committed };
      const rows = history.length;
      const sent = messages.length;
      try {
        return await work(manager);
      } catch (err) {
        committed = before;
        history.length = rows;
        messages.length = sent;
        throw err;
      }
    },
  } as unknown as Db;
  const notifier = {
    notify: (_m: unknown, n: { userId: number; title: string; status: string }) => Promise.resolve(messages.push(n)),
  } as unknown as Notifier;
  const config = { workflow: { deadlines: { membershipReview: 5 } } } as unknown as AppConfig;
  const service = new TransitionService(new MovableClock(), db, nationalCalendars(), notifier, config);

  const calls: string[] = [];
  const process: CaseProcess<S, A, { id: number; name: string }, { approve: { memberNo: string } }> = {
    def: MEMBERSHIP_APPLICATION_WORKFLOW,
    subject: (_m, k) => (calls.push(`subject ${k.subjectId}`), Promise.resolve({ id: k.subjectId ?? 0, name: '申请' })),
    before: (step) => (calls.push(`before ${step.action}`), Promise.resolve()),
    after: (step) => (calls.push(`after ${step.action} ${step.kase.state}`), Promise.resolve()),
    steps: {
      approve: {
        before: (step, payload) => (calls.push(`approve.before ${payload.memberNo} ${step.subject.name}`), Promise.resolve()),
        after: (_step, payload) => (calls.push(`approve.after ${payload.memberNo}`), Promise.resolve()),
        notice: (_step, payload) => ({ title: `已通过 ${payload.memberNo}`, body: '', link: null }),
      },
      reject: {
        before: () => Promise.reject(Object.assign(new Error('refused'), { code: 'refused_by_step' })),
      },
    },
    notice: (step: StepContext<S>) => ({ title: `通知 ${step.to}`, body: '', link: null }),
  };
  return { service, process, calls, history, messages, committed: () => committed };
}

const cadre: Actor = {
  userId: 1,
  displayName: '张干事',
  roles: ['grassroots_cadre'],
  permissions: ['membership.review'],
  organization: { id: 5, path: '/1/2/5/', level: 'grassroots' },
} as unknown as Actor;

describe('TransitionService (collaborators replaced)', () => {
  it('refuses a second process for a case type, and a process with work for an action its table lacks', () => {
    const { service, process } = newTestService();
    service.register(process);
    expect(() => service.register({ ...process })).toThrow(/two processes/);
    const other = newTestService();
    expect(() => other.service.register({ ...process, steps: { no_such_action: {} } } as never)).toThrow(/does not define/);
    expect(other.service.missingProcesses(['membership_application', 'petition'])).toEqual(['membership_application', 'petition']);
    expect(service.missingProcesses(['membership_application', 'petition'])).toEqual(['petition']);
  });

  it('refuses to run a process that was not registered', async () => {
    const { service, process } = newTestService();
    await expect(service.apply(cadre, process, 7, { action: 'approve', version: 3 }, { memberNo: 'X' })).rejects.toThrow(/not registered/);
  });

  it('runs the common checks, then the action’s own with its form; the state moves once; history and the action’s message follow', async () => {
    const { service, process, calls, history, messages, committed } = newTestService();
    service.register(process);
    const after = await service.apply(cadre, process, 7, { action: 'approve', version: 3 }, { memberNo: 'M-1' });
    expect(calls).toEqual(['subject 70', 'before approve', 'approve.before M-1 申请', 'after approve approved', 'approve.after M-1']);
    expect(after).toMatchObject({ state: 'approved', version: 4, holder: 'none' });
    expect(after.closedAt).toBeInstanceOf(Date);
    expect(committed()).toMatchObject({ state: 'approved', version: 4 });
    expect(history).toEqual([expect.objectContaining({ caseId: 7, action: 'approve', fromState: 'submitted', toState: 'approved' })]);
    expect(messages).toEqual([expect.objectContaining({ userId: 100, title: '已通过 M-1', status: '已入会' })]);
  });

  it('a plain step through the registry uses the process’s own message', async () => {
    const { service, process, messages, committed } = newTestService();
    service.register(process);
    await service.applyPlain(cadre, 'membership_application', 7, { action: 'request_info', version: 3, comment: ' 请补充 ' });
    expect(committed().state).toBe('needs_info');
    expect(messages.map((m) => m.title)).toEqual(['通知 needs_info']);
    await expect(service.applyPlain(cadre, 'petition', 7, { action: 'accept', version: 4 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('a refused step changes nothing: stale version, a step the table does not allow, a missing reason, the step’s own refusal', async () => {
    const { service, process, history, messages, committed } = newTestService();
    service.register(process);
    await expect(service.apply(cadre, process, 7, { action: 'approve', version: 2 }, { memberNo: 'X' })).rejects.toMatchObject({
      code: 'state_conflict',
    });
    await expect(service.apply(cadre, process, 7, { action: 'resubmit', version: 3 })).rejects.toMatchObject({
      code: 'action_not_allowed',
    });
    await expect(service.apply(cadre, process, 7, { action: 'reject', version: 3, comment: '  ' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(service.apply(cadre, process, 7, { action: 'reject', version: 3, comment: '材料不实' })).rejects.toMatchObject({
      code: 'refused_by_step',
    });
    expect(committed()).toMatchObject({ state: 'submitted', version: 3 });
    expect(history).toEqual([]);
    expect(messages).toEqual([]);
  });

  it('answers 404 to someone outside the case’s place or function, before any check of the step', async () => {
    const { service, process, calls } = newTestService();
    service.register(process);
    const elsewhere = { ...cadre, organization: { id: 9, path: '/1/3/9/', level: 'grassroots' } } as unknown as Actor;
    const lawyer = { ...cadre, permissions: ['legal.consult'] } as unknown as Actor;
    for (const actor of [elsewhere, lawyer]) {
      await expect(service.apply(actor, process, 7, { action: 'approve', version: 3 }, { memberNo: 'X' })).rejects.toMatchObject({
        code: 'not_found',
      });
    }
    expect(calls).toEqual([]);
  });
});

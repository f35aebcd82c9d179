import { caseAccess } from '../../common/case-access';
import { type ActionView } from '@union/shared';
import { nationalCalendars } from './testing/fakes';
import type { Actor } from '../../common/actor';
import type { Db } from '../../database/db.service';
import { CaseHandlers, type CaseHandler } from './case-handlers';
import { CaseViews } from './case-views';
import { Clock } from '../../common/clock';
import { CasesService } from './cases.service';
import type { WorkflowCase } from './entities/workflow-case.entity';
import type { TransitionInput, TransitionService } from './transition.service';

/**
 * The case API with its collaborators replaced (Immich's `newTestService` is the model): the
 * database is one in-memory row, the transition service answers access from the real rules and
 * records the plain steps it was asked for, and the handler is a fake that answers the actions.
 */
function newTestService(row: Partial<WorkflowCase> = {}) {
  const kase: WorkflowCase = {
    id: 7,
    caseType: 'membership_application',
    state: 'submitted',
    subjectType: 'membership_applications',
    subjectId: 70,
    version: 3,
    holder: 'staff',
    organizationId: 5,
    organizationPath: '/1/2/5/',
    applicantUserId: 100,
    applicantNameMasked: '测***',
    applicantIdIndex: null,
    assigneeUserId: null,
    title: '测***',
    submittedAt: new Date('2026-12-01T02:00:00Z'),
    dueAt: null,
    closedAt: null,
    updatedAt: new Date('2026-12-01T02:00:00Z'),
    ...row,
  };
  const rows = new Map([[kase.id, kase]]);
  const db = {
    manager: {
      getRepository: () => ({
        findOneBy: ({ id }: { id: number }) => Promise.resolve(rows.get(id) ?? null),
        findOneByOrFail: ({ id }: { id: number }) => Promise.resolve(rows.get(id) as WorkflowCase),
      }),
    },
  } as unknown as Db;
  const calls: { caseType: string; caseId: number; action: string }[] = [];
  const step = { effect: () => undefined as void };
  const transitions = {
    actorContext: (actor: Actor, k: WorkflowCase) => caseAccess(actor, k),
    actionsFor: () => [],
    history: () => Promise.resolve([]),
    applyPlain: (_actor: Actor, caseType: string, caseId: number, input: TransitionInput) => {
      calls.push({ caseType, caseId, action: input.action });
      step.effect();
      return Promise.resolve(rows.get(caseId));
    },
  } as unknown as TransitionService;
  const handlers = new CaseHandlers(transitions);
  const handler: CaseHandler = {
    caseType: 'membership_application',
    actions: () => Promise.resolve([{ action: 'approve', label: '通过' } as ActionView]),
  };
  handlers.register(handler);
  const service = new CasesService(db, transitions, new CaseViews(new Clock(), nationalCalendars()), handlers);
  return { service, kase, calls, handlers, step };
}

const cadre: Actor = {
  userId: 1,
  displayName: '张干事',
  roles: ['grassroots_cadre'],
  permissions: ['membership.review'],
  organization: { id: 5, path: '/1/2/5/', level: 'grassroots' },
} as unknown as Actor;
const applicant: Actor = { userId: 100, displayName: '工人', roles: ['worker'], permissions: [], organization: null } as unknown as Actor;
const stranger: Actor = { ...applicant, userId: 101 } as Actor;
const lawyer: Actor = { ...cadre, userId: 2, roles: ['lawyer'], permissions: ['legal.consult'] } as unknown as Actor;

describe('CasesService (collaborators replaced)', () => {
  it('answers the case with the handler’s actions and the staff route for staff, the applicant route for the applicant', async () => {
    const { service } = newTestService();
    const staff = await service.get(cadre, 7);
    expect(staff).toMatchObject({ id: 7, subjectId: 70, caseTypeLabel: '入会申请', stateTone: 'primary', terminal: false });
    expect(staff.actions.map((a) => a.action)).toEqual(['approve']);
    expect(staff.route).toBe('/staff/pages/case/index?type=membership_application&id=70');
    expect((await service.get(applicant, 7)).route).toBe('/pages/membership/application/index?id=70');
  });

  it('answers 404 outside place, function or ownership, and for a case that does not exist', async () => {
    const { service } = newTestService();
    for (const actor of [stranger, lawyer]) await expect(service.get(actor, 7)).rejects.toMatchObject({ code: 'not_found' });
    await expect(service.get(cadre, 8)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('hands a plain step to the transition service under the case type, for its registered process', async () => {
    const { service, calls } = newTestService();
    await service.transition(cadre, 7, { action: 'approve', version: 3 });
    expect(calls).toEqual([{ caseType: 'membership_application', caseId: 7, action: 'approve' }]);
  });

  it('refuses an unknown step and a step with a form without taking it (the form goes through its own endpoint)', async () => {
    const { service, calls } = newTestService({
      caseType: 'hardship_application',
      subjectType: 'hardship_applications',
      state: 'submitted',
    });
    const hardshipCadre = { ...cadre, permissions: ['hardship.review.grassroots'] } as unknown as Actor;
    await expect(service.transition(hardshipCadre, 7, { action: 'no_such_step', version: 3 })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await expect(service.transition(hardshipCadre, 7, { action: 'return_for_material', version: 3 })).rejects.toMatchObject({
      code: 'action_not_allowed',
    });
    expect(calls).toEqual([]);
  });

  it('refuses two handlers for one case type, and reports the types without one', () => {
    const { handlers } = newTestService();
    expect(() =>
      handlers.registerService('membership_application', {
        get: () => Promise.resolve({ actions: [] }),
      }),
    ).toThrow(/two handlers/);
    expect(handlers.missing(['membership_application', 'petition'])).toEqual(['petition']);
  });

  it('after a step that moves the case out of reach, answers it with nothing left to do (not 404)', async () => {
    const { service, kase, step } = newTestService();
    // The step moves the case to a union outside the cadre's subtree, as a transfer does.
    step.effect = () => {
      kase.organizationPath = '/1/3/9/';
    };
    const moved = await service.transition(cadre, 7, { action: 'transfer', version: 3 });
    expect(moved).toMatchObject({ id: 7, actions: [], route: null });
    await expect(service.get(cadre, 7)).rejects.toMatchObject({ code: 'not_found' });
  });
});

import { caseAccess } from '../../common/case-access';
import { defaultWorkCalendar, type ActionView } from '@union/shared';
import type { Actor } from '../../common/actor';
import type { Db } from '../../database/db.service';
import { CaseHandlers, type CaseHandler } from './case-handlers';
import { CaseViews } from './case-views';
import { Clock } from '../../common/clock';
import { CasesService } from './cases.service';
import type { WorkflowCase } from './entities/workflow-case.entity';
import type { TransitionService } from './transition.service';

/**
 * The case API with its collaborators replaced (Immich's `newTestService` is the model): the
 * database is one in-memory row, the transition service answers access from the real rules and
 * the handler is a fake that records what it was asked.
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
  const transitions = {
    actorContext: (actor: Actor, k: WorkflowCase) => caseAccess(actor, k),
    actionsFor: () => [],
    history: () => Promise.resolve([]),
  } as unknown as TransitionService;
  const handlers = new CaseHandlers();
  const calls: { subjectId: number; action: string }[] = [];
  const handler: CaseHandler = {
    caseType: 'membership_application',
    actions: () => Promise.resolve([{ action: 'approve', label: '通过' } as ActionView]),
    transition: (_actor, subjectId, input) => {
      calls.push({ subjectId, action: input.action });
      return Promise.resolve({});
    },
  };
  handlers.register(handler);
  const service = new CasesService(db, transitions, new CaseViews(new Clock(), defaultWorkCalendar()), handlers);
  return { service, kase, calls, handlers };
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

  it('hands a plain step to the case type’s handler with the subject id', async () => {
    const { service, calls } = newTestService();
    await service.transition(cadre, 7, { action: 'approve', version: 3 });
    expect(calls).toEqual([{ subjectId: 70, action: 'approve' }]);
  });

  it('refuses an unknown step and a step with a form without calling the handler (the form goes through its own endpoint)', async () => {
    const { service, handlers } = newTestService({
      caseType: 'hardship_application',
      subjectType: 'hardship_applications',
      state: 'submitted',
    });
    // A handler that would take the step: so it is the case API's own check that refuses.
    const calls: string[] = [];
    handlers.register({
      caseType: 'hardship_application',
      actions: () => Promise.resolve([]),
      transition: (_actor, _id, input) => Promise.resolve(calls.push(input.action)),
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
        transition: () => Promise.resolve({}),
      }),
    ).toThrow(/two handlers/);
    expect(handlers.missing(['membership_application', 'petition'])).toEqual(['petition']);
  });

  it('after a step that moves the case out of reach, answers it with nothing left to do (not 404)', async () => {
    const { service, kase, handlers } = newTestService();
    const handler = handlers.of('membership_application') as { transition: CaseHandler['transition'] };
    // The handler moves the case to a union outside the cadre's subtree, as a transfer does.
    handler.transition = () => {
      kase.organizationPath = '/1/3/9/';
      return Promise.resolve({});
    };
    const moved = await service.transition(cadre, 7, { action: 'transfer', version: 3 });
    expect(moved).toMatchObject({ id: 7, actions: [], route: null });
    await expect(service.get(cadre, 7)).rejects.toMatchObject({ code: 'not_found' });
  });
});

import { Inject, Injectable } from '@nestjs/common';
import { availableActions, isAction, maskName, type ActionView, type ActorContext, type WorkflowDef } from '@union/shared';
import { type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { caseAccess, isOwnCase, staffMayHandleCase } from '../../common/case-access';
import { fail } from '../../common/app-exception';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { Db } from '../../database/db.service';
import { findRow, findRows } from '../../database/plain-reads';
import { Notifier } from '../notifications/notifier.service';
import { type Organization } from '../organizations/organizations.service';
import { syncQueue } from './case-queue';
import { WorkCalendars } from './work-calendars';
import { CaseHistory } from './entities/case-history.entity';
import { WorkflowCase } from './entities/workflow-case.entity';
import { Clock } from '../../common/clock';
import {
  processProblems,
  type AnyCaseProcess,
  type CaseNotice,
  type FormAction,
  type PayloadOf,
  type StepContext,
  type StepOutcome,
  type StepWork,
  type TransitionInput,
} from './case-process';

export type { CaseNotice, CaseProcess, StepContext, StepOutcome, TransitionInput } from './case-process';

/** History action of the record that the applicant, being staff in scope, may not handle their own case. */
export const RECUSE_ACTION = 'recuse';

/**
 * The only path that changes a case's state. In one transaction: load, check scope (outside it
 * answers 404), check the table, run the step's checks, compare-and-set on state + version
 * (exactly one of two concurrent actors wins), history row, notification with outbox row. Each
 * case type's own part of a step is its {@link CaseProcess}, registered once at start.
 */
@Injectable()
export class TransitionService {
  private readonly processes = new Map<string, AnyCaseProcess>();

  constructor(
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly calendars: WorkCalendars,
    private readonly notifier: Notifier,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Register a case type's process (once per type, at module start); a process unsound against its table is refused. */
  register(process: AnyCaseProcess): void {
    const caseType = (process.def as WorkflowDef<string, string>).caseType;
    if (this.processes.has(caseType)) throw new Error(`two processes for case type ${caseType}`);
    const problems = processProblems(process);
    if (problems.length) throw new Error(problems.join('\n'));
    this.processes.set(caseType, process);
  }

  /** The registered process of a case type, or null. */
  processOf(caseType: string): AnyCaseProcess | null {
    return this.processes.get(caseType) ?? null;
  }

  /** Case types without a process (checked once every module has started). */
  missingProcesses(caseTypes: readonly string[]): string[] {
    return caseTypes.filter((t) => !this.processes.has(t));
  }

  /** The actor's relation to a case, or null when the case is outside what they may see. */
  actorContext(actor: Actor, kase: WorkflowCase): ActorContext | null {
    return caseAccess(actor, kase);
  }

  /** Load a case the actor may see, or 404. */
  async loadVisible(
    manager: EntityManager,
    actor: Actor,
    caseType: string,
    caseId: number,
  ): Promise<{ kase: WorkflowCase; ctx: ActorContext }> {
    const kase = await findRow(manager, WorkflowCase, { id: caseId, caseType });
    const ctx = kase ? this.actorContext(actor, kase) : null;
    if (!kase || !ctx) fail('not_found');
    return { kase, ctx };
  }

  /**
   * The actions the actor may take now, as the client shows them; `blocked` gives, per action, why
   * the step's own checks would refuse it at this moment (the same checks its hook runs).
   */
  actionsFor<S extends string, A extends string>(
    def: WorkflowDef<S, A>,
    kase: WorkflowCase,
    ctx: ActorContext,
    blocked: Partial<Record<A, string | null>> = {},
  ): ActionView<A>[] {
    return availableActions(def, kase.state as S, ctx).map((action) => {
      const t = def.transitions[action];
      return {
        action,
        label: t.label,
        requiresComment: !!t.requiresComment,
        requiresTargetOrganization: !!t.requiresTargetOrganization,
        confirm: t.confirm ?? null,
        form: t.form ?? null,
        tone: t.tone ?? 'default',
        blockedReason: blocked[action] ?? null,
      };
    });
  }

  /** The actions of {@link actionsFor} for this actor's relation to the case; none when they may not see it. */
  actionsOf<S extends string, A extends string>(
    actor: Actor,
    def: WorkflowDef<S, A>,
    kase: WorkflowCase,
    blocked: Partial<Record<A, string | null>> = {},
  ): ActionView<A>[] {
    const ctx = this.actorContext(actor, kase);
    return ctx ? this.actionsFor(def, kase, ctx, blocked) : [];
  }

  /**
   * Due instant of the step a case enters at `at`, or null when the state has no deadline: in the
   * work calendar of the county of the case's place (`path`; the national one when none is given).
   */
  dueFor<S extends string, A extends string>(
    def: WorkflowDef<S, A>,
    state: S,
    at: Date,
    deadlines: Readonly<Record<string, number>> = this.config.workflow.deadlines,
    path?: string,
  ): Date | null {
    const key = def.states[state].deadline;
    if (!key) return null;
    const days = deadlines[key];
    return days ? this.calendars.forPath(path).dueAt(at, days) : null;
  }

  /** Open a new case in its initial state, with its first history row. */
  async open<S extends string, A extends string>(
    manager: EntityManager,
    def: WorkflowDef<S, A>,
    input: {
      actor: Actor;
      organization: Pick<Organization, 'id' | 'path'>;
      applicantUserId: number;
      title: string;
      assigneeUserId?: number | null;
      deadlines?: Readonly<Record<string, number>>;
      /** The first step's due instant, when the case type keeps it in its own rules (a file's first re-check). */
      dueAt?: Date;
      /**
       * Who the case is about, for the staff's search: the name the form gave (kept masked only)
       * and the blind index of the ID it gave. Without it, the actor's own name when they apply
       * for themselves.
       */
      applicant?: { name?: string; nameMasked?: string; idNumberIndex?: string | null };
    },
  ): Promise<WorkflowCase> {
    const now = this.clock.now();
    const own = input.applicantUserId === input.actor.userId ? input.actor.displayName : '';
    const applicantNameMasked = input.applicant?.nameMasked ?? maskName(input.applicant?.name ?? own);
    const repo = manager.getRepository(WorkflowCase);
    const kase = await repo.save(
      repo.create({
        caseType: def.caseType,
        subjectType: def.subjectType,
        subjectId: null,
        state: def.initial,
        version: 1,
        holder: def.states[def.initial].holder,
        organizationId: input.organization.id,
        organizationPath: input.organization.path,
        applicantUserId: input.applicantUserId,
        applicantNameMasked: applicantNameMasked.slice(0, 50),
        applicantIdIndex: input.applicant?.idNumberIndex ?? null,
        assigneeUserId: input.assigneeUserId ?? null,
        title: input.title,
        submittedAt: now,
        dueAt: input.dueAt ?? this.dueFor(def, def.initial, now, input.deadlines, input.organization.path),
        closedAt: null,
        updatedAt: now,
      }),
    );
    await syncQueue(manager, null, kase);
    await manager.getRepository(CaseHistory).insert({
      caseId: kase.id,
      action: 'submit',
      fromState: null,
      toState: def.initial,
      actorUserId: input.actor.userId,
      actorName: input.actor.displayName,
      comment: null,
      createdAt: now,
    });
    // Nobody handles their own case as staff: a cadre applying where they work is recorded as
    // recused, so the case visibly waits for another cadre of the union or the level above.
    const applicant = input.actor.userId === input.applicantUserId ? input.actor : null;
    if (applicant && staffMayHandleCase(applicant, kase) && isOwnCase(applicant, kase)) {
      await manager.getRepository(CaseHistory).insert({
        caseId: kase.id,
        action: RECUSE_ACTION,
        fromState: def.initial,
        toState: def.initial,
        actorUserId: applicant.userId,
        actorName: applicant.displayName,
        comment: '申请人本人是本级工会的工作人员，不能办理自己的申请，由本工会其他工作人员或上一级工会办理',
        createdAt: now,
      });
    }
    return kase;
  }

  /**
   * Record the domain row a case just opened is about (and, when only the row could say it, the
   * case's title); call in the transaction that opened it. One update.
   */
  async attachSubject(manager: EntityManager, kase: WorkflowCase, subjectId: number, title?: string): Promise<void> {
    await manager.getRepository(WorkflowCase).update({ id: kase.id }, title === undefined ? { subjectId } : { subjectId, title });
    kase.subjectId = subjectId;
    if (title !== undefined) kase.title = title;
  }

  /** Tell the applicant about their case's current state (in-app now, WeChat via the outbox). */
  async notifyApplicant<S extends string, A extends string>(
    manager: EntityManager,
    def: WorkflowDef<S, A>,
    kase: WorkflowCase,
    notice: { title: string; body: string; link: string | null },
  ): Promise<void> {
    await this.notifier.notify(manager, { userId: kase.applicantUserId, ...notice, status: def.states[kase.state as S].label });
  }

  /**
   * Apply a named transition through the case type's registered process; see the class comment
   * for what this guarantees. Actions whose process step records a form take it as `payload`.
   */
  apply<Proc extends AnyCaseProcess, K extends FormAction<Proc>>(
    actor: Actor,
    process: Proc,
    caseId: number,
    input: TransitionInput & { action: K },
    payload: PayloadOf<Proc, K>,
  ): Promise<WorkflowCase>;
  apply(actor: Actor, process: AnyCaseProcess, caseId: number, input: TransitionInput): Promise<WorkflowCase>;
  async apply(actor: Actor, process: AnyCaseProcess, caseId: number, input: TransitionInput, payload?: unknown): Promise<WorkflowCase> {
    const def = process.def as WorkflowDef<string, string>;
    if (this.processes.get(def.caseType) !== process) throw new Error(`the process of ${def.caseType} is not registered`);
    return this.run(actor, process, caseId, input, payload);
  }

  private async run(
    actor: Actor,
    process: AnyCaseProcess,
    caseId: number,
    input: TransitionInput,
    payload?: unknown,
  ): Promise<WorkflowCase> {
    const def = process.def as WorkflowDef<string, string>;
    if (!isAction(def, input.action)) fail('validation_failed', '没有这个操作', [{ field: 'action', message: '没有这个操作' }]);
    const transition = def.transitions[input.action];
    const comment = input.comment?.trim() || undefined;
    if (transition.requiresComment && !comment)
      fail('validation_failed', '请填写原因或说明', [{ field: 'comment', message: '请填写原因或说明' }]);
    if (transition.requiresTargetOrganization && !input.targetOrganizationId) {
      fail('validation_failed', '请选择要转交的工会', [{ field: 'targetOrganizationId', message: '请选择要转交的工会' }]);
    }
    const work = (process.steps as Record<string, StepWork | undefined> | undefined)?.[input.action];

    return this.db.transaction(async (manager) => {
      const { kase, ctx } = await this.loadVisible(manager, actor, def.caseType, caseId);
      if (kase.version !== input.version) fail('state_conflict');
      // The case as its queue rows hold it, before a step's hooks re-place it (they keep `kase` up to date).
      const before = { ...kase };
      if (!availableActions(def, kase.state, ctx).includes(input.action)) {
        fail('action_not_allowed', `当前状态为“${def.states[kase.state]?.label ?? kase.state}”，不能“${transition.label}”`);
      }
      const step: StepContext = {
        manager,
        actor,
        kase,
        subject: await process.subject(manager, kase),
        action: input.action,
        from: kase.state,
        to: transition.to,
        input: { ...input, comment },
      };
      const moved: StepOutcome = { ...((await process.before?.(step)) ?? {}), ...((await work?.before?.(step, payload)) ?? {}) };
      const now = this.clock.now();
      const toState = transition.to;
      const deadlines = process.deadlines ? await process.deadlines(manager, step.subject) : undefined;
      const changes = {
        state: toState,
        version: kase.version + 1,
        holder: def.states[toState].holder,
        dueAt:
          moved.dueAt ??
          (toState === kase.state && !moved.moveTo
            ? kase.dueAt
            : this.dueFor(def, toState, now, deadlines, moved.moveTo?.path ?? kase.organizationPath)),
        closedAt: def.states[toState].terminal ? now : null,
        updatedAt: now,
        ...(moved.moveTo ? { organizationId: moved.moveTo.id, organizationPath: moved.moveTo.path } : {}),
      };
      const result = await manager
        .createQueryBuilder()
        .update(WorkflowCase)
        .set(changes)
        .where('id = :id AND version = :version AND state = :state', { id: kase.id, version: kase.version, state: kase.state })
        .execute();
      if (result.affected !== 1) fail('state_conflict');
      Object.assign(kase, changes);
      await syncQueue(manager, before, kase);
      await process.after?.(step);
      await work?.after?.(step, payload);
      await manager.getRepository(CaseHistory).insert({
        caseId: kase.id,
        action: input.action,
        fromState: step.from,
        toState,
        actorUserId: actor.userId,
        actorName: actor.displayName,
        comment: comment ?? null,
        createdAt: now,
      });
      const notice: CaseNotice = work?.notice ? work.notice(step, payload) : process.notice(step);
      await this.notifyApplicant(manager, def, kase, notice);
      return kase;
    });
  }

  /**
   * A plain step (no form) on any case, through its type's registered process: what the case API
   * does. The caller has already refused actions that record a form.
   */
  async applyPlain(actor: Actor, caseType: string, caseId: number, input: TransitionInput): Promise<WorkflowCase> {
    const process = this.processes.get(caseType);
    if (!process) fail('not_found');
    return this.apply(actor, process, caseId, input);
  }

  /** Histories of several cases in one query, each oldest first. */
  async historyOf(manager: EntityManager, caseIds: number[]): Promise<Map<number, CaseHistory[]>> {
    const result = new Map<number, CaseHistory[]>();
    if (caseIds.length === 0) return result;
    const rows = await findRows(manager, CaseHistory, { caseId: caseIds }, { orderBy: 'id' });
    for (const row of rows) result.set(row.caseId, [...(result.get(row.caseId) ?? []), row]);
    return result;
  }

  /** History of a case, oldest first. */
  async history(manager: EntityManager, caseId: number): Promise<CaseHistory[]> {
    return findRows(manager, CaseHistory, { caseId }, { orderBy: 'id' });
  }
}

import { Injectable } from '@nestjs/common';
import {
  caseRoute,
  isAction,
  workflowOf,
  type ActionView,
  type ActorContext,
  type CaseType,
  type CaseView,
  type HistoryEntryView,
  type WorkflowDef,
} from '@union/shared';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { findRow } from '../../database/plain-reads';
import { CaseHandlers } from './case-handlers';
import { CaseViews } from './case-views';
import { WorkflowCase } from './entities/workflow-case.entity';
import { TransitionService, type TransitionInput } from './transition.service';

/**
 * The case as the unit of the API: any case by its id, whatever its type. Reads `workflow_cases`
 * and the type's table; steps go to the handler the type registered, so the domain's own checks,
 * effects and notices run exactly as on the domain's endpoints.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly db: Db,
    private readonly transitions: TransitionService,
    private readonly views: CaseViews,
    private readonly handlers: CaseHandlers,
  ) {}

  /** One case as the actor may see it, or 404 (outside their place or function, or not theirs). */
  async get(actor: Actor, caseId: number): Promise<CaseView> {
    const { kase, def, ctx } = await this.load(actor, caseId);
    return this.view(actor, kase, def, ctx);
  }

  /** What the actor may do on the case now (with the reasons a step is blocked), without the rest of the case. */
  async actions(actor: Actor, caseId: number): Promise<ActionView[]> {
    const { kase } = await this.load(actor, caseId);
    return this.handlers.of(kase.caseType)?.actions(actor, kase.subjectId ?? 0, kase) ?? [];
  }

  /** The case's history, oldest first, for whoever may see the case. */
  async history(actor: Actor, caseId: number): Promise<HistoryEntryView[]> {
    const { kase, def } = await this.load(actor, caseId);
    return this.views.history(def, await this.transitions.history(this.db.manager, kase.id));
  }

  /**
   * A plain step on any case, through its type's registered process (so the domain's checks,
   * effects and notices are the same as from its own pages); the case is answered as it is after.
   */
  async transition(actor: Actor, caseId: number, input: TransitionInput): Promise<CaseView> {
    const { kase, def } = await this.load(actor, caseId);
    if (!isAction(def, input.action)) fail('validation_failed', '没有这个操作', [{ field: 'action', message: '没有这个操作' }]);
    const t = def.transitions[input.action];
    if (t.form) fail('action_not_allowed', `“${t.label}”需要在办理页面填写表单`);
    // The case as the step's transaction left it (its hooks keep it up to date), not read again.
    // After a step that moves the case out of the actor's reach (a transfer), they get it as it is
    // now with nothing more to do, not a 404 for what they just did.
    const after = await this.transitions.applyPlain(actor, kase.caseType, kase.id, input);
    return this.view(actor, after, def, this.transitions.actorContext(actor, after));
  }

  private async view(actor: Actor, kase: WorkflowCase, def: WorkflowDef<string, string>, ctx: ActorContext | null): Promise<CaseView> {
    const handler = this.handlers.of(kase.caseType);
    const [actions, history] = await Promise.all([
      // Every case type has a handler (the server does not start otherwise).
      ctx && handler ? handler.actions(actor, kase.subjectId ?? 0, kase) : [],
      this.transitions.history(this.db.manager, kase.id),
    ]);
    const { caseTypeLabel, stateLabel, stateTone, terminal, staffStep } = this.views.describe(kase);
    // The staff side's page when the actor handles the case as staff; the applicant's otherwise.
    const side = ctx?.isApplicant ? 'applicant' : ctx?.staffLevel !== undefined ? 'staff' : null;
    return {
      id: kase.id,
      caseType: kase.caseType as CaseType,
      caseTypeLabel,
      subjectId: kase.subjectId ?? 0,
      title: kase.title,
      state: kase.state,
      stateLabel,
      stateTone,
      terminal,
      holder: kase.holder,
      version: kase.version,
      submittedAt: kase.submittedAt.toISOString(),
      closedAt: kase.closedAt?.toISOString() ?? null,
      deadline: this.views.deadline(kase),
      route: side ? caseRoute(kase.caseType, side, kase.subjectId ?? 0) : null,
      staffStep: side === 'staff' ? staffStep : null,
      actions,
      history: this.views.history(def, history),
    };
  }

  private async load(actor: Actor, caseId: number) {
    const kase = await findRow(this.db.manager, WorkflowCase, { id: caseId });
    const def: WorkflowDef<string, string> | null = kase ? workflowOf(kase.caseType) : null;
    const ctx = kase && def ? this.transitions.actorContext(actor, kase) : null;
    if (!kase || !def || !ctx || kase.subjectId === null) fail('not_found');
    return { kase, def, ctx };
  }
}

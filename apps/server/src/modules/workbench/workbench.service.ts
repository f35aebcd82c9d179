import { Injectable } from '@nestjs/common';
import {
  availableActions,
  caseRoute,
  workflowOf,
  WORKBENCH_CASE_TYPES,
  type Page,
  type WorkbenchCaseType,
  type WorkbenchItem,
  type WorkbenchAssignments,
  type WorkbenchStepSummary,
  type WorkflowDef,
} from '@union/shared';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { staffHandlesQueued } from '../../common/case-access';
import { decodeCursor, encodeCursor } from '../../common/cursor';
import { CompetitionJudgingService } from '../competitions/competition-judging.service';
import { ProposalsService } from '../proposals/proposals.service';
import { CaseViews } from '../workflow/case-views';
import { OrganizationsService } from '../organizations/organizations.service';
import { WorkflowCases, type QueueBranch } from '../workflow/workflow-cases.service';
import { Clock } from '../../common/clock';

function defOf(type: WorkbenchCaseType): WorkflowDef<string, string> {
  const def = workflowOf(type);
  if (!def) throw new Error(`no workflow table for ${type}`);
  return def;
}

/** Per case type, the states in which staff with these permissions at this level have something to do. */
function actionableStates(actor: Actor): [WorkbenchCaseType, string[]][] {
  const ctx = { isApplicant: false, permissions: actor.permissions, staffLevel: actor.organization?.level };
  return WORKBENCH_CASE_TYPES.map((type): [WorkbenchCaseType, string[]] => {
    const def = defOf(type);
    return [
      type,
      Object.keys(def.states).filter((state) => def.states[state].holder === 'staff' && availableActions(def, state, ctx).length > 0),
    ];
  }).filter(([, states]) => states.length > 0);
}

/** The staff queue: cases waiting for staff in the actor's subtree, oldest due first. */
@Injectable()
export class WorkbenchService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly caseViews: CaseViews,
    private readonly judging: CompetitionJudgingService,
    private readonly proposals: ProposalsService,
  ) {}

  /**
   * The stretches of the staff's queue the actor works on: per case type of their function and step
   * their level can act on (optionally one step only), the queue rows of their organisation.
   */
  private branches(actor: Actor, step?: { caseType?: string; state?: string }): QueueBranch[] {
    return actionableStates(actor)
      .filter(([type]) => !step?.caseType || type === step.caseType)
      .flatMap(([type, states]) => {
        const access = staffHandlesQueued(actor, type);
        return access ? states.filter((s) => !step?.state || s === step.state).map((state) => ({ ...access, state })) : [];
      });
  }

  /** What waits for the actor as a judge or an expert: entries to score, proposals to review (each module counts its own). */
  async assignments(actor: Actor): Promise<WorkbenchAssignments> {
    const [scoring, reviews] = await Promise.all([
      actor.permissions.includes('competition.judge') ? this.judging.scoringLeft(actor.userId) : 0,
      actor.permissions.includes('proposal.review') ? this.proposals.reviewsLeft(actor.userId) : 0,
    ]);
    return { scoring, reviews };
  }

  /** Queues per step: how many cases wait at each step the actor can act on, and how many are overdue. */
  async summary(actor: Actor): Promise<WorkbenchStepSummary[]> {
    if (!actor.organization) fail('forbidden');
    const rows = await this.cases.queuedCounts(this.branches(actor), this.clock.now());
    return rows
      .filter((r) => r.count > 0)
      .map((r) => ({
        caseType: r.caseType as WorkbenchCaseType,
        caseTypeLabel: defOf(r.caseType as WorkbenchCaseType).label,
        state: r.state,
        stateLabel: defOf(r.caseType as WorkbenchCaseType).states[r.state]?.label ?? r.state,
        count: r.count,
        overdue: r.overdue,
      }))
      .sort((a, b) => b.overdue - a.overdue || b.count - a.count);
  }

  async queue(
    actor: Actor,
    after: string | undefined,
    limit: number,
    step?: { caseType?: string; state?: string },
  ): Promise<Page<WorkbenchItem>> {
    if (!actor.organization) fail('forbidden');
    // Oldest due first (the queue has only cases with a deadline), by keyset on [due, case id].
    let position: { dueAt: Date; caseId: number } | undefined;
    if (after) {
      const [due, caseId] = decodeCursor<[string, number]>(after, ['string', 'number']);
      const dueAt = new Date(due);
      if (Number.isNaN(dueAt.getTime())) fail('validation_failed', '分页参数无效', [{ field: 'after', message: '分页参数无效' }]);
      position = { dueAt, caseId };
    }
    const { cases: page, more } = await this.cases.queuedPage(this.branches(actor, step), { after: position, limit });
    const last = page[page.length - 1];
    const nextCursor = more && last ? encodeCursor([(last.dueAt as Date).toISOString(), last.id]) : null;
    const orgNames = await this.organizations.namesByIds(page.map((c) => c.organizationId));
    const now = this.clock.now();
    const items = page.map((c): WorkbenchItem => {
      const { caseTypeLabel, stateLabel, staffStep } = this.caseViews.describe(c);
      const id = c.subjectId ?? 0;
      return {
        caseType: c.caseType as WorkbenchCaseType,
        caseTypeLabel,
        caseId: c.id,
        id,
        route: caseRoute(c.caseType, 'staff', id),
        title: c.title,
        state: c.state,
        stateLabel,
        applicantNameMasked: c.applicantNameMasked,
        organizationName: orgNames.get(c.organizationId) ?? '',
        submittedAt: c.submittedAt.toISOString(),
        deadline: this.caseViews.deadline(c, now),
        staffStep,
      };
    });
    return { items, nextCursor };
  }
}

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
import { Brackets } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { whereStaffHandles } from '../../common/case-access';
import { pageBy } from '../../common/cursor';
import { CompetitionJudgingService } from '../competitions/competition-judging.service';
import { ProposalsService } from '../proposals/proposals.service';
import { CaseViews } from '../workflow/case-views';
import { OrganizationsService } from '../organizations/organizations.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
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

  /** Cases waiting for the actor's level in their subtree, optionally one step only (caseType + state). */
  private waiting(actor: Actor & { organization: NonNullable<Actor['organization']> }, step?: { caseType?: string; state?: string }) {
    const pairs = actionableStates(actor)
      .filter(([type]) => !step?.caseType || type === step.caseType)
      .map(([type, states]): [string, string[]] => [type, states.filter((s) => !step?.state || s === step.state)])
      .filter(([, states]) => states.length > 0);
    const qb = this.cases.query().where('c.holder = :holder', { holder: 'staff' });
    // Place, function, assignment (a lawyer's own cases) and never one's own case: the one access helper.
    whereStaffHandles(
      qb,
      actor,
      pairs.map(([type]) => type),
    );
    return qb
      .andWhere(
        new Brackets((w) => {
          // Only what the actor's level can act on: a county cadre is not shown the grassroots steps below it.
          if (pairs.length === 0) w.where('1 = 0');
          pairs.forEach(([type, states], i) => {
            w.orWhere(`(c.caseType = :type${i} AND c.state IN (:...states${i}))`, { [`type${i}`]: type, [`states${i}`]: states });
          });
        }),
      )
      .andWhere('c.dueAt IS NOT NULL');
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
    const rows = await this.waiting(actor as Actor & { organization: NonNullable<Actor['organization']> })
      .select('c.caseType', 'caseType')
      .addSelect('c.state', 'state')
      .addSelect('COUNT(*)', 'count')
      .addSelect('SUM(CASE WHEN c.dueAt < :now THEN 1 ELSE 0 END)', 'overdue')
      .setParameter('now', this.clock.now())
      .groupBy('c.caseType')
      .addGroupBy('c.state')
      .getRawMany<{ caseType: WorkbenchCaseType; state: string; count: string | number; overdue: string | number }>();
    return rows
      .map((r) => ({
        caseType: r.caseType,
        caseTypeLabel: defOf(r.caseType).label,
        state: r.state,
        stateLabel: defOf(r.caseType).states[r.state]?.label ?? r.state,
        count: Number(r.count),
        overdue: Number(r.overdue ?? 0),
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
    // Oldest due first (the queue has only cases with a deadline).
    const { rows: page, nextCursor } = await pageBy(
      this.waiting(actor as Actor & { organization: NonNullable<Actor['organization']> }, step),
      { column: 'c.dueAt', direction: 'ASC', kind: 'instant', of: (c) => c.dueAt as Date },
      'c.id',
      { after, limit },
    );
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

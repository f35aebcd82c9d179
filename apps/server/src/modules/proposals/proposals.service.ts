import { Injectable } from '@nestjs/common';
import {
  statesAllowing,
  type CreateProposalRequest,
  type DecideRequest,
  type EvaluateRequest,
  type ImplementRequest,
  type OpinionRequest,
  PROPOSAL_DEADLINES,
  PROPOSAL_GRADE_LABEL,
  PROPOSAL_WORKFLOW,
  type ProposalAction,
  type ProposalGrade,
  type ProposalState,
  type ProposalStatistics,
  type ProposalView,
  type RegisterProposalRequest,
  type TransitionRequest,
  stateAllows,
} from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import { actorCovers, type Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { handledCaseTypes, whereStaffHandles, whereUnder } from '../../common/case-access';
import { statisticsPeriod } from '../../common/period';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { IdentityService } from '../identity/identity.service';
import { MembersService } from '../membership/members.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { UploadsService } from '../uploads/uploads.service';
import { CaseViews } from '../workflow/case-views';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { ProposalProcess, proposalLink as link } from './proposal.process';
import { Proposal, ProposalOpinion } from './entities/proposal.entity';
import { Clock } from '../../common/clock';
import { newestFirst } from '../../common/cursor';
import type { Page, PageQuery } from '@union/shared';
import { findRow } from '../../database/plain-reads';

const WF = PROPOSAL_WORKFLOW;

/**
 * Rationalisation proposals (合理化建议): a member submits to their union; staff register it and
 * assign experts; experts give opinions; the union adopts or not (with the reason), records the
 * implementation, evaluates the benefit in yuan and grades it, then publishes. The author is told
 * at every step.
 */
@Injectable()
export class ProposalsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly members: MembersService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly transitions: TransitionService,
    private readonly caseViews: CaseViews,
    private readonly uploads: UploadsService,
    private readonly identity: IdentityService,
    private readonly process: ProposalProcess,
  ) {}

  async submit(actor: Actor, body: CreateProposalRequest): Promise<ProposalView> {
    const id = await this.db.transaction(async (manager) => {
      const member = await this.members.activeForUser(manager, actor.userId);
      if (!member) fail('not_a_member', '合理化建议由会员向所在工会提出，请先入会');
      const org = await this.organizations.get(member.organizationId, manager);
      const kase = await this.transitions.open(manager, WF, {
        actor,
        organization: org,
        applicantUserId: actor.userId,
        title: body.title.trim().slice(0, 60),
        deadlines: PROPOSAL_DEADLINES,
      });
      const repo = manager.getRepository(Proposal);
      const row = await repo.save(
        repo.create({
          caseId: kase.id,
          submitterUserId: actor.userId,
          submitterName: member.realName,
          organizationId: org.id,
          registeredNo: null,
          title: body.title.trim(),
          problem: body.problem.trim(),
          suggestion: body.suggestion.trim(),
          expectedBenefit: body.expectedBenefit.trim(),
          expertUserIds: [],
          decisionReason: null,
          implementedOn: null,
          implementationNote: null,
          benefitFen: null,
          grade: null,
          adoptedAt: null,
          evaluatedAt: null,
          createdAt: this.clock.now(),
        }),
      );
      await this.transitions.attachSubject(manager, kase, row.id);
      await this.uploads.attachToCase(manager, actor, body.uploadIds ?? [], kase.id);
      await this.transitions.notifyApplicant(manager, WF, kase, {
        title: '合理化建议已提交',
        body: `已提交给${org.name}。`,
        link: link(row.id),
      });
      return row.id;
    });
    return this.get(actor, id);
  }

  /** The submitter's own proposals, newest first, a page at a time. */
  async mine(actor: Actor, page: PageQuery): Promise<Page<ProposalView>> {
    const { rows, nextCursor } = await newestFirst(
      this.db.manager.getRepository(Proposal).createQueryBuilder('p').where('p.submitterUserId = :me', { me: actor.userId }),
      'p.id',
      page,
    );
    return { items: await this.views(this.db.manager, actor, rows), nextCursor };
  }

  /** Staff: proposals of their scope; experts: those assigned to them. Newest first. */
  async list(actor: Actor, query: { state?: string; after?: string; limit?: number }): Promise<Page<ProposalView>> {
    if (!actor.organization) fail('forbidden');
    const manager = this.db.manager;
    const qb = this.cases.joinCase(manager.getRepository(Proposal).createQueryBuilder('p'), 'p', 'c');
    if (handledCaseTypes(actor).includes(WF.caseType)) whereStaffHandles(qb, actor, [WF.caseType]);
    else {
      // An expert: the proposals of their scope sent to them (experts are few; the list is a JSON column).
      const sent = await whereUnder(
        this.cases.joinCase(manager.getRepository(Proposal).createQueryBuilder('p'), 'p', 'c').select(['p.id', 'p.expertUserIds']),
        'c.organizationPath',
        actor.organization.path,
      ).getMany();
      const ids = actor.permissions.includes('proposal.review')
        ? sent.filter((p) => p.expertUserIds.includes(actor.userId)).map((p) => p.id)
        : [];
      qb.where('p.id IN (:...ids)', { ids: ids.length ? ids : [0] });
    }
    if (query.state) qb.andWhere('c.state = :state', { state: query.state });
    const { rows, nextCursor } = await newestFirst(qb, 'p.id', query);
    return { items: await this.views(manager, actor, rows), nextCursor };
  }

  /** How many proposals under review wait for this expert's opinion. */
  async reviewsLeft(expertUserId: number): Promise<number> {
    const manager = this.db.manager;
    const open = await this.cases
      .joinCase(manager.getRepository(Proposal).createQueryBuilder('p'), 'p', 'c')
      .where("c.caseType = 'proposal' AND c.state IN (:...states)", { states: statesAllowing('proposal', 'opinions') })
      .getMany();
    const mine = open.filter((p) => p.expertUserIds.includes(expertUserId));
    const given = mine.length
      ? await manager.getRepository(ProposalOpinion).count({ where: { proposalId: In(mine.map((p) => p.id)), expertUserId } })
      : 0;
    return mine.length - given;
  }

  async get(actor: Actor, id: number): Promise<ProposalView> {
    const row = await findRow(this.db.manager, Proposal, { id });
    const [view] = row ? await this.views(this.db.manager, actor, [row]) : [];
    if (!view) fail('not_found');
    return view;
  }

  /** The experts staff can send a proposal to (staff holding proposal.review). */
  async experts(): Promise<{ userId: number; name: string }[]> {
    return (await this.identity.staffHolding('proposal.review')).map((u) => ({ userId: u.id, name: u.displayName }));
  }

  /** Register with a number and send to experts (users holding proposal.review). */
  register(actor: Actor, id: number, body: RegisterProposalRequest): Promise<ProposalView> {
    return this.step(actor, id, (caseId) =>
      this.transitions.apply(actor, this.process, caseId, { action: 'register', version: body.version }, body),
    );
  }

  /** An assigned expert's opinion (once; not a state change). */
  async opinion(actor: Actor, id: number, body: OpinionRequest): Promise<ProposalView> {
    try {
      await this.db.transaction(async (manager) => {
        const row = await findRow(manager, Proposal, { id });
        const kase = row ? await this.cases.find(row.caseId, manager) : null;
        if (!row || !kase || !row.expertUserIds.includes(actor.userId)) fail('not_found');
        if (!stateAllows(kase.caseType, kase.state, 'opinions')) fail('action_not_allowed', '评审已经结束');
        await manager.getRepository(ProposalOpinion).insert({
          proposalId: id,
          expertUserId: actor.userId,
          expertName: actor.displayName,
          recommend: body.recommend,
          opinion: body.opinion.trim(),
          createdAt: this.clock.now(),
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) fail('validation_failed', '您已经给出过评审意见', [{ field: 'opinion', message: '已经评审过' }]);
      throw err;
    }
    return this.get(actor, id);
  }

  /** Adopt or not, once at least one expert has given an opinion; not adopting needs the reason the author reads. */
  decide(actor: Actor, id: number, body: DecideRequest): Promise<ProposalView> {
    const action = body.adopt ? 'adopt' : 'reject';
    return this.step(actor, id, (caseId) =>
      this.transitions.apply(actor, this.process, caseId, { action, version: body.version, comment: body.reason }, body),
    );
  }

  implement(actor: Actor, id: number, body: ImplementRequest): Promise<ProposalView> {
    if (body.implementedOn > this.clock.today())
      fail('validation_failed', undefined, [{ field: 'implementedOn', message: '日期不能晚于今天' }]);
    return this.step(actor, id, (caseId) =>
      this.transitions.apply(actor, this.process, caseId, { action: 'implement', version: body.version }, body),
    );
  }

  evaluate(actor: Actor, id: number, body: EvaluateRequest): Promise<ProposalView> {
    return this.step(actor, id, (caseId) =>
      this.transitions.apply(actor, this.process, caseId, { action: 'evaluate', version: body.version }, body),
    );
  }

  /** Plain steps: publish (staff), withdraw (author). */
  transition(actor: Actor, id: number, body: TransitionRequest<ProposalAction>): Promise<ProposalView> {
    return this.step(actor, id, (caseId) => this.transitions.apply(actor, this.process, caseId, body));
  }

  async statistics(actor: Actor, query: { from?: string; to?: string }): Promise<ProposalStatistics> {
    if (!actor.organization) fail('forbidden');
    const { from, to, start, end } = statisticsPeriod(query, this.clock.today());
    const scope = actor.organization.path;
    const base = () =>
      whereUnder(
        this.cases.joinCase(this.db.manager.getRepository(Proposal).createQueryBuilder('p'), 'p', 'c'),
        'c.organizationPath',
        scope,
      );
    const submitted = await base().andWhere("c.state <> 'withdrawn' AND p.createdAt BETWEEN :start AND :end", { start, end }).getCount();
    const adopted = await base().andWhere('p.adoptedAt BETWEEN :start AND :end', { start, end }).getCount();
    const implemented = await base().andWhere('p.implementedOn >= :from AND p.implementedOn <= :to', { from, to }).getCount();
    const evaluated = await base()
      .select('p.grade', 'grade')
      .addSelect('COUNT(*)', 'n')
      .addSelect('COALESCE(SUM(p.benefitFen), 0)', 'benefit')
      .andWhere('p.evaluatedAt BETWEEN :start AND :end', { start, end })
      .groupBy('p.grade')
      .getRawMany<{ grade: ProposalGrade; n: string | number; benefit: string | number }>();
    return {
      from,
      to,
      submitted,
      adopted,
      implemented,
      benefitFen: evaluated.reduce((n, g) => n + Number(g.benefit), 0),
      byGrade: evaluated.map((g) => ({ grade: g.grade, gradeLabel: PROPOSAL_GRADE_LABEL[g.grade], count: Number(g.n) })),
    };
  }

  /** A step on the proposal's case through its registered process, answered with the proposal as it is after. */
  private async step(actor: Actor, id: number, apply: (caseId: number) => Promise<unknown>): Promise<ProposalView> {
    const row = await findRow(this.db.manager, Proposal, { id });
    if (!row) fail('not_found');
    await apply(row.caseId);
    return this.get(actor, id);
  }

  private async views(manager: EntityManager, actor: Actor, rows: Proposal[]): Promise<ProposalView[]> {
    if (rows.length === 0) return [];
    const cases = await this.cases.byIds(
      rows.map((r) => r.caseId),
      manager,
    );
    const files = await this.uploads.listForCase(
      manager,
      rows.map((r) => r.caseId),
    );
    const [histories, opinions, orgs] = await Promise.all([
      this.transitions.historyOf(
        manager,
        rows.map((r) => r.caseId),
      ),
      manager.getRepository(ProposalOpinion).find({ where: { proposalId: In(rows.map((r) => r.id)) }, order: { id: 'ASC' } }),
      this.organizations.byIds([...new Set(rows.map((r) => r.organizationId))], manager),
    ]);
    const expertIds = [...new Set(rows.flatMap((r) => r.expertUserIds))];
    const experts = expertIds.length ? await this.identity.usersByIds(expertIds, manager) : [];
    const out: ProposalView[] = [];
    for (const row of rows) {
      const kase = cases.find((c) => c.id === row.caseId);
      if (!kase) continue;
      const ctx = this.transitions.actorContext(actor, kase);
      const isExpert = row.expertUserIds.includes(actor.userId) && actorCovers(actor, kase.organizationPath);
      if (!ctx && !isExpert) continue;
      // Experts see the proposals assigned to them; other reviewers in scope do not.
      if (ctx && !ctx.isApplicant && !actor.permissions.includes('proposal.manage') && !isExpert) continue;
      const state = kase.state as ProposalState;
      const mine = opinions.filter((o) => o.proposalId === row.id);
      out.push({
        id: row.id,
        caseId: kase.id,
        state,
        stateLabel: WF.states[state].label,
        nextStep: WF.states[state].nextStep,
        version: kase.version,
        registeredNo: row.registeredNo,
        title: row.title,
        problem: row.problem,
        suggestion: row.suggestion,
        expectedBenefit: row.expectedBenefit,
        attachments: files.get(row.caseId) ?? [],
        submitterName: row.submitterName,
        organizationName: orgs.find((o) => o.id === row.organizationId)?.name ?? '',
        experts: row.expertUserIds.map((e) => ({ userId: e, name: experts.find((u) => u.id === e)?.displayName ?? '' })),
        opinions: mine.map((o) => ({
          expertName: o.expertName,
          recommend: o.recommend,
          opinion: o.opinion,
          at: o.createdAt.toISOString(),
        })),
        decisionReason: row.decisionReason,
        implementedOn: row.implementedOn,
        implementationNote: row.implementationNote,
        benefitFen: row.benefitFen,
        grade: row.grade,
        gradeLabel: row.grade ? PROPOSAL_GRADE_LABEL[row.grade] : null,
        submittedAt: kase.submittedAt.toISOString(),
        deadline: this.caseViews.deadline(kase),
        history: this.caseViews.history(WF, histories.get(row.caseId) ?? []),
        actions:
          ctx && actor.permissions.includes('proposal.manage')
            ? this.transitions.actionsFor(WF, kase, ctx)
            : ctx?.isApplicant
              ? this.transitions.actionsFor(WF, kase, ctx)
              : [],
        awaitingMyOpinion: isExpert && state === 'under_review' && !mine.some((o) => o.expertUserId === actor.userId),
      });
    }
    return out;
  }
}

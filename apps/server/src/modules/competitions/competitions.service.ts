import { Injectable } from '@nestjs/common';
import {
  COMPETITION_KIND_LABEL,
  COMPETITION_WORKFLOW,
  type CompetitionAction,
  type CompetitionState,
  type CompetitionView,
  type CreateCompetitionRequest,
  type JudgesRequest,
  type TransitionRequest,
  type UpdateCompetitionRequest,
  noticeHoldReason,
  stateAllows,
} from '@union/shared';
import { Brackets, In, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { staffHandles, staffMayHandleCase } from '../../common/case-access';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { IdentityService } from '../identity/identity.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { CaseViews } from '../workflow/case-views';
import { WorkflowCases, type WorkflowCase } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { Competition, CompetitionEvent } from './entities/competition.entity';
import { CompetitionEntry } from './entities/entry.entity';
import { NoticesService } from '../notices/notices.service';
import { Clock } from '../../common/clock';
import { CompetitionProcess } from './competition.process';
import { newestFirst } from '../../common/cursor';
import type { Page } from '@union/shared';
import { findRow } from '../../database/plain-reads';

const WF = COMPETITION_WORKFLOW;
export { competitionLink } from './competition.process';

/**
 * Competitions from setup to published results: the organiser (county, town or industry union)
 * sets events, scoring and awards; registration; judges; results computed and checked; public
 * notice with objections; publishing. Every step goes through the one transition service.
 */
@Injectable()
export class CompetitionsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly transitions: TransitionService,
    private readonly caseViews: CaseViews,
    private readonly identity: IdentityService,
    private readonly notices: NoticesService,
    private readonly process: CompetitionProcess,
  ) {}

  async create(actor: Actor, body: CreateCompetitionRequest): Promise<CompetitionView> {
    if (!actor.organization || actor.organization.level === 'grassroots') fail('forbidden', '劳动竞赛由县、乡镇或行业工会组织');
    this.validate(body);
    const id = await this.db.transaction(async (manager) => {
      const org = await this.organizations.get(actor.organization?.id ?? 0, manager);
      const kase = await this.transitions.open(manager, WF, {
        actor,
        organization: org,
        applicantUserId: actor.userId,
        title: body.title.trim(),
      });
      const repo = manager.getRepository(Competition);
      const row = await repo.save(
        repo.create({
          caseId: kase.id,
          organizerOrganizationId: org.id,
          kind: body.kind,
          title: body.title.trim(),
          description: body.description.trim(),
          registrationClosesOn: body.registrationClosesOn,
          startsOn: body.startsOn,
          endsOn: body.endsOn,
          noticeDays: body.noticeDays,
          publishedAt: null,
          createdAt: this.clock.now(),
        }),
      );
      await this.transitions.attachSubject(manager, kase, row.id);
      await this.writeEvents(manager, row.id, body.events);
      return row.id;
    });
    return this.get(actor, id);
  }

  /** Change a competition while it is still a draft (events are replaced whole: nobody has entered yet). */
  async update(actor: Actor, id: number, body: UpdateCompetitionRequest): Promise<CompetitionView> {
    this.validate(body);
    await this.db.transaction(async (manager) => {
      const { row, kase } = await this.staffCase(manager, actor, id);
      if (!stateAllows(kase.caseType, kase.state, 'edits')) fail('action_not_allowed', '开放报名后不能再修改比赛设置');
      const bumped = await this.cases.bumpVersion(manager, kase, body.version, {
        state: 'draft',
        set: { title: body.title.trim() },
        at: this.clock.now(),
      });
      if (!bumped) fail('state_conflict');
      await manager.getRepository(Competition).update(
        { id: row.id },
        {
          kind: body.kind,
          title: body.title.trim(),
          description: body.description.trim(),
          registrationClosesOn: body.registrationClosesOn,
          startsOn: body.startsOn,
          endsOn: body.endsOn,
          noticeDays: body.noticeDays,
        },
      );
      await manager.getRepository(CompetitionEvent).delete({ competitionId: row.id });
      await this.writeEvents(manager, row.id, body.events);
    });
    return this.get(actor, id);
  }

  /** What the request schema cannot say: dates against today and each other, a team's size range (scoring is the schema's). */
  private validate(body: CreateCompetitionRequest): void {
    const problems: { field: string; message: string }[] = [];
    const today = this.clock.today();
    if (body.registrationClosesOn < today) problems.push({ field: 'registrationClosesOn', message: '报名截止日期不能早于今天' });
    if (body.startsOn < body.registrationClosesOn) problems.push({ field: 'startsOn', message: '比赛应在报名截止之后开始' });
    if (body.endsOn < body.startsOn) problems.push({ field: 'endsOn', message: '结束日期不能早于开始日期' });
    body.events.forEach((e, i) => {
      if (e.entryKind === 'team' && (!e.teamMin || !e.teamMax || e.teamMax < e.teamMin))
        problems.push({ field: `events.${i}.teamMax`, message: '团队项目请填写人数范围' });
    });
    if (problems.length) fail('validation_failed', problems[0].message, problems);
  }

  private async writeEvents(manager: EntityManager, competitionId: number, input: CreateCompetitionRequest['events']): Promise<void> {
    const events = manager.getRepository(CompetitionEvent);
    await events.save(
      input.map((e) =>
        events.create({
          competitionId,
          name: e.name.trim(),
          entryKind: e.entryKind,
          maxEntries: e.maxEntries,
          entryCount: 0,
          teamMin: e.entryKind === 'team' ? (e.teamMin ?? null) : null,
          teamMax: e.entryKind === 'team' ? (e.teamMax ?? null) : null,
          scoring:
            e.scoring.kind === 'direct'
              ? { kind: 'direct', better: e.scoring.better, unit: e.scoring.unit.trim() }
              : { kind: 'judges_average', dropExtremesFrom: e.scoring.dropExtremesFrom },
          tieBreak: e.tieBreak,
          awards: e.awards.map((a) => ({
            title: a.title.trim(),
            fromRank: a.fromRank,
            toRank: a.toRank,
            ...(a.prize ? { prize: a.prize.trim() } : {}),
          })),
          judgeUserIds: [],
        }),
      ),
    );
  }

  /** Competitions a worker can see: open for registration, ones they entered, published; staff also see their own scope's. */
  async list(
    actor: Actor,
    filter: 'open' | 'mine' | 'all' | 'published' | 'judging' = 'all',
    page: { after?: string; limit?: number } = {},
  ): Promise<Page<CompetitionView>> {
    const manager = this.db.manager;
    const qb = this.cases.joinCase(manager.getRepository(Competition).createQueryBuilder('k'), 'k', 'c');
    if (filter === 'open') qb.where("c.state = 'open' AND k.registrationClosesOn >= :today", { today: this.clock.today() });
    else if (filter === 'published') qb.where("c.state = 'published'");
    else if (filter === 'judging') {
      // Competitions being scored where the actor judges an event.
      const judged = await manager
        .getRepository(CompetitionEvent)
        .createQueryBuilder('e')
        .select('e.competitionId', 'competitionId')
        .addSelect('e.judgeUserIds', 'judges')
        .getRawMany<{ competitionId: number; judges: string }>();
      const ids = judged
        .filter((j) => (JSON.parse(String(j.judges)) as number[]).includes(actor.userId))
        .map((j) => Number(j.competitionId));
      qb.where("c.state IN ('running', 'checking') AND k.id IN (:...ids)", { ids: ids.length ? ids : [0] });
    } else if (filter === 'mine') {
      qb.where(
        `k.id IN (${manager
          .getRepository(CompetitionEntry)
          .createQueryBuilder('e')
          .select('e.competitionId')
          .where('e.registrantUserId = :me')
          .getQuery()})`,
        { me: actor.userId },
      );
    } else {
      // Everything public, plus drafts of the competitions the actor organises (place and function).
      // In brackets: the page's keyset condition is ANDed after it.
      qb.where(
        new Brackets((w) => {
          w.where("c.state IN ('open', 'running', 'checking', 'public_notice', 'published')");
          w.orWhere(staffHandles(actor, ['competition']));
        }),
      );
    }
    const { rows, nextCursor } = await newestFirst(qb, 'k.id', page);
    return { items: await this.views(manager, actor, rows), nextCursor };
  }

  async get(actor: Actor, id: number): Promise<CompetitionView> {
    const row = await findRow(this.db.manager, Competition, { id });
    const [view] = row ? await this.views(this.db.manager, actor, [row]) : [];
    if (!view) fail('not_found');
    return view;
  }

  /** Judges the organiser can name (staff holding competition.judge). */
  async judges(): Promise<{ userId: number; name: string }[]> {
    return (await this.identity.staffHolding('competition.judge')).map((u) => ({ userId: u.id, name: u.displayName }));
  }

  /** The organiser names the judges of an event (users holding competition.judge). */
  async setJudges(actor: Actor, id: number, eventId: number, body: JudgesRequest): Promise<CompetitionView> {
    await this.db.transaction(async (manager) => {
      const { kase } = await this.staffCase(manager, actor, id);
      if (!stateAllows(kase.caseType, kase.state, 'judge_changes')) fail('action_not_allowed', '计算成绩后不能再换评委');
      const event = await manager.getRepository(CompetitionEvent).findOneBy({ id: eventId, competitionId: id });
      if (!event) fail('not_found');
      const ids = [...new Set(body.judgeUserIds)];
      const judges = ids.length ? await this.identity.staffHolding('competition.judge', manager) : [];
      const bad = ids.filter((j) => !judges.some((u) => u.id === j));
      if (bad.length) fail('validation_failed', '只能选评委', [{ field: 'judgeUserIds', message: `${bad.join('、')} 不是评委` }]);
      await manager.getRepository(CompetitionEvent).update({ id: eventId }, { judgeUserIds: ids });
    });
    return this.get(actor, id);
  }

  /** Open, close, compute, back to scoring, notice, publish, cancel: each with its own checks. */
  async transition(actor: Actor, id: number, body: TransitionRequest<CompetitionAction>): Promise<CompetitionView> {
    const row = await this.row(id);
    await this.transitions.apply(actor, this.process, row.caseId, body);
    return this.get(actor, id);
  }

  /** The competition's case for a staff member of the organiser's scope, or 404. */
  async staffCase(manager: EntityManager, actor: Actor, id: number): Promise<{ row: Competition; kase: WorkflowCase }> {
    const row = await findRow(manager, Competition, { id });
    const kase = row ? await this.cases.find(row.caseId, manager) : null;
    if (!row || !kase || !staffMayHandleCase(actor, kase)) fail('not_found');
    return { row, kase };
  }

  private async row(id: number): Promise<Competition> {
    const row = await findRow(this.db.manager, Competition, { id });
    if (!row) fail('not_found');
    return row;
  }

  /** Views in a constant number of queries; drafts only for staff in scope. */
  private async views(manager: EntityManager, actor: Actor, rows: Competition[]): Promise<CompetitionView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const caseIds = rows.map((r) => r.caseId);
    const [cases, events, orgs, histories, objections, notices] = await Promise.all([
      this.cases.byIds(caseIds, manager),
      manager.getRepository(CompetitionEvent).find({ where: { competitionId: In(ids) }, order: { id: 'ASC' } }),
      this.organizations.byIds([...new Set(rows.map((r) => r.organizerOrganizationId))], manager),
      this.transitions.historyOf(manager, caseIds),
      this.notices.openCounts(caseIds, manager),
      this.notices.noticesOf(caseIds, manager),
    ]);
    const judgeIds = [...new Set(events.flatMap((e) => e.judgeUserIds))];
    const judges = judgeIds.length ? await this.identity.usersByIds(judgeIds, manager) : [];
    const today = this.clock.today();
    const out: CompetitionView[] = [];
    for (const row of rows) {
      const kase = cases.find((c) => c.id === row.caseId);
      if (!kase) continue;
      const ctx = this.transitions.actorContext(actor, kase);
      const staff = !!ctx?.staffLevel;
      const state = kase.state as CompetitionState;
      if (state === 'draft' && !staff) continue;
      out.push({
        id: row.id,
        caseId: kase.id,
        state,
        stateLabel: WF.states[state].label,
        version: kase.version,
        kind: row.kind,
        kindLabel: COMPETITION_KIND_LABEL[row.kind],
        title: row.title,
        description: row.description,
        organizerName: orgs.find((o) => o.id === row.organizerOrganizationId)?.name ?? '',
        registrationClosesOn: row.registrationClosesOn,
        startsOn: row.startsOn,
        endsOn: row.endsOn,
        noticeDays: row.noticeDays,
        noticeEndsAt: notices.get(row.caseId)?.endsAt.toISOString() ?? null,
        registrationOpen: state === 'open' && row.registrationClosesOn >= today,
        events: events
          .filter((e) => e.competitionId === row.id)
          .map((e) => ({
            id: e.id,
            name: e.name,
            entryKind: e.entryKind,
            maxEntries: e.maxEntries,
            entryCount: e.entryCount,
            teamMin: e.teamMin ?? undefined,
            teamMax: e.teamMax ?? undefined,
            scoring: e.scoring,
            tieBreak: e.tieBreak,
            awards: e.awards,
            judges: e.judgeUserIds.map((j) => ({ userId: j, name: judges.find((u) => u.id === j)?.displayName ?? '' })),
          })),
        openObjections: objections.get(row.caseId) ?? 0,
        history: staff ? this.caseViews.history(WF, histories.get(row.caseId) ?? []) : [],
        actions:
          ctx && staff
            ? this.transitions.actionsFor(WF, kase, ctx, {
                publish: noticeHoldReason(
                  notices.get(row.caseId)?.endsAt ?? null,
                  objections.get(row.caseId) ?? 0,
                  '发布结果',
                  this.clock.nowMs(),
                ),
              })
            : [],
      });
    }
    return out;
  }
}

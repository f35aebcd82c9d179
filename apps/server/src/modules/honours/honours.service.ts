import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  BUILT_IN_HONOURS,
  NOMINATION_OBJECTION_WORKFLOW,
  NOMINATION_WORKFLOW,
  type CreateHonourKindRequest,
  type CreateNominationRequest,
  type HonourKindView,
  type HonourRollLine,
  type HonourStatistics,
  type NominationAction,
  type NominationNoticeView,
  type NominationObjectionRequest,
  type NominationState,
  type NominationView,
  type TransitionRequest,
  type ResolveNominationObjectionRequest,
  noticeHoldReason,
  stateAllows,
} from '@union/shared';
import { In, IsNull, type EntityManager } from 'typeorm';
import { actorCovers, type Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { statisticsPeriod } from '../../common/period';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { EmployerFlagsService } from '../competitions/employer-flags.service';
import { employerKey } from '@union/shared';
import { OrganizationsService } from '../organizations/organizations.service';
import { UploadsService } from '../uploads/uploads.service';
import { CaseViews } from '../workflow/case-views';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { TransitionService } from '../workflow/transition.service';
import { HonourKind, ModelWorker, ModelWorkerRecord, Nomination } from './entities/honour.entity';
import { NoticesService } from '../notices/notices.service';
import { ObjectionProcess } from '../notices/objection.process';
import { CaseHandlers } from '../workflow/case-handlers';
import { Clock } from '../../common/clock';
import { NominationProcess } from './nomination.process';
import { requireManager } from './model-workers.service';
import { newestFirst, pageBy } from '../../common/cursor';
import type { Page } from '@union/shared';
import { findRow } from '../../database/plain-reads';

const WF = NOMINATION_WORKFLOW;

/**
 * Honours (工人先锋号、劳模、先进基层工会组织、模范职工之家 and the county's own): unions
 * nominate with materials; the county reviews (an excluded employer cannot go further), puts it on
 * notice for 5 days (objections handled), awards, and may revoke with a reason the honour roll
 * shows. Awarded model workers join the registry with their health checks, care visits and support.
 */

@Injectable()
export class HonoursService implements OnModuleInit {
  /** An objection to a nomination on notice is a case, answered by the county federation. */
  readonly objectionProcess = new ObjectionProcess(NOMINATION_OBJECTION_WORKFLOW, { link: () => '/pages/contest/index/index' });

  constructor(
    private readonly caseHandlers: CaseHandlers,
    private readonly cases: WorkflowCases,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly transitions: TransitionService,
    private readonly caseViews: CaseViews,
    private readonly flags: EmployerFlagsService,
    private readonly uploads: UploadsService,
    private readonly objections: NoticesService,
    private readonly process: NominationProcess,
  ) {}

  onModuleInit(): void {
    this.objectionProcess.registerWith(this.transitions, this.cases);
    this.caseHandlers.register(this.objections.handler(this.objectionProcess));
  }

  /** The honours one can be nominated for; the four built-in ones are created on first use. */
  async kinds(manager: EntityManager = this.db.manager): Promise<HonourKindView[]> {
    let rows = await manager.getRepository(HonourKind).find({ order: { id: 'ASC' } });
    if (rows.length === 0) {
      await this.db.transaction(async (m) => {
        if ((await m.getRepository(HonourKind).count()) === 0) await m.getRepository(HonourKind).insert(BUILT_IN_HONOURS);
      });
      rows = await manager.getRepository(HonourKind).find({ order: { id: 'ASC' } });
    }
    return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, nomineeType: r.nomineeType }));
  }

  async addKind(actor: Actor, body: CreateHonourKindRequest): Promise<HonourKindView[]> {
    if (actor.organization?.level !== 'county') fail('forbidden');
    await this.kinds();
    try {
      await this.db.transaction((m) =>
        m.getRepository(HonourKind).insert({ code: body.code, name: body.name.trim(), nomineeType: body.nomineeType }),
      );
    } catch (err) {
      if (isUniqueViolation(err)) fail('validation_failed', undefined, [{ field: 'code', message: '代码已存在' }]);
      throw err;
    }
    return this.kinds();
  }

  async nominate(actor: Actor, body: CreateNominationRequest): Promise<NominationView> {
    if (!actor.organization) fail('forbidden');
    const kinds = await this.kinds();
    const kind = kinds.find((k) => k.id === body.kindId);
    if (!kind) fail('validation_failed', undefined, [{ field: 'kindId', message: '没有这个荣誉' }]);
    const id = await this.db.transaction(async (manager) => {
      const org = await this.organizations.get(actor.organization?.id ?? 0, manager);
      // Nominations are decided by the county: the case sits at the nominating union's county federation so its staff hold it.
      const county = await this.organizations.countyOf(org, manager);
      if (!county) fail('forbidden', '推荐由县(市、区)及以下的工会提出');
      const kase = await this.transitions.open(manager, WF, {
        actor,
        organization: county,
        applicantUserId: actor.userId,
        title: `${kind.name}：${body.nomineeName.trim()}`,
        // A nomination is about its nominee: staff look it up by the nominee's name.
        applicant: { name: body.nomineeName.trim() },
        deadlines: { nominationReview: 15 },
      });
      const repo = manager.getRepository(Nomination);
      const row = await repo.save(
        repo.create({
          caseId: kase.id,
          kindId: kind.id,
          nomineeName: body.nomineeName.trim(),
          employerName: body.employerName.trim(),
          employerKey: employerKey({ name: body.employerName }),
          deeds: body.deeds.trim(),
          year: body.year,
          nominatedByOrganizationId: org.id,
          rejectReason: null,
          revokedReason: null,
          awardedAt: null,
          createdAt: this.clock.now(),
        }),
      );
      await this.transitions.attachSubject(manager, kase, row.id);
      await this.uploads.attachToCase(manager, actor, body.uploadIds ?? [], kase.id);
      return row.id;
    });
    return this.get(actor, id);
  }

  /** Nominations the actor made (their union's) or, for the county's staff, every one. */
  async list(actor: Actor, page: { after?: string; limit?: number }): Promise<Page<NominationView>> {
    if (!actor.organization) fail('forbidden');
    const manager = this.db.manager;
    const qb = manager.getRepository(Nomination).createQueryBuilder('n');
    if (!actor.permissions.includes('honour.manage')) {
      const orgs = await this.organizations.under(actor.organization.path, { manager });
      qb.where('n.nominatedByOrganizationId IN (:...ids)', { ids: orgs.map((o) => Number(o.id)) });
    }
    const { rows, nextCursor } = await newestFirst(qb, 'n.id', page);
    return { items: await this.views(manager, actor, rows), nextCursor };
  }

  async get(actor: Actor, id: number): Promise<NominationView> {
    const row = await findRow(this.db.manager, Nomination, { id });
    const [view] = row ? await this.views(this.db.manager, actor, [row]) : [];
    if (!view) fail('not_found');
    return view;
  }

  async transition(actor: Actor, id: number, body: TransitionRequest<NominationAction>): Promise<NominationView> {
    const row = await findRow(this.db.manager, Nomination, { id });
    if (!row) fail('not_found');
    await this.transitions.apply(actor, this.process, row.caseId, body);
    return this.get(actor, id);
  }

  async object(actor: Actor, id: number, body: NominationObjectionRequest): Promise<{ id: number }> {
    return this.db.transaction(async (manager) => {
      const row = await findRow(manager, Nomination, { id });
      const kase = row ? await this.cases.find(row.caseId, manager) : null;
      if (!row || !kase) fail('not_found');
      if (!stateAllows(WF.caseType, kase.state, 'objections')) fail('action_not_allowed', '只有公示期间可以提出异议');
      const saved = await this.objections.raise(manager, actor, this.objectionProcess, kase, { content: body.content });
      return { id: saved.id };
    });
  }

  async resolveObjection(actor: Actor, id: number, objectionId: number, body: ResolveNominationObjectionRequest): Promise<NominationView> {
    if (!actor.permissions.includes('honour.manage') || actor.organization?.level !== 'county') fail('not_found');
    const row = await findRow(this.db.manager, Nomination, { id });
    if (!row) fail('not_found');
    await this.objections.resolve(actor, this.objectionProcess, await this.objections.get(this.db.manager, objectionId, row.caseId), {
      resolution: body.resolution,
    });
    return this.get(actor, id);
  }

  /** Nominations on public notice now, for anyone signed in. */
  async notices(page: { after?: string; limit?: number } = {}): Promise<Page<NominationNoticeView>> {
    const manager = this.db.manager;
    const { rows: notices, nextCursor } = await this.objections.running(WF.caseType, page.after, page.limit ?? 20, 'public_notice');
    const rows = notices.length ? await manager.getRepository(Nomination).findBy({ caseId: In(notices.map((n) => n.caseId)) }) : [];
    const byCase = new Map(rows.map((r) => [r.caseId, r]));
    const kinds = await this.kinds(manager);
    const items = notices.flatMap((n) => {
      const r = byCase.get(n.caseId);
      return r
        ? [
            {
              id: r.id,
              kindName: kinds.find((k) => k.id === r.kindId)?.name ?? '',
              nomineeName: r.nomineeName,
              employerName: r.employerName,
              deeds: r.deeds,
              noticeEndsAt: n.endsAt.toISOString(),
            },
          ]
        : [];
    });
    return { items, nextCursor };
  }

  /** The public honour roll: awarded (and revoked, with the reason), for anyone signed in. */
  async roll(page: { after?: string; limit?: number } = {}): Promise<Page<HonourRollLine>> {
    const manager = this.db.manager;
    const qb = this.cases
      .joinCase(manager.getRepository(Nomination).createQueryBuilder('n'), 'n', 'c')
      .where("c.state IN ('awarded', 'revoked')");
    // Latest year first.
    const { rows, nextCursor } = await pageBy(qb, { column: 'n.year', direction: 'DESC', kind: 'number', of: (n) => n.year }, 'n.id', page);
    const kinds = await this.kinds(manager);
    const items = rows.map((r) => ({
      id: r.id,
      kindName: kinds.find((k) => k.id === r.kindId)?.name ?? '',
      nomineeName: r.nomineeName,
      employerName: r.employerName,
      year: r.year,
      revokedReason: r.revokedReason,
    }));
    return { items, nextCursor };
  }

  async statistics(actor: Actor, query: { from?: string; to?: string }): Promise<HonourStatistics> {
    requireManager(actor);
    const { from, to, start, end } = statisticsPeriod(query, this.clock.today());
    const manager = this.db.manager;
    const kinds = await this.kinds(manager);
    const awarded = await manager
      .getRepository(Nomination)
      .createQueryBuilder('n')
      .select('n.kindId', 'kindId')
      .addSelect('COUNT(*)', 'n')
      .where('n.awardedAt BETWEEN :start AND :end AND n.revokedReason IS NULL', { start, end })
      .groupBy('n.kindId')
      .getRawMany<{ kindId: number; n: string | number }>();
    const revoked = await manager
      .getRepository(Nomination)
      .createQueryBuilder('n')
      .where('n.revokedReason IS NOT NULL AND n.awardedAt BETWEEN :start AND :end', { start, end })
      .getCount();
    const records = await manager
      .getRepository(ModelWorkerRecord)
      .createQueryBuilder('r')
      .select('r.kind', 'kind')
      .addSelect('COUNT(*)', 'n')
      .addSelect('COALESCE(SUM(r.amountFen), 0)', 'amount')
      .where('r.date >= :from AND r.date <= :to', { from, to })
      .groupBy('r.kind')
      .getRawMany<{ kind: string; n: string | number; amount: string | number }>();
    const count = (k: string) => Number(records.find((r) => r.kind === k)?.n ?? 0);
    return {
      from,
      to,
      awarded: awarded.map((a) => ({ kindName: kinds.find((k) => k.id === Number(a.kindId))?.name ?? '', count: Number(a.n) })),
      revoked,
      modelWorkers: await manager.getRepository(ModelWorker).countBy({ revokedAt: IsNull() }),
      healthChecks: count('health_check'),
      careVisits: count('care_visit'),
      supportFen: Number(records.find((r) => r.kind === 'support')?.amount ?? 0),
    };
  }

  private async views(manager: EntityManager, actor: Actor, rows: Nomination[]): Promise<NominationView[]> {
    if (rows.length === 0) return [];
    const cases = await this.cases.byIds(
      rows.map((r) => r.caseId),
      manager,
    );
    const kinds = await this.kinds(manager);
    const orgs = await this.organizations.byIds([...new Set(rows.map((r) => r.nominatedByOrganizationId))], manager);
    const histories = await this.transitions.historyOf(
      manager,
      rows.map((r) => r.caseId),
    );
    const excluded = await this.flags.exclusions(
      manager,
      rows.map((r) => r.employerKey),
    );
    const notices = await this.objections.noticesOf(
      rows.map((r) => r.caseId),
      manager,
    );
    const objections = await this.objections.ofCases(
      rows.map((r) => r.caseId),
      manager,
    );
    const files = await this.uploads.listForCase(
      manager,
      rows.map((r) => r.caseId),
    );
    const manager_ = actor.permissions.includes('honour.manage') && actor.organization?.level === 'county';
    const out: NominationView[] = [];
    for (const row of rows) {
      const kase = cases.find((c) => c.id === row.caseId);
      if (!kase) continue;
      const ctx = this.transitions.actorContext(actor, kase);
      const nominator = orgs.find((o) => o.id === row.nominatedByOrganizationId);
      const ours = !!nominator && actorCovers(actor, nominator.path);
      if (!ctx && !ours) continue;
      const kind = kinds.find((k) => k.id === row.kindId);
      const state = kase.state as NominationState;
      out.push({
        id: row.id,
        caseId: kase.id,
        state,
        stateLabel: WF.states[state].label,
        version: kase.version,
        kindName: kind?.name ?? '',
        nomineeType: kind?.nomineeType ?? 'person',
        nomineeName: row.nomineeName,
        employerName: row.employerName,
        deeds: row.deeds,
        year: row.year,
        materials: files.get(row.caseId) ?? [],
        nominatedByName: nominator?.name ?? '',
        excludedReason: excluded.get(row.employerKey) ?? null,
        noticeEndsAt: notices.get(row.caseId)?.endsAt.toISOString() ?? null,
        openObjections: (objections.get(row.caseId) ?? []).filter((o) => o.status === 'open').length,
        objections: manager_
          ? (objections.get(row.caseId) ?? []).map((o) => ({ id: o.id, content: o.content, resolution: o.resolution }))
          : [],
        rejectReason: row.rejectReason,
        revokedReason: row.revokedReason,
        deadline: this.caseViews.deadline(kase),
        history: this.caseViews.history(WF, histories.get(row.caseId) ?? []),
        actions: ctx
          ? this.transitions.actionsFor(WF, kase, ctx, {
              award: noticeHoldReason(
                notices.get(row.caseId)?.endsAt ?? null,
                (objections.get(row.caseId) ?? []).filter((o) => o.status === 'open').length,
                '授予',
                this.clock.nowMs(),
              ),
            })
          : [],
      });
    }
    return out;
  }
}

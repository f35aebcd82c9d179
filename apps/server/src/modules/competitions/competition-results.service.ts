import { Injectable } from '@nestjs/common';
import {
  awardsFor,
  COMPETITION_KIND_LABEL,
  cstDate,
  rankEntries,
  stateAllows,
  type CompetitionKind,
  type CompetitionResultsView,
  type CompetitionState,
  type CompetitionStatistics,
  type EntryResultInput,
} from '@union/shared';
import sharp from 'sharp';
import { In, Not, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { staffMayHandleCase } from '../../common/case-access';
import { fail } from '../../common/app-exception';
import { whereUnder } from '../../common/case-access';
import { statisticsPeriod } from '../../common/period';
import { Db } from '../../database/db.service';
import { Notifier } from '../notifications/notifier.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { Competition, CompetitionEvent } from './entities/competition.entity';
import { CompetitionEntry, CompetitionScore } from './entities/entry.entity';
import { EmployerFlagsService } from './employer-flags.service';
import { Clock } from '../../common/clock';

const escapeXml = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] as string);

/**
 * Results: computed by each event's method and tie-break, checked against the employer flags
 * (excluded entries get no rank or award), shown to the organiser from then on and to everyone
 * once published; an award can be revoked with a reason that stays visible; certificates.
 */
@Injectable()
export class CompetitionResultsService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly flags: EmployerFlagsService,
    private readonly notifier: Notifier,
  ) {}

  /** Rank every event and record score, rank, awards and exclusions on the entries (in the caller's transaction). */
  async compute(manager: EntityManager, competition: Competition): Promise<void> {
    const events = await manager.getRepository(CompetitionEvent).findBy({ competitionId: competition.id });
    const entries = await manager.getRepository(CompetitionEntry).findBy({ competitionId: competition.id, status: Not('withdrawn') });
    const scores = entries.length ? await manager.getRepository(CompetitionScore).findBy({ entryId: In(entries.map((e) => e.id)) }) : [];
    const excluded = await this.flags.exclusions(
      manager,
      entries.map((e) => e.employerKey),
    );
    for (const event of events) {
      const mine = entries.filter((e) => e.eventId === event.id);
      const inputs: EntryResultInput[] = mine.map((e) => ({
        entryId: e.id,
        registeredAt: e.registeredAt.toISOString(),
        judgeScores: scores.filter((s) => s.entryId === e.id).map((s) => s.points),
        directValue: e.directValue,
        excluded: excluded.has(e.employerKey),
      }));
      for (const ranked of rankEntries(inputs, event.scoring, event.tieBreak)) {
        const entry = mine.find((e) => e.id === ranked.entryId) as CompetitionEntry;
        await manager.getRepository(CompetitionEntry).update(
          { id: entry.id },
          {
            score: ranked.score,
            rank: ranked.rank,
            awards: awardsFor(ranked.rank, event.awards),
            excludedReason: excluded.get(entry.employerKey) ?? null,
          },
        );
      }
    }
  }

  /** Rankings per event: the organiser's from computing on, everyone's once published. */
  async results(actor: Actor, competitionId: number): Promise<CompetitionResultsView> {
    const manager = this.db.manager;
    const competition = await manager.getRepository(Competition).findOneBy({ id: competitionId });
    const kase = competition ? await this.cases.find(competition.caseId, manager) : null;
    if (!competition || !kase) fail('not_found');
    const state = kase.state as CompetitionState;
    const staff = staffMayHandleCase(actor, kase);
    const visible = stateAllows(kase.caseType, state, staff ? 'results' : 'public_results');
    if (!visible) fail('action_not_allowed', '结果还没有公布');
    const events = await manager.getRepository(CompetitionEvent).find({ where: { competitionId }, order: { id: 'ASC' } });
    const entries = await manager
      .getRepository(CompetitionEntry)
      .find({ where: { competitionId, status: Not('withdrawn') }, order: { id: 'ASC' } });
    return {
      competitionId,
      state,
      events: events.map((e) => ({
        eventId: e.id,
        eventName: e.name,
        unit: e.scoring.kind === 'direct' ? e.scoring.unit : null,
        lines: entries
          .filter((x) => x.eventId === e.id)
          .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.id - b.id)
          .map((x) => ({
            entryId: x.id,
            rank: x.rank,
            entrantName: x.entrantName,
            employerName: x.employerName,
            score: x.score,
            awards: x.revokedReason ? [] : (x.awards ?? []),
            // Why an entry has no place is the organiser's to see; the public sees only that it was revoked.
            excludedReason: staff ? x.excludedReason : null,
            revokedReason: x.revokedReason,
          })),
      })),
    };
  }

  /** Revoke a published entry's award with a reason (stays visible in the results). */
  async revoke(actor: Actor, entryId: number, reason: string): Promise<CompetitionResultsView> {
    const competitionId = await this.db.transaction(async (manager) => {
      const entry = await manager.getRepository(CompetitionEntry).findOneBy({ id: entryId });
      const competition = entry ? await manager.getRepository(Competition).findOneBy({ id: entry.competitionId }) : null;
      const kase = competition ? await this.cases.find(competition.caseId, manager) : null;
      if (!entry || !competition || !kase || !staffMayHandleCase(actor, kase)) fail('not_found');
      if (kase.state !== 'published') fail('action_not_allowed', '结果发布后才能撤销');
      const result = await manager
        .createQueryBuilder()
        .update(CompetitionEntry)
        .set({ revokedReason: reason.trim(), revokedAt: this.clock.now() })
        .where('id = :id AND revoked_at IS NULL', { id: entryId })
        .execute();
      if (result.affected !== 1) fail('state_conflict');
      await this.notifier.notify(manager, {
        userId: entry.registrantUserId,
        title: `${competition.title}：获奖已撤销`,
        body: reason.trim(),
        link: `/pages/contest/competition/index?id=${competition.id}`,
        status: '已撤销',
      });
      return competition.id;
    });
    return this.results(actor, competitionId);
  }

  /** The certificate of an awarded entry, as a PNG the worker can save and share. */
  async certificate(actor: Actor, entryId: number): Promise<Buffer> {
    const manager = this.db.manager;
    const entry = await manager.getRepository(CompetitionEntry).findOneBy({ id: entryId, registrantUserId: actor.userId });
    const competition = entry ? await manager.getRepository(Competition).findOneBy({ id: entry.competitionId }) : null;
    const kase = competition ? await this.cases.find(competition.caseId, manager) : null;
    if (!entry || !competition || !kase || kase.state !== 'published' || entry.revokedReason || !entry.awards?.length) fail('not_found');
    const organizer = await this.organizations.get(competition.organizerOrganizationId, manager);
    const event = await manager.getRepository(CompetitionEvent).findOneByOrFail({ id: entry.eventId });
    const day = cstDate(competition.publishedAt ?? this.clock.now());
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="850" viewBox="0 0 1200 850">
  <rect width="1200" height="850" fill="#fffaf0"/>
  <rect x="30" y="30" width="1140" height="790" fill="none" stroke="#c8161d" stroke-width="12"/>
  <rect x="55" y="55" width="1090" height="740" fill="none" stroke="#d4a017" stroke-width="4"/>
  <g font-family="Noto Sans CJK SC, Noto Serif CJK SC, WenQuanYi Zen Hei, sans-serif" text-anchor="middle" fill="#222">
    <text x="600" y="200" font-size="96" fill="#c8161d" font-weight="bold">荣 誉 证 书</text>
    <text x="600" y="330" font-size="52">${escapeXml(entry.entrantName)}</text>
    <text x="600" y="420" font-size="36">在 ${escapeXml(competition.title)}</text>
    <text x="600" y="480" font-size="36">${escapeXml(event.name)} 项目中</text>
    <text x="600" y="570" font-size="56" fill="#c8161d" font-weight="bold">荣获 ${escapeXml(entry.awards.map((a) => a.title).join('、'))}</text>
    <text x="600" y="690" font-size="34">${escapeXml(organizer.name)}</text>
    <text x="600" y="740" font-size="30">${day.slice(0, 4)} 年 ${Number(day.slice(5, 7))} 月 ${Number(day.slice(8, 10))} 日</text>
  </g>
</svg>`;
    return sharp(Buffer.from(svg)).png().toBuffer();
  }

  /** The report's figures: competitions started in the period within the actor's part of the tree. */
  async statistics(actor: Actor, query: { from?: string; to?: string; organizationId?: number }): Promise<CompetitionStatistics> {
    if (!actor.organization) fail('forbidden');
    const manager = this.db.manager;
    const { from, to } = statisticsPeriod(query, this.clock.today());
    let scope = await this.organizations.get(actor.organization.id, manager);
    if (query.organizationId) {
      const org = await this.organizations.findById(query.organizationId, manager);
      if (!org || !org.path.startsWith(scope.path)) fail('not_found');
      scope = org;
    }
    const competitions = await whereUnder(
      this.cases
        .joinCase(manager.getRepository(Competition).createQueryBuilder('k'), 'k', 'c')
        .where("k.startsOn >= :from AND k.startsOn <= :to AND c.state NOT IN ('draft', 'cancelled')", { from, to }),
      'c.organizationPath',
      scope.path,
    ).getMany();
    const ids = competitions.map((c) => c.id);
    const entries = ids.length
      ? await manager.getRepository(CompetitionEntry).findBy({ competitionId: In(ids), status: Not('withdrawn') })
      : [];
    const enterpriseUnions = await this.organizations.under(scope.path, { kind: 'enterprise_union', manager });
    const participating = new Set(entries.map((e) => e.organizationId).filter((id) => enterpriseUnions.some((o) => o.id === id)));
    const personTimes = (e: CompetitionEntry) => Math.max(1, e.members.length);
    const published = new Set(
      (ids.length
        ? await this.cases.byIds(
            competitions.map((c) => c.caseId),
            manager,
            { state: 'published' },
          )
        : []
      ).map((c) => c.id),
    );
    const awarded = entries.filter(
      (e) =>
        (e.awards?.length ?? 0) > 0 && !e.revokedReason && published.has(competitions.find((c) => c.id === e.competitionId)?.caseId ?? -1),
    );
    const kinds = Object.keys(COMPETITION_KIND_LABEL) as CompetitionKind[];
    return {
      from,
      to,
      competitions: competitions.length,
      enterprises: {
        participating: participating.size,
        total: enterpriseUnions.length,
        share: enterpriseUnions.length ? Math.round((participating.size / enterpriseUnions.length) * 1000) / 1000 : 0,
      },
      participants: {
        people:
          new Set(entries.filter((e) => e.kind === 'individual').map((e) => e.registrantUserId)).size +
          entries.filter((e) => e.kind !== 'individual').reduce((n, e) => n + e.members.length, 0),
        personTimes: entries.reduce((n, e) => n + personTimes(e), 0),
      },
      awards: awarded.length,
      byKind: kinds
        .map((kind) => {
          const mine = competitions.filter((c) => c.kind === kind);
          const theirEntries = entries.filter((e) => mine.some((c) => c.id === e.competitionId));
          return {
            kind,
            kindLabel: COMPETITION_KIND_LABEL[kind],
            competitions: mine.length,
            personTimes: theirEntries.reduce((n, e) => n + personTimes(e), 0),
          };
        })
        .filter((k) => k.competitions > 0),
    };
  }
}

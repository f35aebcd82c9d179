import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import * as QRCode from 'qrcode';
import {
  COMPETITION_ENTRY_WORKFLOW,
  maskName,
  type ActionView,
  type CompetitionEntryAction,
  type EntriesQuery,
  type EntryView,
  type MyEntriesQuery,
  type Page,
  type RegisterEntryRequest,
  stateAllows,
} from '@union/shared';
import { In, type EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import { staffMayHandleCase } from '../../common/case-access';
import { AppException, fail } from '../../common/app-exception';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { decodeCursor, encodeCursor, newestFirst } from '../../common/cursor';
import { Db } from '../../database/db.service';
import { isUniqueViolation } from '../../database/errors';
import { employerKey } from '@union/shared';
import { MembersService } from '../membership/members.service';
import { OrganizationsService, type Organization } from '../organizations/organizations.service';
import { TransitionService, type TransitionInput } from '../workflow/transition.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';
import { Competition, CompetitionEvent } from './entities/competition.entity';
import { CompetitionEntry } from './entities/entry.entity';
import { CompetitionsService } from './competitions.service';
import { Clock } from '../../common/clock';
import { CompetitionEntryProcess } from './competition-entry.process';

/**
 * Entries: registration with eligibility (members of unions within the organiser's scope; an
 * enterprise entry by a cadre of an enterprise union), the last place of an event going once,
 * withdrawal before the deadline, and check-in by a signed code the organiser scans.
 */
const ENTRY = COMPETITION_ENTRY_WORKFLOW;

@Injectable()
export class CompetitionEntriesService {
  constructor(
    private readonly cases: WorkflowCases,
    private readonly members: MembersService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly competitions: CompetitionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transitions: TransitionService,
    private readonly process: CompetitionEntryProcess,
  ) {}

  async register(actor: Actor, competitionId: number, body: RegisterEntryRequest): Promise<EntryView> {
    try {
      const id = await this.db.transaction(async (manager) => {
        const competition = await manager.getRepository(Competition).findOneBy({ id: competitionId });
        const kase = competition ? await this.cases.find(competition.caseId, manager) : null;
        if (!competition || !kase || kase.state === 'draft') fail('not_found');
        if (!stateAllows(kase.caseType, kase.state, 'registration') || competition.registrationClosesOn < this.clock.today())
          fail('action_not_allowed', '报名已经截止');
        const event = await manager.getRepository(CompetitionEvent).findOneBy({ id: body.eventId, competitionId });
        if (!event) fail('validation_failed', undefined, [{ field: 'eventId', message: '没有这个项目' }]);

        // Who enters, and through which union; the union must be within the organiser's scope.
        let organization: Organization | null = null;
        let entrantName: string;
        let employerName: string;
        let members: string[] = [];
        if (event.entryKind === 'enterprise') {
          if (
            !actor.organization ||
            actor.organization.kind !== 'enterprise_union' ||
            !actor.permissions.includes('competition.register')
          ) {
            fail('forbidden', '企业项目由企业工会干部报名');
          }
          organization = await this.organizations.get(actor.organization.id, manager);
          employerName = organization.employerName ?? organization.name;
          entrantName = body.teamName?.trim() || employerName;
          members = (body.members ?? []).map((m) => m.trim());
        } else {
          const member = await this.members.activeForUser(manager, actor.userId);
          if (!member) fail('not_a_member', '只有工会会员可以报名，请先入会');
          organization = await this.organizations.get(member.organizationId, manager);
          employerName = member.employerName;
          if (event.entryKind === 'team') {
            members = [...new Set((body.members ?? []).map((m) => m.trim()))];
            if (!body.teamName?.trim()) fail('validation_failed', '请填写队名', [{ field: 'teamName', message: '请填写队名' }]);
            if (members.length < (event.teamMin ?? 2) || members.length > (event.teamMax ?? 50)) {
              fail('validation_failed', `队员应为 ${event.teamMin}–${event.teamMax} 人`, [
                { field: 'members', message: `队员应为 ${event.teamMin}–${event.teamMax} 人` },
              ]);
            }
            entrantName = body.teamName.trim();
          } else {
            entrantName = member.realName;
          }
        }
        const organizer = await this.organizations.get(competition.organizerOrganizationId, manager);
        if (!organization.path.startsWith(organizer.path)) fail('forbidden', `这项比赛只接受${organizer.name}范围内的报名`);

        // The last place goes once: compare-and-set on the event's count.
        const taken = await manager
          .createQueryBuilder()
          .update(CompetitionEvent)
          .set({ entryCount: () => 'entry_count + 1' })
          .where('id = :id AND (max_entries = 0 OR entry_count < max_entries)', { id: event.id })
          .execute();
        if (taken.affected !== 1) fail('event_full');
        // The entry is a case of its own: withdrawn by the entrant, checked in by the organiser.
        const entryCase = await this.transitions.open(manager, ENTRY, {
          actor,
          organization,
          applicantUserId: actor.userId,
          title: `${event.name}：${entrantName}`.slice(0, 100),
          applicant: { nameMasked: event.entryKind === 'individual' ? maskName(entrantName) : entrantName },
        });
        const repo = manager.getRepository(CompetitionEntry);
        const saved = await repo.save(
          repo.create({
            uid: randomUUID(),
            competitionId,
            eventId: event.id,
            kind: event.entryKind,
            registrantUserId: actor.userId,
            organizationId: organization.id,
            entrantName,
            employerName,
            employerKey: employerKey({ name: employerName }),
            members,
            status: 'registered',
            activeKey: 1,
            registeredAt: this.clock.now(),
            caseId: entryCase.id,
            directValue: null,
            score: null,
            rank: null,
            awards: null,
            excludedReason: null,
            revokedReason: null,
            revokedAt: null,
          }),
        );
        await this.transitions.attachSubject(manager, entryCase, saved.id);
        return saved.id;
      });
      return this.get(actor, id);
    } catch (err) {
      if (isUniqueViolation(err)) fail('already_registered');
      throw err;
    }
  }

  /** Withdraw before registration closes; the place goes back to the event. */
  async withdraw(actor: Actor, entryId: number): Promise<EntryView> {
    const entry = await this.db.manager.getRepository(CompetitionEntry).findOneBy({ id: entryId, registrantUserId: actor.userId });
    if (!entry) fail('not_found');
    const kase = await this.cases.get(entry.caseId);
    await this.transition(actor, entryId, { action: 'withdraw', version: kase.version });
    return this.get(actor, entryId);
  }

  /** What the actor may do with the entry now (the case API's actions). */
  async actions(actor: Actor, entryId: number): Promise<ActionView<CompetitionEntryAction>[]> {
    const entry = await this.db.manager.getRepository(CompetitionEntry).findOneBy({ id: entryId });
    const kase = entry ? await this.cases.find(entry.caseId) : null;
    return kase ? this.transitions.actionsOf(actor, ENTRY, kase) : [];
  }

  /** The entrant's withdrawal (check-in goes through the organiser's scan of the code, {@link checkIn}). */
  async transition(actor: Actor, entryId: number, input: TransitionInput): Promise<void> {
    const entry = await this.db.manager.getRepository(CompetitionEntry).findOneBy({ id: entryId });
    if (!entry) fail('not_found');
    await this.transitions.apply(actor, this.process, entry.caseId, input);
  }

  /** The entrant's own entries (of one competition, with `competitionId`), newest first, a page at a time. */
  async mine(actor: Actor, query: MyEntriesQuery): Promise<Page<EntryView>> {
    const qb = this.db.manager
      .getRepository(CompetitionEntry)
      .createQueryBuilder('e')
      .where('e.registrantUserId = :me', { me: actor.userId });
    if (query.competitionId) qb.andWhere('e.competitionId = :competitionId', { competitionId: query.competitionId });
    const { rows, nextCursor } = await newestFirst(qb, 'e.id', query);
    return { items: await this.views(this.db.manager, actor, rows), nextCursor };
  }

  /** A competition's entries for its organiser, oldest first, a page at a time (one event's, or all). */
  async forCompetition(actor: Actor, competitionId: number, query: EntriesQuery): Promise<Page<EntryView>> {
    await this.db.transaction((manager) => this.competitions.staffCase(manager, actor, competitionId));
    const limit = query.limit ?? 20;
    const qb = this.db.manager
      .getRepository(CompetitionEntry)
      .createQueryBuilder('e')
      .where(query.eventId ? 'e.competitionId = :competitionId AND e.eventId = :eventId' : 'e.competitionId = :competitionId', {
        competitionId,
        eventId: query.eventId,
      })
      .orderBy('e.id', 'ASC')
      .limit(limit + 1);
    if (query.after) qb.andWhere('e.id > :after', { after: decodeCursor<[number]>(query.after, ['number'])[0] });
    const rows = await qb.getMany();
    const page = rows.slice(0, limit);
    return {
      items: await this.views(this.db.manager, actor, page),
      nextCursor: rows.length > limit ? encodeCursor([page[page.length - 1].id]) : null,
    };
  }

  async get(actor: Actor, entryId: number): Promise<EntryView> {
    const row = await this.db.manager.getRepository(CompetitionEntry).findOneBy({ id: entryId });
    if (!row) fail('not_found');
    if (row.registrantUserId !== actor.userId) {
      await this.db.transaction((manager) => this.competitions.staffCase(manager, actor, row.competitionId));
    }
    const [view] = await this.views(this.db.manager, actor, [row]);
    return view;
  }

  /** The organiser scans an entrant's code on the day. */
  async checkIn(actor: Actor, competitionId: number, code: string): Promise<EntryView> {
    const [idText, mac] = code.split('.');
    const entryId = Number(idText);
    const entry = await this.db.transaction(async (manager) => {
      const { kase } = await this.competitions.staffCase(manager, actor, competitionId);
      const found = Number.isInteger(entryId)
        ? await manager.getRepository(CompetitionEntry).findOneBy({ id: entryId, competitionId })
        : null;
      if (!found || !mac || !this.macMatches(found, mac))
        fail('validation_failed', '签到码无效', [{ field: 'code', message: '签到码无效' }]);
      if (found.status === 'withdrawn') fail('action_not_allowed', '已退出比赛');
      if (!stateAllows(kase.caseType, kase.state, 'check_in')) fail('action_not_allowed', '现在不能签到');
      return found;
    });
    // Scanning a code twice checks in once: the second scan answers the entry as it is.
    if (entry.status !== 'checked_in') {
      const entryCase = await this.cases.get(entry.caseId);
      await this.transitions
        .apply(actor, this.process, entry.caseId, { action: 'check_in', version: entryCase.version })
        .catch(async (err: unknown) => {
          // Two scans at once: the one that lost finds the entry checked in, which is what it asked for.
          const now = await this.db.manager.getRepository(CompetitionEntry).findOneByOrFail({ id: entry.id });
          if (!(err instanceof AppException && err.code === 'state_conflict' && now.status === 'checked_in')) throw err;
        });
    }
    const id = entry.id;
    const row = await this.db.manager.getRepository(CompetitionEntry).findOneByOrFail({ id });
    const [view] = await this.views(this.db.manager, actor, [row]);
    return view;
  }

  private mac(entry: CompetitionEntry): string {
    return createHmac('sha256', this.config.auth.cardSecret).update(`checkin:v1:${entry.id}:${entry.uid}`).digest('base64url').slice(0, 22);
  }

  private macMatches(entry: CompetitionEntry, mac: string): boolean {
    const expected = Buffer.from(this.mac(entry));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  private async views(manager: EntityManager, actor: Actor, rows: CompetitionEntry[]): Promise<EntryView[]> {
    if (rows.length === 0) return [];
    const competitions = await manager.getRepository(Competition).findBy({ id: In([...new Set(rows.map((r) => r.competitionId))]) });
    const events = await manager.getRepository(CompetitionEvent).findBy({ id: In([...new Set(rows.map((r) => r.eventId))]) });
    const cases = await this.cases.byIds(
      competitions.map((c) => c.caseId),
      manager,
    );
    const views = rows.map((r) => {
      const competition = competitions.find((c) => c.id === r.competitionId) as Competition;
      const kase = cases.find((c) => c.id === competition.caseId);
      const published = kase?.state === 'published';
      const staff = !!kase && staffMayHandleCase(actor, kase);
      // Results are the entrant's once published; the organiser sees them from computing on.
      const showResults = published || staff;
      const awards = showResults && !r.revokedReason ? (r.awards ?? []) : [];
      return {
        id: r.id,
        competitionId: r.competitionId,
        competitionTitle: competition.title,
        eventId: r.eventId,
        eventName: events.find((e) => e.id === r.eventId)?.name ?? '',
        kind: r.kind,
        entrantName: r.entrantName,
        employerName: r.employerName,
        members: r.members,
        status: r.status,
        registeredAt: r.registeredAt.toISOString(),
        checkInCode: r.registrantUserId === actor.userId && r.status !== 'withdrawn' ? `${r.id}.${this.mac(r)}` : null,
        checkInQrDataUrl: null as string | null,
        checkInOpen: !!kase && stateAllows(kase.caseType, kase.state, 'check_in'),
        score: showResults ? r.score : null,
        rank: showResults ? r.rank : null,
        awards,
        excludedReason: showResults ? r.excludedReason : null,
        revokedReason: r.revokedReason,
        certificateAvailable: published && awards.length > 0 && r.registrantUserId === actor.userId,
      };
    });
    // The organiser scans this on the day (the entrant's own entries only).
    for (const v of views) {
      if (v.checkInCode && v.checkInOpen)
        v.checkInQrDataUrl = await QRCode.toDataURL(v.checkInCode, { errorCorrectionLevel: 'M', margin: 1, width: 280 });
    }
    return views;
  }
}

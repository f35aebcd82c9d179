import { Injectable } from '@nestjs/common';
import {
  addDays,
  cstDate,
  isInSubtree,
  startOfCstDay,
  WorkCalendar,
  type AvailabilityExceptionRequest,
  type AvailabilityExceptionView,
  type AvailabilityRuleView,
  type ConsultationChannel,
  type LawyerView,
  type SetAvailabilityRequest,
  type SlotDayView,
  type SlotView,
} from '@union/shared';
import { Between, In, type EntityManager } from 'typeorm';
import { actorCovers, type Actor } from '../../common/actor';
import { staffHolds, type StaffCandidate } from '../../common/case-access';
import { fail } from '../../common/app-exception';
import { Db } from '../../database/db.service';
import { IdentityService, type User } from '../identity/identity.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { AvailabilityException, AvailabilityRule } from './entities/availability.entity';
import { Consultation } from './entities/consultation.entity';
import { WorkCalendars } from '../workflow/work-calendars';
import { LegalRulesService } from './legal-rules.service';
import { Clock } from '../../common/clock';

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
/** The instant of a China-time wall clock time on a day. */
const cstInstant = (date: string, minuteOfDay: number) => new Date(startOfCstDay(date).getTime() + minuteOfDay * 60_000);
/** 1 = Monday … 7 = Sunday. */
const weekdayOf = (date: string) => ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** A slot of a lawyer's pattern on a day, before bookings are taken out. */
interface PatternSlot extends SlotView {
  startsAtMs: number;
}

/**
 * Who gives consultations and when: each lawyer's (or duty staff member's) weekly pattern and
 * days away; public holidays and make-up working days come from the work calendar. Free slots
 * are the pattern minus days away, holidays, slots too soon to book, and held bookings.
 */
@Injectable()
export class LegalScheduleService {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
    private readonly db: Db,
    private readonly calendars: WorkCalendars,
    private readonly legalRules: LegalRulesService,
    private readonly identity: IdentityService,
  ) {}

  /** Lawyers and duty staff of the county's centre(s): staff who hold consultations. */
  lawyers(manager: EntityManager = this.db.manager): Promise<(User & StaffCandidate)[]> {
    return this.identity.staffHolding('legal.consult', manager);
  }

  /** A lawyer the actor may plan for: themselves, or anyone in scope with legal.schedule.manage. */
  private async plannable(manager: EntityManager, actor: Actor, lawyerUserId: number): Promise<User> {
    const lawyer = (await this.lawyers(manager)).find((u) => u.id === lawyerUserId);
    if (!lawyer) fail('not_found');
    if (lawyer.id === actor.userId) return lawyer;
    const org = lawyer.organizationId ? await this.organizations.findById(lawyer.organizationId, manager) : null;
    if (!actor.permissions.includes('legal.schedule.manage') || !org || !actorCovers(actor, org.path)) fail('not_found');
    return lawyer;
  }

  /** The lawyers placed at the organisation at `path` or below it (a county's: its centre's and its towns' stations'). */
  private async lawyersUnder(manager: EntityManager, path: string): Promise<(User & StaffCandidate)[]> {
    const everyLawyer = await this.lawyers(manager);
    const places = new Map(
      (
        await this.organizations.byIds(
          everyLawyer.flatMap((l) => (l.organizationId ? [l.organizationId] : [])),
          manager,
        )
      ).map((o) => [o.id, o]),
    );
    return everyLawyer.filter((l) => {
      const place = l.organizationId ? places.get(l.organizationId) : undefined;
      return !!place && isInSubtree(place.path, path);
    });
  }

  /**
   * The lawyers of the actor's county with their pattern and days away from today on (the centre's
   * planning page); above the counties, those under the actor's organisation.
   */
  async list(actor: Actor): Promise<LawyerView[]> {
    const manager = this.db.manager;
    if (!actor.organization) return [];
    const scope = (await this.organizations.countyOf(actor.organization, manager)) ?? actor.organization;
    const lawyers = await this.lawyersUnder(manager, scope.path);
    const ids = lawyers.map((l) => l.id);
    const [rules, exceptions, orgs] = await Promise.all([
      ids.length
        ? manager.getRepository(AvailabilityRule).find({ where: { lawyerUserId: In(ids) }, order: { weekday: 'ASC', startTime: 'ASC' } })
        : [],
      ids.length
        ? manager.getRepository(AvailabilityException).find({
            where: { lawyerUserId: In(ids), date: Between(this.clock.today(), '9999-12-31') },
            order: { date: 'ASC' },
          })
        : [],
      this.organizations.byIds(
        lawyers.map((l) => l.organizationId as number),
        manager,
      ),
    ]);
    return lawyers.map((l) => ({
      userId: l.id,
      name: l.displayName,
      isLawyer: staffHolds(l, 'legal.represent'),
      organizationName: orgs.find((o) => o.id === l.organizationId)?.name ?? '',
      rules: rules.filter((r) => r.lawyerUserId === l.id).map(ruleView),
      exceptions: exceptions.filter((e) => e.lawyerUserId === l.id).map(exceptionView),
    }));
  }

  /** Replace a lawyer's weekly pattern (booked consultations stay; new bookings follow the new pattern). */
  async setAvailability(actor: Actor, lawyerUserId: number, body: SetAvailabilityRequest): Promise<AvailabilityRuleView[]> {
    const problems: { field: string; message: string }[] = [];
    body.rules.forEach((r, i) => {
      const length = minutes(r.endTime) - minutes(r.startTime);
      if (length < r.slotMinutes) problems.push({ field: `rules.${i}.endTime`, message: '结束时间要晚于开始时间，且至少容纳一个时段' });
      if (new Set(r.channels).size !== r.channels.length) problems.push({ field: `rules.${i}.channels`, message: '咨询方式重复' });
    });
    // Two lines of the same weekday must not overlap, or one slot would appear twice.
    body.rules.forEach((a, i) =>
      body.rules.forEach((b, j) => {
        if (i < j && a.weekday === b.weekday && minutes(a.startTime) < minutes(b.endTime) && minutes(b.startTime) < minutes(a.endTime))
          problems.push({ field: `rules.${j}.startTime`, message: '同一天的值班时间有重叠' });
      }),
    );
    if (problems.length) fail('validation_failed', '值班时间有误，请检查', problems);
    return this.db.transaction(async (manager) => {
      await this.plannable(manager, actor, lawyerUserId);
      const repo = manager.getRepository(AvailabilityRule);
      await repo.delete({ lawyerUserId });
      const rows = await repo.save(body.rules.map((r) => repo.create({ ...r, place: r.place.trim(), lawyerUserId })));
      return rows.sort((a, b) => a.weekday - b.weekday || a.startTime.localeCompare(b.startTime)).map(ruleView);
    });
  }

  async addException(actor: Actor, lawyerUserId: number, body: AvailabilityExceptionRequest): Promise<AvailabilityExceptionView> {
    if (body.date < this.clock.today()) fail('validation_failed', undefined, [{ field: 'date', message: '不能登记已经过去的日子' }]);
    return this.db.transaction(async (manager) => {
      await this.plannable(manager, actor, lawyerUserId);
      const repo = manager.getRepository(AvailabilityException);
      const existing = await repo.findOneBy({ lawyerUserId, date: body.date });
      if (existing) {
        existing.note = body.note.trim();
        return exceptionView(await repo.save(existing));
      }
      return exceptionView(await repo.save(repo.create({ lawyerUserId, date: body.date, note: body.note.trim() })));
    });
  }

  async removeException(actor: Actor, lawyerUserId: number, exceptionId: number): Promise<void> {
    await this.db.transaction(async (manager) => {
      await this.plannable(manager, actor, lawyerUserId);
      const result = await manager.getRepository(AvailabilityException).delete({ id: exceptionId, lawyerUserId });
      if (!result.affected) fail('not_found');
    });
  }

  /**
   * Free slots of a county's lawyers (its centre's and its towns' stations') from `from` for `days`
   * days, by day; holidays are named. A county's own deployment has one county, named or not.
   */
  async freeSlots(
    query: { countyId?: number; from?: string; days?: number; channel?: ConsultationChannel },
    now = this.clock.now(),
  ): Promise<SlotDayView[]> {
    const manager = this.db.manager;
    const from = query.from && query.from > cstDate(now) ? query.from : cstDate(now);
    const days = query.days ?? 14;
    const to = addDays(from, days);
    const county = await this.organizations.countyFor(query.countyId, manager);
    const { rules } = await this.legalRules.effective(manager, now, county.id);
    const lawyers = await this.lawyersUnder(manager, county.path);
    const calendar = this.calendars.forPath(county.path);
    const slots = await this.patternSlots(manager, lawyers, from, days, now.getTime() + rules.bookingChangeHours * 3_600_000, calendar);
    const held = await manager.getRepository(Consultation).find({
      select: { lawyerUserId: true, startsAt: true, endsAt: true },
      where: {
        slotHeld: 1,
        lawyerUserId: In(lawyers.length ? lawyers.map((l) => l.id) : [0]),
        startsAt: Between(new Date(cstInstant(from, 0).getTime() - 86_400_000), cstInstant(to, 0)),
      },
    });
    // A slot is taken when any held booking of the lawyer overlaps it (patterns may have changed slot length).
    const overlaps = (s: PatternSlot) =>
      held.some(
        (c) => c.lawyerUserId === s.lawyerUserId && c.startsAt.getTime() < Date.parse(s.endsAt) && c.endsAt.getTime() > s.startsAtMs,
      );
    const result: SlotDayView[] = [];
    for (let i = 0; i < days; i += 1) {
      const date = addDays(from, i);
      const holiday = calendar.isWorkingDay(date) ? null : (calendar.holidayName(date) ?? null);
      const free = (slots.get(date) ?? [])
        .filter((s) => !overlaps(s))
        .filter((s) => !query.channel || s.channels.includes(query.channel))
        .map(({ startsAtMs: _ms, ...slot }) => slot);
      result.push({ date, holiday, slots: free });
    }
    return result;
  }

  /**
   * The pattern slot a booking asks for, or null when there is none: it must be in the lawyer's
   * pattern on a working day they are not away, offer the channel, and start after `notBefore`.
   * A slot a held booking overlaps answers slot_taken.
   */
  async findSlot(
    manager: EntityManager,
    lawyerUserId: number,
    startsAt: Date,
    channel: ConsultationChannel,
    notBefore: number,
    exceptId?: number,
  ): Promise<SlotView | null> {
    const lawyer = (await this.lawyers(manager)).find((u) => u.id === lawyerUserId);
    if (!lawyer) return null;
    const date = cstDate(startsAt);
    const place = lawyer.organizationId ? await this.organizations.findById(lawyer.organizationId, manager) : null;
    const slots = await this.patternSlots(manager, [lawyer], date, 1, notBefore, this.calendars.forPath(place?.path));
    const slot = (slots.get(date) ?? []).find((s) => s.startsAtMs === startsAt.getTime() && s.channels.includes(channel));
    if (!slot) return null;
    // A held booking of another length overlapping this slot also takes it (the unique index only sees equal starts).
    const clash = await manager
      .getRepository(Consultation)
      .createQueryBuilder('c')
      .where('c.lawyerUserId = :lawyer AND c.slotHeld = 1 AND c.startsAt < :end AND c.endsAt > :start', {
        lawyer: lawyerUserId,
        start: startsAt,
        end: new Date(slot.endsAt),
      })
      .andWhere(exceptId ? 'c.id <> :exceptId' : '1 = 1', { exceptId: exceptId ?? 0 })
      .getCount();
    if (clash > 0) fail('slot_taken');
    const { startsAtMs: _ms, ...view } = slot;
    return view;
  }

  private async patternSlots(
    manager: EntityManager,
    lawyers: User[],
    from: string,
    days: number,
    notBefore: number,
    calendar: WorkCalendar,
  ): Promise<Map<string, PatternSlot[]>> {
    const result = new Map<string, PatternSlot[]>();
    if (lawyers.length === 0) return result;
    const ids = lawyers.map((l) => l.id);
    const to = addDays(from, days - 1);
    const [rules, exceptions] = await Promise.all([
      manager.getRepository(AvailabilityRule).findBy({ lawyerUserId: In(ids) }),
      manager.getRepository(AvailabilityException).findBy({ lawyerUserId: In(ids), date: Between(from, to) }),
    ]);
    const away = new Set(exceptions.map((e) => `${e.lawyerUserId}@${e.date}`));
    const names = new Map(lawyers.map((l) => [l.id, l.displayName]));
    for (let i = 0; i < days; i += 1) {
      const date = addDays(from, i);
      if (!calendar.isWorkingDay(date)) continue;
      const weekday = weekdayOf(date);
      const daySlots: PatternSlot[] = [];
      for (const rule of rules) {
        if (rule.weekday !== weekday || away.has(`${rule.lawyerUserId}@${date}`)) continue;
        for (let m = minutes(rule.startTime); m + rule.slotMinutes <= minutes(rule.endTime); m += rule.slotMinutes) {
          const start = cstInstant(date, m);
          if (start.getTime() <= notBefore) continue;
          daySlots.push({
            lawyerUserId: rule.lawyerUserId,
            lawyerName: names.get(rule.lawyerUserId) ?? '',
            startsAt: start.toISOString(),
            endsAt: new Date(start.getTime() + rule.slotMinutes * 60_000).toISOString(),
            channels: rule.channels,
            place: rule.place,
            startsAtMs: start.getTime(),
          });
        }
      }
      daySlots.sort((a, b) => a.startsAtMs - b.startsAtMs || a.lawyerUserId - b.lawyerUserId);
      result.set(date, daySlots);
    }
    return result;
  }
}

function ruleView(r: AvailabilityRule): AvailabilityRuleView {
  return {
    id: r.id,
    weekday: r.weekday,
    startTime: r.startTime,
    endTime: r.endTime,
    slotMinutes: r.slotMinutes,
    channels: r.channels,
    place: r.place,
  };
}

function exceptionView(e: AvailabilityException): AvailabilityExceptionView {
  return { id: e.id, date: e.date, note: e.note };
}

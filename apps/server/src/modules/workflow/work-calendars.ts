import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { addDays, WorkCalendar, type CalendarDayRequest, type CalendarDayView } from '@union/shared';
import { MoreThanOrEqual } from 'typeorm';
import type { Actor } from '../../common/actor';
import { fail } from '../../common/app-exception';
import { Clock } from '../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { Db } from '../../database/db.service';
import { OrganizationsService, type Organization } from '../organizations/organizations.service';
import { WorkCalendarDay } from './entities/work-calendar-day.entity';

/**
 * The work calendar of each county: the national one (weekends, public holidays, make-up days)
 * with the county's own days over it (a local holiday, a working day). Every deadline of a case is
 * counted in the calendar of its county (`forPath(kase.organizationPath)`); a county without days
 * of its own, and every place above the counties, counts in the national one.
 *
 * The counties' days are few (a handful a year each), so every process keeps all of them in memory:
 * read at start, again after a change made here, and every `CALENDAR_REFRESH_MS` for changes made
 * by other processes.
 */
@Injectable()
export class WorkCalendars implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(WorkCalendars.name);
  private byCounty = new Map<number, WorkCalendar>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly national: WorkCalendar,
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly organizations: OrganizationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
    const every = this.config.workflow.calendarRefreshMs;
    if (every > 0) {
      this.timer = setInterval(() => {
        this.reload().catch((err: unknown) => this.logger.warn({ err }, 'reloading the counties’ calendar days failed'));
      }, every);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The calendar of the place at `path`: its county's, else the national one. */
  forPath(path: string | null | undefined): WorkCalendar {
    if (!path) return this.national;
    for (const id of path.split('/')) {
      const own = id ? this.byCounty.get(Number(id)) : undefined;
      if (own) return own;
    }
    return this.national;
  }

  /** Read every county's days again. */
  async reload(): Promise<void> {
    const rows = await this.db.manager.getRepository(WorkCalendarDay).find({ order: { countyOrganizationId: 'ASC', date: 'ASC' } });
    const grouped = new Map<number, WorkCalendarDay[]>();
    for (const r of rows) grouped.set(r.countyOrganizationId, [...(grouped.get(r.countyOrganizationId) ?? []), r]);
    this.byCounty = new Map([...grouped].map(([county, days]) => [county, this.national.withOverrides(days)]));
  }

  /** The county's own days from `from` on (default: 30 days ago), for its staff. */
  async list(actor: Actor, from?: string): Promise<CalendarDayView[]> {
    const county = await this.countyOf(actor);
    const rows = await this.db.manager.getRepository(WorkCalendarDay).find({
      where: { countyOrganizationId: county.id, date: MoreThanOrEqual(from ?? addDays(this.clock.today(), -30)) },
      order: { date: 'ASC' },
    });
    return rows.map(view);
  }

  /**
   * A county's administrator sets one of its own days, today or later (deadlines already set keep
   * their day; new ones count with it). Saving a day again replaces it.
   */
  async set(actor: Actor, date: string, body: CalendarDayRequest): Promise<CalendarDayView> {
    const county = await this.countyOf(actor, true);
    this.notPast(date);
    const row = Object.assign(new WorkCalendarDay(), {
      countyOrganizationId: county.id,
      date,
      working: body.working,
      name: body.name.trim(),
      createdByName: actor.displayName.slice(0, 50),
      createdAt: this.clock.now(),
    });
    await this.db.manager.getRepository(WorkCalendarDay).save(row);
    await this.reload();
    return view(row);
  }

  /** Take one of the county's own days back (today or later): the national calendar counts again. */
  async remove(actor: Actor, date: string): Promise<void> {
    const county = await this.countyOf(actor, true);
    this.notPast(date);
    const result = await this.db.manager.getRepository(WorkCalendarDay).delete({ countyOrganizationId: county.id, date });
    if (!result.affected) fail('not_found');
    await this.reload();
  }

  private notPast(date: string): void {
    if (date < this.clock.today())
      fail('validation_failed', '已经过去的日子不能再改', [{ field: 'date', message: '已经过去的日子不能再改' }]);
  }

  /** The actor's county (changes: only its own federation's staff). */
  private async countyOf(actor: Actor, toChange = false): Promise<Organization> {
    const message = '本县的节假日由县(市、区)总工会设置';
    const county = await this.organizations.countyOfStaff(actor, message);
    if (toChange && actor.organization?.id !== county.id) fail('forbidden', message);
    return county;
  }
}

function view(row: WorkCalendarDay): CalendarDayView {
  return {
    date: row.date,
    working: row.working,
    name: row.name,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
  };
}

/** One dated entry of the work calendar. */
export interface CalendarDay {
  date: string;
  name: string;
}

/** Public holidays and make-up working days of one year (editable data, not code). */
export interface CalendarYear {
  holidays: CalendarDay[];
  makeUpWorkdays: CalendarDay[];
}

/**
 * A county's own change to the national calendar: a local holiday (a day off, e.g. a minority
 * festival a county observes) or a working day where the national calendar has none. It wins over
 * the national data on that day.
 */
export interface CalendarOverride {
  date: string;
  working: boolean;
  name: string;
}

/** Calendar data for several years, keyed by year. */
export interface CalendarData {
  years: Record<string, CalendarYear>;
}

const DAY_MS = 86_400_000;
/** Deadlines are counted in China Standard Time (UTC+8, no daylight saving). */
const CST_OFFSET_MS = 8 * 3_600_000;

/** The CST calendar date (YYYY-MM-DD) of an instant. */
export function cstDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The calendar date (YYYY-MM-DD) `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The first instant (00:00 CST) of a CST calendar date. */
export function startOfCstDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CST_OFFSET_MS);
}

/** The last instant (23:59:59.999 CST) of a CST calendar date. */
export function endOfCstDay(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS - CST_OFFSET_MS - 1);
}

/**
 * Working days: Monday–Friday, minus public holidays, plus make-up working days (调休上班).
 * Years missing from the data fall back to plain weekdays.
 */
export class WorkCalendar {
  private readonly holidays = new Map<string, string>();
  private readonly makeUpWorkdays = new Map<string, string>();
  private readonly overrides = new Map<string, CalendarOverride>();

  /** The national data, and a county's own changes to it (they win on their days). */
  constructor(data: CalendarData, overrides: readonly CalendarOverride[] = []) {
    for (const year of Object.values(data.years)) {
      for (const d of year.holidays) this.holidays.set(d.date, d.name);
      for (const d of year.makeUpWorkdays) this.makeUpWorkdays.set(d.date, d.name);
    }
    for (const o of overrides) this.overrides.set(o.date, o);
  }

  /** This calendar with a county's changes (the same national data). */
  withOverrides(overrides: readonly CalendarOverride[]): WorkCalendar {
    const copy = new WorkCalendar({ years: {} }, overrides);
    for (const [date, name] of this.holidays) copy.holidays.set(date, name);
    for (const [date, name] of this.makeUpWorkdays) copy.makeUpWorkdays.set(date, name);
    return copy;
  }

  /** True when `date` (YYYY-MM-DD) is a working day. */
  isWorkingDay(date: string): boolean {
    const override = this.overrides.get(date);
    if (override) return override.working;
    if (this.makeUpWorkdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** Name of the holiday on `date`, if any. */
  holidayName(date: string): string | undefined {
    const override = this.overrides.get(date);
    if (override) return override.working ? undefined : override.name;
    return this.holidays.get(date);
  }

  /** The date `n` working days after `date`; the start day itself is not counted. */
  addWorkingDays(date: string, n: number): string {
    let current = date;
    let left = n;
    while (left > 0) {
      current = addDays(current, 1);
      if (this.isWorkingDay(current)) left -= 1;
    }
    return current;
  }

  /**
   * Due instant of a step that starts at `start` and allows `workingDays` working days:
   * the end of the last allowed working day, in CST.
   */
  dueAt(start: Date, workingDays: number): Date {
    return endOfCstDay(this.addWorkingDays(cstDate(start), workingDays));
  }

  /**
   * Working days left from `now` until `due` (0 on the due day itself, negative when overdue).
   */
  workingDaysLeft(now: Date, due: Date): number {
    const today = cstDate(now);
    const dueDay = cstDate(due);
    if (today === dueDay) return 0;
    const forward = today < dueDay;
    let current = today;
    let count = 0;
    while (current !== dueDay) {
      current = addDays(current, forward ? 1 : -1);
      if (this.isWorkingDay(current)) count += 1;
    }
    return forward ? count : -count;
  }
}

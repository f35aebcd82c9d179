import holidays from './cn-public-holidays.json';
import { WorkCalendar, type CalendarData } from './work-calendar';

export * from './work-calendar';

/** The official holiday data shipped with the platform (2025–2026; later years added as data). */
export const CN_PUBLIC_HOLIDAYS: CalendarData = holidays as CalendarData;

/** A calendar over the shipped holiday data. */
export function defaultWorkCalendar(): WorkCalendar {
  return new WorkCalendar(CN_PUBLIC_HOLIDAYS);
}

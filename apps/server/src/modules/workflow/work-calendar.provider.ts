import { defaultWorkCalendar, WorkCalendar } from '@union/shared';

/** The work calendar (weekends, public holidays, make-up days) from the shipped holiday data. */
export const workCalendarProvider = { provide: WorkCalendar, useFactory: () => defaultWorkCalendar() };

import type { CalendarDayRequest, CalendarDayView } from '@union/shared';
import { http } from '../request';

/** The county's own days in the work calendar (local holidays, working days). */
export const calendarApi = {
  days: (from?: string) => http.get<CalendarDayView[]>('/calendar/days', from ? { from } : undefined),
  set: (date: string, body: CalendarDayRequest) => http.put<CalendarDayView>(`/calendar/days/${date}`, body),
  remove: (date: string) => http.delete<void>(`/calendar/days/${date}`),
};

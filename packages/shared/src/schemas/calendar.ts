import { day, text, z } from './common';

/** PUT /api/calendar/days/:date: a county's own day (a local holiday, or a working day). */
export const calendarDayBody = z.strictObject({
  working: z.boolean('请选择这天上班还是放假').meta({ description: 'true：这天上班（调休）；false：这天放假（本县的节假日）' }),
  name: text(1, 40).meta({ description: '名称，例如「县庆」「调休上班」', example: '县庆' }),
});
export type CalendarDayRequest = z.output<typeof calendarDayBody>;

/** `:date` of a calendar day. */
export const calendarDateParam = day;

/** GET /api/calendar/days?from=…: the county's own days from a date on. */
export const calendarDaysQuery = z.strictObject({
  from: day.optional().meta({ description: '从哪天起（默认今天往前 30 天）' }),
});
export type CalendarDaysQuery = z.output<typeof calendarDaysQuery>;

// --- answers ----------------------------------------------------------------------------

/** One of the county's own days. */
export const calendarDayView = z.object({
  date: z.string(),
  working: z.boolean(),
  name: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type CalendarDayView = z.output<typeof calendarDayView>;

/** GET /api/calendar/days */
export const calendarDayList = z.array(calendarDayView);

import { cstDate, endOfCstDay, startOfCstDay } from '@union/shared';
import { fail } from './app-exception';

/** A statistics period in China days, with the instants it spans (start inclusive, end the last millisecond of `to`). */
export interface Period {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/**
 * The period of a statistics query: 1 January of this year to today (China time, the clock's
 * `today()`) by default;
 * days that do not exist or a period that ends before it starts are refused.
 */
export function statisticsPeriod(query: { from?: string; to?: string }, today: string): Period {
  const to = query.to ?? today;
  const from = query.from ?? `${to.slice(0, 4)}-01-01`;
  for (const [field, day] of [
    ['from', from],
    ['to', to],
  ] as const) {
    const d = startOfCstDay(day);
    if (Number.isNaN(d.getTime()) || cstDate(d) !== day) fail('validation_failed', '日期无效', [{ field, message: '日期无效' }]);
  }
  if (from > to) fail('validation_failed', '开始日期不能晚于结束日期', [{ field: 'from', message: '开始日期不能晚于结束日期' }]);
  return { from, to, start: startOfCstDay(from), end: endOfCstDay(to) };
}

import type { StatutoryClockItem } from '@union/shared';

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];

/** China time parts of an instant, whatever the phone's time zone. */
function china(iso: string): Date {
  return new Date(Date.parse(iso) + 8 * 3_600_000);
}

/** "12月1日 周二" of a YYYY-MM-DD day. */
export function dayLabel(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 周${WEEKDAY[d.getUTCDay()]}`;
}

/** "09:30" China time. */
export function timeLabel(iso: string): string {
  return china(iso).toISOString().slice(11, 16);
}

/** "12月1日 周二 09:30" China time. */
export function slotLabel(iso: string): string {
  return `${dayLabel(china(iso).toISOString().slice(0, 10))} ${timeLabel(iso)}`;
}

/** "还有 5 天" / "今天是最后一天" / "已过 3 天" for a statutory period. */
export function clockText(item: Pick<StatutoryClockItem, 'daysLeft' | 'status'>): string {
  if (item.status === 'done') return '已完成';
  if (item.status === 'waiting' || item.daysLeft === null) return '未开始';
  if (item.daysLeft > 0) return `还有 ${item.daysLeft} 天`;
  if (item.daysLeft === 0) return '今天是最后一天';
  return `已过 ${-item.daysLeft} 天`;
}

import type { DeadlineView } from '@union/shared';

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * The instant as a wall clock in China (UTC+8, no daylight saving), whatever the phone's time zone:
 * read it with the getUTC* methods. Every date and time on screen goes through the two formatters below.
 */
function inChina(iso: string): Date | null {
  // A plain day (YYYY-MM-DD) is already a day in China.
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : new Date(new Date(iso).getTime() + 8 * 3_600_000);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 2026年11月3日, in China time. */
export function formatDate(iso: string): string {
  const d = inChina(iso);
  if (!d) return iso;
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** 2026-11-03 14:05, in China time. */
export function formatDateTime(iso: string): string {
  const d = inChina(iso);
  if (!d) return iso;
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** "还有 N 个工作日" / "今天到期" / "已超期 N 个工作日" */
export function deadlineText(deadline: DeadlineView | null): string {
  if (!deadline) return '';
  if (deadline.overdue || deadline.workingDaysLeft < 0) {
    const days = Math.abs(deadline.workingDaysLeft);
    return days > 0 ? `已超期 ${days} 个工作日` : '已超期';
  }
  if (deadline.workingDaysLeft === 0) return '今天到期';
  return `还有 ${deadline.workingDaysLeft} 个工作日`;
}

/** Working days from now to the deadline, for "将在 N 个工作日内答复"; 15 when unknown. */
export function replyWithinDays(deadline: DeadlineView | null): number {
  return deadline && deadline.workingDaysLeft > 0 ? deadline.workingDaysLeft : 15;
}

/** Today in China time (YYYY-MM-DD), or `days` from today, whatever the phone's time zone. */
export function chinaToday(days = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** True for a real YYYY-MM-DD day. */
export function isDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** A rule set's version in words: version 0 is the defaults the county has not changed yet. */
export function ruleSetLabel(version: number): string {
  return version === 0 ? '默认认定标准（县里还没有另定）' : `第 ${version} 版认定标准`;
}

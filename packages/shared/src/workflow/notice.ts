/**
 * Why a step that ends a public notice (公示) cannot be taken yet, or null when it can: the notice is
 * still running, or an objection is open. Staff see this under a disabled button instead of a
 * button that fails; the step's own check refuses with the same facts.
 */
export function noticeHoldReason(
  endsAt: Date | string | null,
  openObjections: number,
  next: string,
  now: number = Date.now(),
): string | null {
  const end = endsAt === null ? null : new Date(endsAt);
  if (end && end.getTime() > now) return `公示期到 ${chinaMinute(end)} 结束，之后才能${next}`;
  if (openObjections > 0) return `还有 ${openObjections} 条异议没有处理，处理完才能${next}`;
  return null;
}

/** 2026-12-07 14:00 in China time. */
function chinaMinute(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

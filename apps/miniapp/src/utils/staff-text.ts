import type { ActionView } from '@union/shared';

/**
 * The next step in words for the cadre looking at a case (the state's `nextStep` is written to the
 * applicant: "您已成为工会会员…"): what they can do now, what waits, or that nothing is theirs to do.
 */
export function staffNextStep(actions: readonly ActionView[], stateLabel: string): string {
  const open = actions.filter((a) => !a.blockedReason);
  if (open.length) return `待您办理（${stateLabel}）：可以${open.map((a) => `「${a.label}」`).join('、')}。`;
  const blocked = actions.find((a) => a.blockedReason);
  if (blocked) return `「${blocked.label}」还不能办：${blocked.blockedReason}`;
  return `当前环节：${stateLabel}。现在不需要您办理。`;
}

import { stateOf, type ActionView } from '@union/shared';

/**
 * The next step in words for the cadre looking at a case: what the state asks of staff (the table's
 * `staffStep`; its `nextStep` is written to the applicant), the buttons they can press now, what
 * waits, or that nothing is theirs to do.
 */
export function staffNextStep(caseType: string, state: string, actions: readonly ActionView[], stateLabel: string): string {
  const staffStep = stateOf(caseType, state)?.staffStep;
  const open = actions.filter((a) => !a.blockedReason);
  if (open.length) {
    const buttons = open.map((a) => `「${a.label}」`).join('、');
    return staffStep ? `待您办理（${stateLabel}）：${staffStep}。可以${buttons}。` : `待您办理（${stateLabel}）：可以${buttons}。`;
  }
  const blocked = actions.find((a) => a.blockedReason);
  if (blocked) return `「${blocked.label}」还不能办：${blocked.blockedReason}`;
  return `当前环节：${stateLabel}。现在不需要您办理。`;
}

import type { WorkflowDef } from '@union/shared';
import { fail } from '../../common/app-exception';
import type { StepWork } from '../workflow/case-process';

/** The case API's answer to a step that records a form: it is done on its own page. */
export const onItsOwnPage =
  <S extends string, A extends string>(def: WorkflowDef<S, A>, action: A) =>
  (): never =>
    fail('action_not_allowed', `“${def.transitions[action].label}”需要在办理页面填写表单`);

/**
 * An action's work that records a form. Asked for as a plain step (without its form, as the case
 * API and the services' `transition` do), it is refused with `refuse` before anything is done.
 */
export function withForm<S extends string, Sub, P>(refuse: () => never, work: StepWork<S, Sub, P>): StepWork<S, Sub, P> {
  return {
    ...work,
    before: async (step, payload) => {
      if (payload === undefined || payload === null) refuse();
      return work.before?.(step, payload);
    },
  };
}

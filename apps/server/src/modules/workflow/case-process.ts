import type { WorkflowDef } from '@union/shared';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../../common/actor';
import type { Organization } from '../organizations/organizations.service';
import type { WorkflowCase } from './entities/workflow-case.entity';

/** What a caller asks of a case. */
export interface TransitionInput {
  action: string;
  version: number;
  comment?: string;
  targetOrganizationId?: number;
}

/** What a case type's process gets for a step, inside the transaction, after the table allowed it. */
export interface StepContext<S extends string = string, Sub = unknown> {
  manager: EntityManager;
  actor: Actor;
  kase: WorkflowCase;
  /** The domain row the case is about, as the process loaded it in this transaction. */
  subject: Sub;
  action: string;
  from: S;
  to: S;
  /** The caller's input, the comment trimmed (undefined when blank). */
  input: TransitionInput;
}

/** What a step's checks may decide before the state changes. */
export interface StepOutcome {
  /** Move the case to another organisation (a transfer up or sideways). */
  moveTo?: Organization;
  /** The new step's due instant, when the step sets it itself (e.g. the end of a public notice). */
  dueAt?: Date;
}

/** The message to the applicant about a step. */
export interface CaseNotice {
  title: string;
  body: string;
  link: string | null;
}

/** One action's own work: the form it records (its payload), checks before and effects after. */
export interface StepWork<S extends string = string, Sub = unknown, P = unknown> {
  /** Runs before the state changes; may refuse (throw). */
  before?: (step: StepContext<S, Sub>, payload: P) => Promise<StepOutcome | void>;
  /** Runs after the state changed (e.g. create the member on approval). */
  after?: (step: StepContext<S, Sub>, payload: P) => Promise<void>;
  /** The applicant's message for this action, instead of the process's own. */
  notice?: (step: StepContext<S, Sub>, payload: P) => CaseNotice;
}

/**
 * A case type's part of every step, registered once with the transition service (Vendure's
 * `OrderProcess` is the model): the domain row it loads, the checks and effects common to its steps,
 * each action's own work with the form that action records, and the applicant's message. Domain
 * services ask for a step by naming the action and handing over the form; they pass no closures.
 *
 * `P` maps an action to the form (payload) its caller hands over; actions not in `P` carry none.
 */
export interface CaseProcess<
  S extends string = string,
  A extends string = string,
  Sub = unknown,
  P extends Partial<Record<A, unknown>> = Partial<Record<A, unknown>>,
> {
  readonly def: WorkflowDef<S, A>;
  /** Load the domain row the case is about, in the step's transaction. */
  subject(manager: EntityManager, kase: WorkflowCase): Promise<Sub>;
  /** Step deadlines in working days by key, when the case type keeps them in its own rules. */
  deadlines?(manager: EntityManager, subject: Sub): Promise<Readonly<Record<string, number>>>;
  /** Checks before any step of this type (before the action's own `before`), e.g. a notice still running. */
  before?(step: StepContext<S, Sub>): Promise<StepOutcome | void>;
  /** Effects after any step of this type (before the action's own `after`). */
  after?(step: StepContext<S, Sub>): Promise<void>;
  /** Each action's own work. */
  readonly steps?: { readonly [K in A]?: StepWork<S, Sub, K extends keyof P ? P[K] : undefined> };
  /** The message to the applicant about a step, unless the action has its own. */
  notice(step: StepContext<S, Sub>): CaseNotice;
}

/** Any registered process (the registry does not know the domain types). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCaseProcess = CaseProcess<any, any, any, any>;

/** The form an action of a process records (undefined when it records none). */
export type PayloadOf<Proc extends AnyCaseProcess, K> = K extends keyof NonNullable<Proc['steps']>
  ? // eslint-disable-next-line @typescript-eslint/no-explicit-any
    NonNullable<NonNullable<Proc['steps']>[K]> extends StepWork<any, any, infer P>
    ? P
    : undefined
  : undefined;

/** The actions of a process whose step records a form. */
export type FormAction<Proc extends AnyCaseProcess> = {
  [K in keyof NonNullable<Proc['steps']>]-?: PayloadOf<Proc, K> extends undefined ? never : K;
}[keyof NonNullable<Proc['steps']>] &
  string;

/** Problems with a process against its table: steps for actions the table does not have. */
export function processProblems(process: AnyCaseProcess): string[] {
  const def = process.def as WorkflowDef<string, string>;
  return Object.keys(process.steps ?? {})
    .filter((action) => !Object.prototype.hasOwnProperty.call(def.transitions, action))
    .map((action) => `${def.caseType}: the process has work for “${action}”, which the table does not define`);
}

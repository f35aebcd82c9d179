import type { OrganizationLevel } from '../organizations';
import type { Permission } from '../permissions';

/** Who performs a transition: the person the case is about, or staff of the union tree. */
export type TransitionActor = 'applicant' | 'staff';

/** How a state is coloured wherever it is shown (the state tag). */
export type StateTone = 'primary' | 'success' | 'danger' | 'warning' | 'default';

/** How an action's button looks: an ordinary step, or one that refuses, withdraws or ends a case. */
export type ActionTone = 'default' | 'danger';

/** One named transition of a case type. */
export interface TransitionDef<S extends string> {
  /** States the action may be taken from. */
  from: readonly S[];
  /** State the case moves to (may equal a `from` state, e.g. a transfer between unions). */
  to: S;
  /** Button text in Chinese. */
  label: string;
  actor: TransitionActor;
  /** Permission the staff actor needs (staff transitions only). */
  permission?: Permission;
  /**
   * Levels of the tree whose staff may act; omitted means any level within scope from the county
   * down (the province's and the cities' staff oversee: they see and count, they take no steps).
   */
  levels?: readonly OrganizationLevel[];
  /** A comment (reason) is required, e.g. for rejections. */
  requiresComment?: boolean;
  /** A target organisation is required, e.g. for transfers between unions. */
  requiresTargetOrganization?: boolean;
  /** Shown before acting; empty when the action needs no confirmation. */
  confirm?: string;
  /**
   * The button's look; omitted means an ordinary step. `danger` for steps that refuse, withdraw or
   * end a case, so every client draws them alike without a list of its own.
   */
  tone?: ActionTone;
  /**
   * The step records a form (e.g. a home visit) through its own endpoint; the plain transition
   * endpoint refuses it. The client opens the form named here instead of a button.
   */
  form?: string;
}

/** One state of a case type. */
/**
 * What a state allows beside its transitions: work on the case that is not a step of the table but
 * is only open in some states (the servers refuse it elsewhere; the clients show it only there).
 */
export type StateAllowance =
  | 'objections'
  | 'edits'
  | 'registration'
  | 'check_in'
  | 'scoring'
  | 'judge_changes'
  | 'opinions'
  | 'rating'
  /** Computed results: the organisers read them (a competition from checking on). */
  | 'results'
  /** The results are public: everyone reads them (on notice and published). */
  | 'public_results';

export interface StateDef {
  /** Chinese name shown to people. */
  label: string;
  /** Colour of the state's tag. */
  tone: StateTone;
  /** No transition leaves a terminal state. */
  terminal?: boolean;
  /** Who holds the case in this state (whose move it is). */
  holder: 'applicant' | 'staff' | 'none';
  /** Config key of this step's deadline in working days, when the step has one. */
  deadline?: string;
  /** What happens next, in plain words, for the applicant. */
  nextStep: string;
  /** What the staff who hold the case do in this state, in plain words (every state staff hold has one). */
  staffStep?: string;
  /** What the state allows beside its transitions (objections on a notice, scoring while running…). */
  allows?: readonly StateAllowance[];
}

/** A case type's whole workflow: states and named transitions. */
export interface WorkflowDef<S extends string, A extends string> {
  caseType: string;
  /** The case type's name for people (queues, messages, search). */
  label: string;
  /** The domain table whose row the case is about (workflow_cases.subject_type). */
  subjectType: string;
  /**
   * Pages that show one case, with `{id}` for the subject's id: the applicant's page and the
   * staff's page (null when that side has no page of its own).
   */
  routes: { applicant: string | null; staff: string | null };
  initial: S;
  states: Record<S, StateDef>;
  transitions: Record<A, TransitionDef<S>>;
  /**
   * Cases of this type are assigned to one staff member (a lawyer): staff in scope see a case only
   * when it is assigned to them or they hold the supervisor permission (the centre's staff). Only
   * staff holding `assignee` whose organisation contains the case's may be given a case.
   */
  assignment?: { supervisor: Permission; assignee: Permission };
  /** Staff in scope see cases of this type (and their files) only with this permission, e.g. petitions. */
  visibleWith?: Permission;
  /** Further permissions whose holders in scope see (not act on) cases of this type: the line of work they belong to. */
  seenWith?: readonly Permission[];
  /**
   * The applicant of this case type is the staff member who opened it (a competition's organiser),
   * so the rule that nobody handles their own case as staff does not apply.
   */
  openedByStaff?: boolean;
  /**
   * Cases of this type have no page of their own: they are shown and handled on the page of the
   * case they belong to (an objection on the page of the case whose notice it is about).
   */
  partOf?: 'notice';
}

/**
 * The permissions that make staff in scope handlers of a case type (its function): the
 * `visibleWith` permission when the type has one, else any permission of its staff steps or its
 * assignment supervisor. A lawyer holds no hardship permission, so hardship cases are not theirs.
 */
export function handlerPermissions<S extends string, A extends string>(def: WorkflowDef<S, A>): Permission[] {
  if (def.visibleWith) return [def.visibleWith];
  const set = new Set<Permission>();
  for (const t of Object.values(def.transitions) as TransitionDef<S>[]) if (t.actor === 'staff' && t.permission) set.add(t.permission);
  if (def.assignment) set.add(def.assignment.supervisor);
  for (const p of def.seenWith ?? []) set.add(p);
  return [...set];
}

/** True when `permissions` include one that makes their holder a handler of this case type. */
export function handlesCaseType<S extends string, A extends string>(def: WorkflowDef<S, A>, permissions: readonly Permission[]): boolean {
  return handlerPermissions(def).some((p) => permissions.includes(p));
}

/** What is known of the acting user when asking what they may do. */
export interface ActorContext {
  /** The actor is the applicant of this case. */
  isApplicant: boolean;
  /** The actor's permissions. */
  permissions: readonly Permission[];
  /** The actor's organisation level when they are staff and the case is in their scope. */
  staffLevel?: OrganizationLevel;
}

/** Levels above the counties: their staff see and count the cases below them, and act on none. */
export const OVERSIGHT_LEVELS: readonly OrganizationLevel[] = ['province', 'city'];

/** Actions the actor may take on a case in `state`. */
export function availableActions<S extends string, A extends string>(def: WorkflowDef<S, A>, state: S, actor: ActorContext): A[] {
  const result: A[] = [];
  for (const [action, t] of Object.entries(def.transitions) as [A, TransitionDef<S>][]) {
    if (!t.from.includes(state)) continue;
    if (t.actor === 'applicant') {
      if (actor.isApplicant) result.push(action);
      continue;
    }
    if (!actor.staffLevel) continue;
    if (t.permission && !actor.permissions.includes(t.permission)) continue;
    if (t.levels ? !t.levels.includes(actor.staffLevel) : OVERSIGHT_LEVELS.includes(actor.staffLevel)) continue;
    result.push(action);
  }
  return result;
}

/** The state `action` leads to from `state`, or null when the table does not allow it. */
export function nextState<S extends string, A extends string>(def: WorkflowDef<S, A>, state: S, action: string): S | null {
  if (!Object.prototype.hasOwnProperty.call(def.transitions, action)) return null;
  const t = def.transitions[action as A];
  return t.from.includes(state) ? t.to : null;
}

/** True when `action` is a named transition of `def`. */
export function isAction<S extends string, A extends string>(def: WorkflowDef<S, A>, action: string): action is A {
  return Object.prototype.hasOwnProperty.call(def.transitions, action);
}

/**
 * Problems with a workflow graph: unknown states, unreachable states, exits from terminal
 * states, non-terminal dead ends, staff steps without a permission. Empty when sound.
 */
export function validateWorkflow<S extends string, A extends string>(def: WorkflowDef<S, A>): string[] {
  const problems: string[] = [];
  if (!def.label.trim()) problems.push(`${def.caseType}: has no label`);
  if (!/^[a-z][a-z0-9_]*$/.test(def.subjectType)) problems.push(`${def.caseType}: subject type ${def.subjectType} is not a table name`);
  if (!def.routes.applicant && !def.routes.staff && !def.partOf) problems.push(`${def.caseType}: has no page to show a case`);
  for (const [side, route] of Object.entries(def.routes)) {
    if (route && !route.includes('{id}')) problems.push(`${def.caseType}: ${side} route ${route} has no {id}`);
  }
  const states = new Set(Object.keys(def.states));
  if (!states.has(def.initial)) problems.push(`initial state ${def.initial} is not defined`);
  for (const [name, state] of Object.entries(def.states) as [string, StateDef][]) {
    if (state.holder === 'staff' && !state.staffStep?.trim())
      problems.push(`${name}: staff hold it but it says nothing of what they do (staffStep)`);
  }
  const exits = new Map<string, number>();
  for (const [action, t] of Object.entries(def.transitions) as [string, TransitionDef<S>][]) {
    if (!states.has(t.to)) problems.push(`${action}: target ${t.to} is not defined`);
    if (t.from.length === 0) problems.push(`${action}: has no source state`);
    for (const from of t.from) {
      if (!states.has(from)) problems.push(`${action}: source ${from} is not defined`);
      else if (def.states[from].terminal) problems.push(`${action}: leaves terminal state ${from}`);
      exits.set(from, (exits.get(from) ?? 0) + 1);
    }
    if (t.actor === 'staff' && !t.permission) problems.push(`${action}: staff step without permission`);
  }
  const reached = new Set<string>([def.initial]);
  const queue: string[] = [def.initial];
  while (queue.length > 0) {
    const current = queue.shift() as string;
    for (const t of Object.values(def.transitions) as TransitionDef<S>[]) {
      if (t.from.includes(current as S) && !reached.has(t.to)) {
        reached.add(t.to);
        queue.push(t.to);
      }
    }
  }
  for (const [name, s] of Object.entries(def.states) as [string, StateDef][]) {
    if (!reached.has(name)) problems.push(`state ${name} is unreachable`);
    if (!s.terminal && !exits.get(name)) problems.push(`state ${name} is a dead end but not terminal`);
  }
  return problems;
}

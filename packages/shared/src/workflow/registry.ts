import { validateWorkflow, type StateAllowance, type StateDef, type WorkflowDef } from './engine';
import { ASSISTANCE_RECORD_WORKFLOW, GRANT_APPLICATION_WORKFLOW, HARDSHIP_APPLICATION_WORKFLOW, HARDSHIP_FILE_WORKFLOW } from './hardship';
import { CONSULTATION_WORKFLOW, LEGAL_AID_WORKFLOW, LEGAL_THREAD_WORKFLOW, PETITION_WORKFLOW } from './legal';
import { MEMBERSHIP_APPLICATION_WORKFLOW, MEMBERSHIP_TRANSFER_WORKFLOW, MEMBERSHIP_WORKFLOW } from './membership';
import { COMPETITION_OBJECTION_WORKFLOW, HARDSHIP_OBJECTION_WORKFLOW, NOMINATION_OBJECTION_WORKFLOW } from './notice';
import { COMPETITION_ENTRY_WORKFLOW, COMPETITION_WORKFLOW, NOMINATION_WORKFLOW, PROPOSAL_WORKFLOW } from './recognition';

/** Every case type's workflow, by case type. */
export const WORKFLOWS: Readonly<Record<string, WorkflowDef<string, string>>> = Object.fromEntries(
  [
    MEMBERSHIP_APPLICATION_WORKFLOW,
    MEMBERSHIP_TRANSFER_WORKFLOW,
    MEMBERSHIP_WORKFLOW,
    HARDSHIP_APPLICATION_WORKFLOW,
    HARDSHIP_FILE_WORKFLOW,
    ASSISTANCE_RECORD_WORKFLOW,
    GRANT_APPLICATION_WORKFLOW,
    CONSULTATION_WORKFLOW,
    LEGAL_AID_WORKFLOW,
    LEGAL_THREAD_WORKFLOW,
    PETITION_WORKFLOW,
    COMPETITION_WORKFLOW,
    COMPETITION_ENTRY_WORKFLOW,
    PROPOSAL_WORKFLOW,
    NOMINATION_WORKFLOW,
    HARDSHIP_OBJECTION_WORKFLOW,
    COMPETITION_OBJECTION_WORKFLOW,
    NOMINATION_OBJECTION_WORKFLOW,
  ].map((def) => [def.caseType, def as unknown as WorkflowDef<string, string>]),
);

/** Every case type a table defines. */
export const CASE_TYPES = [
  'membership_application',
  'membership_transfer',
  'membership',
  'hardship_application',
  'hardship_file',
  'assistance_record',
  'grant_application',
  'legal_consultation',
  'legal_aid_application',
  'legal_thread',
  'petition',
  'competition',
  'competition_entry',
  'proposal',
  'honour_nomination',
  'hardship_objection',
  'competition_objection',
  'nomination_objection',
] as const;
export type CaseType = (typeof CASE_TYPES)[number];

/** The workflow of a case type, or null for a type no table defines. */
export function workflowOf(caseType: string): WorkflowDef<string, string> | null {
  return Object.prototype.hasOwnProperty.call(WORKFLOWS, caseType) ? WORKFLOWS[caseType] : null;
}

/** A state of a case type as its table defines it, or null when unknown. */
export function stateOf(caseType: string, state: string): StateDef | null {
  const def = workflowOf(caseType);
  return def && Object.prototype.hasOwnProperty.call(def.states, state) ? def.states[state] : null;
}

/** True when a case of this type in this state is finished (no transition leaves it). */
export function isTerminalState(caseType: string, state: string): boolean {
  return !!stateOf(caseType, state)?.terminal;
}

/** True when a case of this type in this state allows this work beside its transitions (see {@link StateAllowance}). */
export function stateAllows(caseType: string, state: string, what: StateAllowance): boolean {
  return !!stateOf(caseType, state)?.allows?.includes(what);
}

/** The states of a case type that allow this work (for a query: `state IN (...)`). */
export function statesAllowing(caseType: string, what: StateAllowance): string[] {
  const def = workflowOf(caseType);
  return def ? Object.keys(def.states).filter((s) => def.states[s].allows?.includes(what)) : [];
}

/** The page that shows one case to the applicant or to staff, or null when that side has none. */
export function caseRoute(caseType: string, side: 'applicant' | 'staff', subjectId: number): string | null {
  const route = workflowOf(caseType)?.routes[side];
  return route ? route.replace('{id}', String(subjectId)) : null;
}

/** Problems with every table at once, each prefixed by its case type; empty when all are sound. */
export function validateAllWorkflows(): string[] {
  const problems = Object.values(WORKFLOWS).flatMap((def) => validateWorkflow(def).map((p) => `${def.caseType}: ${p}`));
  // A table's row is the subject of one case (the objections' table serves three types, a row each).
  const subjects = Object.values(WORKFLOWS)
    .filter((d) => !d.partOf)
    .map((d) => d.subjectType);
  for (const s of subjects.filter((s, i) => subjects.indexOf(s) !== i)) problems.push(`subject type ${s} is used by two case types`);
  return problems;
}

import type { WorkflowDef } from './engine';
import { ASSISTANCE_RECORD_WORKFLOW, GRANT_APPLICATION_WORKFLOW, HARDSHIP_APPLICATION_WORKFLOW } from './hardship';
import { CONSULTATION_WORKFLOW, LEGAL_AID_WORKFLOW, LEGAL_THREAD_WORKFLOW, PETITION_WORKFLOW } from './legal';
import { MEMBERSHIP_APPLICATION_WORKFLOW, MEMBERSHIP_TRANSFER_WORKFLOW } from './membership';

/** Every case type's workflow, by case type. */
export const WORKFLOWS: Readonly<Record<string, WorkflowDef<string, string>>> = Object.fromEntries(
  [
    MEMBERSHIP_APPLICATION_WORKFLOW,
    MEMBERSHIP_TRANSFER_WORKFLOW,
    HARDSHIP_APPLICATION_WORKFLOW,
    ASSISTANCE_RECORD_WORKFLOW,
    GRANT_APPLICATION_WORKFLOW,
    CONSULTATION_WORKFLOW,
    LEGAL_AID_WORKFLOW,
    LEGAL_THREAD_WORKFLOW,
    PETITION_WORKFLOW,
  ].map((def) => [def.caseType, def as unknown as WorkflowDef<string, string>]),
);

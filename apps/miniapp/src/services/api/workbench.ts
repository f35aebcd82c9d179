import type { Page, WorkbenchAssignments, WorkbenchItem, WorkbenchStepSummary } from '@union/shared';
import { http } from '../request';

/** One step of the queue (`caseType` + `state`); none: every case. */
export interface QueueFilter {
  caseType: string;
  state: string;
}

export const workbenchApi = {
  queue: (after?: string | null, limit = 20, filter?: QueueFilter | null) =>
    http.get<Page<WorkbenchItem>>('/workbench/queue', {
      after: after ?? undefined,
      limit,
      caseType: filter?.caseType,
      state: filter?.state,
    }),
  /** One row per step with cases waiting: count and how many are overdue. */
  summary: () => http.get<WorkbenchStepSummary[]>('/workbench/summary'),
  /** What waits for a judge or an expert personally: entries to score, proposals to review. */
  assignments: () => http.get<WorkbenchAssignments>('/workbench/assignments'),
};

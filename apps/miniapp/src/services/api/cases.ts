import type { CaseView, TransitionRequest } from '@union/shared';
import { http } from '../request';

/** Any case by its id (`caseId` on every case view): its state, history and actions, and its plain steps. */
export const casesApi = {
  get: (caseId: number) => http.get<CaseView>(`/cases/${caseId}`),
  /** A step without a form; steps with a form go through the record's own endpoint. */
  transition: (caseId: number, body: TransitionRequest) => http.post<CaseView>(`/cases/${caseId}/transitions`, body),
};

import type { CaseSearchPage, CaseSearchQuery, CaseView, TransitionRequest } from '@union/shared';
import { http } from '../request';

/** Any case by its id (`caseId` on every case view): its state, history and actions, and its plain steps. */
export const casesApi = {
  get: (caseId: number) => http.get<CaseView>(`/cases/${caseId}`),
  /** A step without a form; steps with a form go through the record's own endpoint. */
  transition: (caseId: number, body: TransitionRequest) => http.post<CaseView>(`/cases/${caseId}/transitions`, body),
  /** The staff's search over every case they handle (a body, so an ID number never sits in a URL). */
  search: (query: CaseSearchQuery) => http.post<CaseSearchPage>('/cases/search', query),
};

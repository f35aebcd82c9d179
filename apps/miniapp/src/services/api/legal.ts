import type {
  RevealResponse,
  AcceptLegalAidRequest,
  AvailabilityExceptionView,
  AvailabilityRuleView,
  BookConsultationRequest,
  CloseLegalAidRequest,
  ConsultationAdviceRequest,
  ConsultationView,
  CreateLegalAidApplicationRequest,
  CreateLegalAidRuleSetRequest,
  CreateLegalThreadRequest,
  CreatePetitionRequest,
  DisputeType,
  EvidenceChecklistItem,
  LawyerView,
  LegalAidApplicationView,
  LegalAidDatesRequest,
  LegalAidEligibility,
  LegalAidEligibilityRequest,
  LegalAidRuleSetView,
  LegalAidStageRequest,
  LegalAidSummary,
  LegalStatistics,
  LegalThreadSummary,
  LegalThreadView,
  Page,
  PetitionMeetingRequest,
  PetitionView,
  PostThreadMessageRequest,
  RejectLegalAidRequest,
  RescheduleConsultationRequest,
  ResolvePetitionRequest,
  SetAvailabilityRequest,
  SlotDayView,
} from '@union/shared';
import { countyField } from '../county';
import { http } from '../request';

/** Consultations with the centre's lawyers: free slots, bookings, advice. */
export const consultationsApi = {
  slots: (query: { from?: string; days?: number; channel?: string } = {}) =>
    http.get<SlotDayView[]>('/legal/slots', { ...query, ...countyField() }),
  book: (body: BookConsultationRequest) => http.post<ConsultationView>('/legal/consultations', body),
  /** The worker's own consultations, newest first, a page at a time. */
  mine: (after?: string | null, limit?: number) =>
    http.get<Page<ConsultationView>>('/legal/consultations/mine', { after: after ?? undefined, limit }),
  get: (id: number) => http.get<ConsultationView>(`/legal/consultations/${id}`),
  reschedule: (id: number, body: RescheduleConsultationRequest) =>
    http.post<ConsultationView>(`/legal/consultations/${id}/reschedule`, body),
  advice: (id: number, body: ConsultationAdviceRequest) => http.post<ConsultationView>(`/legal/consultations/${id}/advice`, body),
  revealPhone: (id: number, reason: string) => http.post<RevealResponse>(`/legal/consultations/${id}/reveal-phone`, { reason }),
  rate: (id: number, rating: number, comment?: string) =>
    http.post<ConsultationView>(`/legal/consultations/${id}/rating`, { rating, comment }),
  /** A lawyer's day (the centre's staff see everyone's). */
  day: (date: string, after?: string | null) =>
    http.get<Page<ConsultationView>>('/legal/consultations/day', { date, after: after ?? undefined, limit: 30 }),
};

/** Lawyers' weekly patterns and days away. */
export const scheduleApi = {
  lawyers: () => http.get<LawyerView[]>('/legal/lawyers'),
  setAvailability: (lawyerId: number, body: SetAvailabilityRequest) =>
    http.put<AvailabilityRuleView[]>(`/legal/lawyers/${lawyerId}/availability`, body),
  addException: (lawyerId: number, date: string, note: string) =>
    http.post<AvailabilityExceptionView>(`/legal/lawyers/${lawyerId}/exceptions`, { date, note }),
  removeException: (lawyerId: number, id: number) => http.delete<void>(`/legal/lawyers/${lawyerId}/exceptions/${id}`),
};

/** Online consultation threads. */
export const threadsApi = {
  create: (body: CreateLegalThreadRequest) => http.post<LegalThreadView>('/legal/threads', { ...body, ...countyField() }),
  /** The worker's own threads, latest message first, a page at a time. */
  mine: (after?: string | null, limit?: number) =>
    http.get<Page<LegalThreadSummary>>('/legal/threads/mine', { after: after ?? undefined, limit }),
  list: (waiting: boolean, after?: string | null) =>
    http.get<Page<LegalThreadSummary>>('/legal/threads', { waiting: waiting ? 'true' : undefined, after: after ?? undefined, limit: 30 }),
  get: (id: number) => http.get<LegalThreadView>(`/legal/threads/${id}`),
  post: (id: number, body: PostThreadMessageRequest) => http.post<LegalThreadView>(`/legal/threads/${id}/messages`, body),
};

/** Legal aid: the check, the application, the centre's decision and the lawyer's handling. */
export const legalAidApi = {
  rules: () => http.get<LegalAidRuleSetView>('/legal/rule-sets/current', countyField()),
  createRules: (body: CreateLegalAidRuleSetRequest) => http.post<LegalAidRuleSetView>('/legal/rule-sets', body),
  checklist: (disputeType: DisputeType) => http.get<EvidenceChecklistItem[]>('/legal/evidence-checklist', { disputeType }),
  eligibility: (body: LegalAidEligibilityRequest) =>
    http.post<LegalAidEligibility & { ruleSetVersion: number }>('/legal/eligibility', { ...body, ...countyField() }),
  apply: (body: CreateLegalAidApplicationRequest) =>
    http.post<LegalAidApplicationView>('/legal/aid-applications', { ...body, ...countyField() }),
  /** The worker's own applications, newest first, a page at a time. */
  mine: (after?: string | null, limit?: number) =>
    http.get<Page<LegalAidApplicationView>>('/legal/aid-applications/mine', { after: after ?? undefined, limit }),
  get: (id: number) => http.get<LegalAidApplicationView>(`/legal/aid-applications/${id}`),
  list: (query: { clockWithinDays?: number; state?: string; after?: string | null } = {}) =>
    http.get<Page<LegalAidSummary>>('/legal/aid-applications', { ...query, after: query.after ?? undefined, limit: 30 }),
  withdraw: (id: number, version: number) => http.post<LegalAidApplicationView>(`/legal/aid-applications/${id}/withdraw`, { version }),
  accept: (id: number, body: AcceptLegalAidRequest) => http.post<LegalAidApplicationView>(`/legal/aid-applications/${id}/accept`, body),
  reject: (id: number, body: RejectLegalAidRequest) => http.post<LegalAidApplicationView>(`/legal/aid-applications/${id}/reject`, body),
  stage: (id: number, body: LegalAidStageRequest) => http.post<LegalAidApplicationView>(`/legal/aid-applications/${id}/stage`, body),
  dates: (id: number, body: LegalAidDatesRequest) => http.patch<LegalAidApplicationView>(`/legal/aid-applications/${id}/dates`, body),
  close: (id: number, body: CloseLegalAidRequest) => http.post<LegalAidApplicationView>(`/legal/aid-applications/${id}/close`, body),
  revealPhone: (id: number, reason: string) => http.post<RevealResponse>(`/legal/aid-applications/${id}/reveal-phone`, { reason }),
  statistics: (query: { from?: string; to?: string } = {}) => http.get<LegalStatistics>('/legal/statistics', query),
};

/** Petitions and disputes brought to the union. */
export const petitionsApi = {
  create: (body: CreatePetitionRequest) => http.post<PetitionView>('/legal/petitions', body),
  list: (after?: string | null) => http.get<Page<PetitionView>>('/legal/petitions', { after: after ?? undefined, limit: 30 }),
  get: (id: number) => http.get<PetitionView>(`/legal/petitions/${id}`),
  meeting: (id: number, body: PetitionMeetingRequest) => http.post<PetitionView>(`/legal/petitions/${id}/meetings`, body),
  resolve: (id: number, body: ResolvePetitionRequest) => http.post<PetitionView>(`/legal/petitions/${id}/resolve`, body),
};

import type {
  Page,
  CompetitionObjectionView,
  CompetitionResultsView,
  CompetitionStatistics,
  CompetitionView,
  CreateCompetitionRequest,
  CreateProposalRequest,
  EntryView,
  JudgingEntryView,
  ProposalGrade,
  ProposalStatistics,
  ProposalView,
  RegisterEntryRequest,
} from '@union/shared';
import { http } from '../request';

/** Competitions: browse, register, follow, results; the organiser's and judges' steps. */
export const competitionsApi = {
  list: (filter: 'open' | 'mine' | 'all' | 'published' | 'judging', after?: string | null) =>
    http.get<Page<CompetitionView>>('/competitions', { filter, after: after ?? undefined }),
  get: (id: number) => http.get<CompetitionView>(`/competitions/${id}`),
  create: (body: CreateCompetitionRequest) => http.post<CompetitionView>('/competitions', body),
  /** Change a draft (events replaced whole). */
  update: (id: number, body: CreateCompetitionRequest & { version: number }) => http.put<CompetitionView>(`/competitions/${id}`, body),
  judges: () => http.get<{ userId: number; name: string }[]>('/competitions/judges'),
  setJudges: (id: number, eventId: number, judgeUserIds: number[]) =>
    http.put<CompetitionView>(`/competitions/${id}/events/${eventId}/judges`, { judgeUserIds }),
  register: (id: number, body: RegisterEntryRequest) => http.post<EntryView>(`/competitions/${id}/entries`, body),
  /** The member's own entries (of one competition, with `competitionId`), newest first, a page at a time. */
  myEntries: (query: { competitionId?: number; after?: string | null; limit?: number } = {}) =>
    http.get<Page<EntryView>>('/competitions/entries/mine', {
      competitionId: query.competitionId,
      after: query.after ?? undefined,
      limit: query.limit,
    }),
  entry: (entryId: number) => http.get<EntryView>(`/competitions/entries/${entryId}`),
  /** The certificate as a PNG data URL (for <Image> and saving). */
  certificate: (entryId: number) => http.get<{ dataUrl: string }>(`/competitions/entries/${entryId}/certificate-image`),
  withdraw: (entryId: number) => http.post<EntryView>(`/competitions/entries/${entryId}/withdraw`),
  /** The organiser's list of entries, a page at a time (one event's with `eventId`). */
  entries: (id: number, query: { eventId?: number; after?: string | null; limit?: number } = {}) =>
    http.get<Page<EntryView>>(`/competitions/${id}/entries`, {
      eventId: query.eventId,
      after: query.after ?? undefined,
      limit: query.limit ?? 50,
    }),
  checkIn: (id: number, code: string) => http.post<EntryView>(`/competitions/${id}/check-in`, { code }),
  sheet: (id: number, eventId: number) => http.get<JudgingEntryView[]>(`/competitions/${id}/events/${eventId}/judging`),
  score: (id: number, eventId: number, entryId: number, points: number, reason?: string) =>
    http.post<JudgingEntryView[]>(`/competitions/${id}/events/${eventId}/scores`, { entryId, points, reason }),
  conflict: (id: number, eventId: number, entryId: number, note: string) =>
    http.post<JudgingEntryView[]>(`/competitions/${id}/events/${eventId}/conflicts`, { entryId, note }),
  directResult: (id: number, eventId: number, entryId: number, value: number, reason?: string) =>
    http.post<{ entryId: number; value: number }>(`/competitions/${id}/events/${eventId}/results`, { entryId, value, reason }),
  statistics: (query: { from: string; to: string }) => http.get<CompetitionStatistics>('/competitions/statistics', query),
  results: (id: number) => http.get<CompetitionResultsView>(`/competitions/${id}/results`),
  object: (id: number, content: string, entryId?: number) =>
    http.post<{ id: number }>(`/competitions/${id}/objections`, { content, entryId }),
  objections: (id: number) => http.get<CompetitionObjectionView[]>(`/competitions/${id}/objections`),
  resolveObjection: (id: number, objectionId: number, resolution: string) =>
    http.post<CompetitionObjectionView[]>(`/competitions/${id}/objections/${objectionId}/resolve`, { resolution }),
  revoke: (entryId: number, reason: string) => http.post<CompetitionResultsView>(`/competitions/entries/${entryId}/revoke`, { reason }),
};

/** Rationalisation proposals. */
export const proposalsApi = {
  submit: (body: CreateProposalRequest) => http.post<ProposalView>('/proposals', body),
  /** The member's own proposals, newest first, a page at a time. */
  mine: (after?: string | null, limit?: number) => http.get<Page<ProposalView>>('/proposals/mine', { after: after ?? undefined, limit }),
  list: (after?: string | null, state?: string) => http.get<Page<ProposalView>>('/proposals', { state, after: after ?? undefined }),
  statistics: (query: { from: string; to: string }) => http.get<ProposalStatistics>('/proposals/statistics', query),
  experts: () => http.get<{ userId: number; name: string }[]>('/proposals/experts'),
  get: (id: number) => http.get<ProposalView>(`/proposals/${id}`),
  register: (id: number, version: number, expertUserIds: number[]) =>
    http.post<ProposalView>(`/proposals/${id}/register`, { version, expertUserIds }),
  opinion: (id: number, recommend: 'adopt' | 'reject', opinion: string) =>
    http.post<ProposalView>(`/proposals/${id}/opinions`, { recommend, opinion }),
  decide: (id: number, version: number, adopt: boolean, reason?: string) =>
    http.post<ProposalView>(`/proposals/${id}/decide`, { version, adopt, reason }),
  implement: (id: number, version: number, implementedOn: string, note: string) =>
    http.post<ProposalView>(`/proposals/${id}/implement`, { version, implementedOn, note }),
  evaluate: (id: number, version: number, benefitFen: number, grade: ProposalGrade) =>
    http.post<ProposalView>(`/proposals/${id}/evaluate`, { version, benefitFen, grade }),
};

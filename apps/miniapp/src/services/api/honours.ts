import type {
  Page,
  RevealResponse,
  CreateNominationRequest,
  HonourKindView,
  HonourRollLine,
  HonourStatistics,
  ModelWorkerRecordRequest,
  ModelWorkerView,
  NominationNoticeView,
  NominationView,
} from '@union/shared';
import { http } from '../request';

/** Honours: nominations, the honour roll and the model-worker registry. */
export const honoursApi = {
  kinds: () => http.get<HonourKindView[]>('/honours/kinds'),
  roll: (after?: string | null) => http.get<Page<HonourRollLine>>('/honours/roll', { after: after ?? undefined }),
  notices: (after?: string | null) => http.get<Page<NominationNoticeView>>('/honours/notices', { after: after ?? undefined }),
  object: (id: number, content: string) => http.post<{ id: number }>(`/honours/nominations/${id}/objections`, { content }),
  addModelWorker: (body: { name: string; employerName: string; title: string; awardedYear: number }) =>
    http.post<ModelWorkerView>('/honours/model-workers', body),
  nominate: (body: CreateNominationRequest) => http.post<NominationView>('/honours/nominations', body),
  list: (after?: string | null) => http.get<Page<NominationView>>('/honours/nominations', { after: after ?? undefined }),
  get: (id: number) => http.get<NominationView>(`/honours/nominations/${id}`),
  resolveObjection: (id: number, objectionId: number, resolution: string) =>
    http.post<NominationView>(`/honours/nominations/${id}/objections/${objectionId}/resolve`, { resolution }),
  statistics: (query: { from: string; to: string }) => http.get<HonourStatistics>('/honours/statistics', query),
  modelWorkers: (after?: string | null) => http.get<Page<ModelWorkerView>>('/honours/model-workers', { after: after ?? undefined }),
  addRecord: (id: number, body: ModelWorkerRecordRequest) => http.post<ModelWorkerView>(`/honours/model-workers/${id}/records`, body),
  revealRecord: (recordId: number, reason: string) =>
    http.post<RevealResponse>(`/honours/model-workers/records/${recordId}/reveal`, { reason }),
};

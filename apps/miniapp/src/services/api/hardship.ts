import type {
  ActionView,
  AssistanceRecordAction,
  AssistanceRecordView,
  CreateAssistanceRecordRequest,
  CreateHardshipApplicationRequest,
  CreateObjectionRequest,
  DemocraticReviewRequest,
  FileHouseholdRequest,
  HardshipApplicationAction,
  HardshipApplicationSummary,
  HardshipApplicationView,
  HardshipDraft,
  HardshipFileSummary,
  HardshipFileView,
  HardshipRevealRequest,
  HardshipRuleSetView,
  HardshipSelfTestRequest,
  HardshipSelfTestResult,
  HomeVisitRequest,
  Page,
  PayAssistanceRequest,
  PublicNoticeView,
  ResolveObjectionRequest,
  ResubmitHardshipRequest,
  ReturnForMaterialRequest,
  RevealResponse,
  SignedFormRequest,
  TransitionRequest,
} from '@union/shared';
import { http } from '../request';

/** Hardship assistance (困难帮扶): rules and self-test, drafts, applications and their steps. */
export const hardshipApi = {
  currentRules: () => http.get<HardshipRuleSetView>('/hardship/rule-sets/current', undefined, false),
  selfTest: (body: HardshipSelfTestRequest) => http.post<HardshipSelfTestResult>('/hardship/self-test', body, false),

  /** The server's copy of the unfinished application, or null. */
  getDraft: async (): Promise<HardshipDraft | null> => {
    const draft = await http.get<HardshipDraft | null | ''>('/hardship/draft');
    return draft && typeof draft === 'object' ? draft : null;
  },
  saveDraft: (draft: HardshipDraft) => http.put<HardshipDraft>('/hardship/draft', draft),
  deleteDraft: () => http.delete<void>('/hardship/draft'),

  submit: (body: CreateHardshipApplicationRequest) => http.post<HardshipApplicationView>('/hardship/applications', body),
  mine: () => http.get<HardshipApplicationSummary[]>('/hardship/applications/mine'),
  get: (id: number) => http.get<HardshipApplicationView>(`/hardship/applications/${id}`),
  actions: (id: number) => http.get<ActionView<HardshipApplicationAction>[]>(`/hardship/applications/${id}/actions`),
  transition: (id: number, body: TransitionRequest<HardshipApplicationAction>) =>
    http.post<HardshipApplicationView>(`/hardship/applications/${id}/transitions`, body),

  returnForMaterial: (id: number, body: ReturnForMaterialRequest) =>
    http.post<HardshipApplicationView>(`/hardship/applications/${id}/return`, body),
  resubmit: (id: number, body: ResubmitHardshipRequest) =>
    http.post<HardshipApplicationView>(`/hardship/applications/${id}/resubmit`, body),
  homeVisit: (id: number, body: HomeVisitRequest) => http.post<HardshipApplicationView>(`/hardship/applications/${id}/home-visit`, body),
  democraticReview: (id: number, body: DemocraticReviewRequest) =>
    http.post<HardshipApplicationView>(`/hardship/applications/${id}/democratic-review`, body),
  fileHousehold: (id: number, body: FileHouseholdRequest) => http.post<HardshipApplicationView>(`/hardship/applications/${id}/file`, body),

  addObjection: (noticeId: number, body: CreateObjectionRequest) =>
    http.post<PublicNoticeView>(`/hardship/notices/${noticeId}/objections`, body),
  resolveObjection: (objectionId: number, body: ResolveObjectionRequest) =>
    http.post<PublicNoticeView>(`/hardship/objections/${objectionId}/resolve`, body),

  /** Audited: the server records who saw what and why. */
  reveal: (body: HardshipRevealRequest) => http.post<RevealResponse>('/hardship/reveal', body),
};

/** Filed households (困难档案) and the aid paid to them. */
export const hardshipFilesApi = {
  mine: () => http.get<HardshipFileView[]>('/hardship/files/mine'),
  get: (id: number) => http.get<HardshipFileView>(`/hardship/files/${id}`),
  list: (after?: string | null, limit = 20) => http.get<Page<HardshipFileSummary>>('/hardship/files', { after: after ?? undefined, limit }),
  createAid: (fileId: number, body: CreateAssistanceRecordRequest) =>
    http.post<AssistanceRecordView>(`/hardship/files/${fileId}/aid`, body),
  aidActions: (id: number) => http.get<ActionView<AssistanceRecordAction>[]>(`/hardship/aid/${id}/actions`),
  aidTransition: (id: number, body: TransitionRequest<AssistanceRecordAction>) =>
    http.post<AssistanceRecordView>(`/hardship/aid/${id}/transitions`, body),
  pay: (id: number, body: PayAssistanceRequest) => http.post<AssistanceRecordView>(`/hardship/aid/${id}/pay`, body),
  signedForm: (id: number, body: SignedFormRequest) => http.post<AssistanceRecordView>(`/hardship/aid/${id}/signed-form`, body),

  /** One assistance record (the workbench gives only its id; the page then loads its file). */
  aid: (id: number) => http.get<AssistanceRecordView>(`/hardship/aid/${id}`),
};

import type {
  CampaignView,
  CreateCampaignRequest,
  CreateGrantApplicationRequest,
  CreateProxyHardshipApplicationRequest,
  GrantApplicationView,
  HardshipFileStatus,
  PublicNoticeSummary,
  RecheckFileRequest,
  SelectHouseholdsRequest,
  AssistanceRecordView,
  CreateAssistanceRecordRequest,
  CreateHardshipApplicationRequest,
  CreateHardshipRuleSetRequest,
  HardshipStatistics,
  CreateObjectionRequest,
  DemocraticReviewRequest,
  FileHouseholdRequest,
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
} from '@union/shared';
import { countyField, withCounty } from '../county';
import { http } from '../request';

/** Hardship assistance (困难帮扶): rules and self-test, drafts, applications and their steps. */
export const hardshipApi = {
  /** All versions of the county's rules, newest first (county cadres). */
  ruleSets: () => http.get<HardshipRuleSetView[]>('/hardship/rule-sets'),
  createRuleSet: (body: CreateHardshipRuleSetRequest) => http.post<HardshipRuleSetView>('/hardship/rule-sets', body),
  statistics: (query: { from: string; to: string }) => http.get<HardshipStatistics>('/hardship/statistics', query),
  currentRules: () => http.get<HardshipRuleSetView>('/hardship/rule-sets/current', countyField(), false),
  selfTest: (body: HardshipSelfTestRequest) => http.post<HardshipSelfTestResult>(withCounty('/hardship/self-test'), body, false),

  /** The server's copy of the unfinished application, or null. */
  getDraft: async (): Promise<HardshipDraft | null> => {
    const draft = await http.get<HardshipDraft | null | ''>('/hardship/draft');
    return draft && typeof draft === 'object' ? draft : null;
  },
  saveDraft: (draft: HardshipDraft) => http.put<HardshipDraft>('/hardship/draft', draft),
  deleteDraft: () => http.delete<void>('/hardship/draft'),

  submit: (body: CreateHardshipApplicationRequest) => http.post<HardshipApplicationView>('/hardship/applications', body),
  /** A cadre files on a worker's behalf (代办). */
  submitByProxy: (body: CreateProxyHardshipApplicationRequest) => http.post<HardshipApplicationView>('/hardship/applications/proxy', body),
  /** The worker's own applications, newest first, a page at a time. */
  mine: (after?: string | null, limit?: number) =>
    http.get<Page<HardshipApplicationSummary>>('/hardship/applications/mine', { after: after ?? undefined, limit }),
  get: (id: number) => http.get<HardshipApplicationView>(`/hardship/applications/${id}`),

  returnForMaterial: (id: number, body: ReturnForMaterialRequest) =>
    http.post<HardshipApplicationView>(`/hardship/applications/${id}/return`, body),
  resubmit: (id: number, body: ResubmitHardshipRequest) =>
    http.post<HardshipApplicationView>(`/hardship/applications/${id}/resubmit`, body),
  homeVisit: (id: number, body: HomeVisitRequest) => http.post<HardshipApplicationView>(`/hardship/applications/${id}/home-visit`, body),
  democraticReview: (id: number, body: DemocraticReviewRequest) =>
    http.post<HardshipApplicationView>(`/hardship/applications/${id}/democratic-review`, body),
  fileHousehold: (id: number, body: FileHouseholdRequest) => http.post<HardshipApplicationView>(`/hardship/applications/${id}/file`, body),

  /** Running public notices (masked text), for anyone signed in. */
  notices: (after?: string | null, limit = 20) =>
    http.get<Page<PublicNoticeSummary>>('/hardship/notices', { after: after ?? undefined, limit }),
  addObjection: (noticeId: number, body: CreateObjectionRequest) =>
    http.post<PublicNoticeView>(`/hardship/notices/${noticeId}/objections`, body),
  resolveObjection: (objectionId: number, body: ResolveObjectionRequest) =>
    http.post<PublicNoticeView>(`/hardship/objections/${objectionId}/resolve`, body),

  /** Audited: the server records who saw what and why. */
  reveal: (body: HardshipRevealRequest) => http.post<RevealResponse>('/hardship/reveal', body),
};

/** Filed households (困难档案) and the aid paid to them. */
export const hardshipFilesApi = {
  /** The worker's own household files, newest first, a page at a time. */
  mine: (after?: string | null, limit?: number) =>
    http.get<Page<HardshipFileView>>('/hardship/files/mine', { after: after ?? undefined, limit }),
  get: (id: number) => http.get<HardshipFileView>(`/hardship/files/${id}`),
  list: (after?: string | null, limit = 20, status?: HardshipFileStatus) =>
    http.get<Page<HardshipFileSummary>>('/hardship/files', { after: after ?? undefined, limit, status }),
  /** Files whose yearly re-check is due (grassroots and town cadres). */
  recheckDue: (after?: string | null, limit = 20) =>
    http.get<Page<HardshipFileSummary>>('/hardship/files/recheck-due', { after: after ?? undefined, limit }),
  /** Closed files whose family is due the follow-up call. */
  followUpDue: (after?: string | null, limit = 20) =>
    http.get<Page<HardshipFileSummary>>('/hardship/files/follow-up-due', { after: after ?? undefined, limit }),
  recheck: (id: number, body: RecheckFileRequest) => http.post<HardshipFileView>(`/hardship/files/${id}/recheck`, body),
  createAid: (fileId: number, body: CreateAssistanceRecordRequest) =>
    http.post<AssistanceRecordView>(`/hardship/files/${fileId}/aid`, body),
  pay: (id: number, body: PayAssistanceRequest) => http.post<AssistanceRecordView>(`/hardship/aid/${id}/pay`, body),
  signedForm: (id: number, body: SignedFormRequest) => http.post<AssistanceRecordView>(`/hardship/aid/${id}/signed-form`, body),

  /** One assistance record (the workbench gives only its id; the page then loads its file). */
  aid: (id: number) => http.get<AssistanceRecordView>(`/hardship/aid/${id}`),
};

/** Campaigns (送温暖, 金秋助学) and the grants workers apply for. */
export const campaignsApi = {
  /** Campaigns, newest first, a page at a time. */
  list: (after?: string | null, limit?: number) =>
    http.get<Page<CampaignView>>('/hardship/campaigns', { after: after ?? undefined, limit }),
  get: (id: number) => http.get<CampaignView>(`/hardship/campaigns/${id}`),
  create: (body: CreateCampaignRequest) => http.post<CampaignView>('/hardship/campaigns', body),
  select: (id: number, body: SelectHouseholdsRequest) => http.post<CampaignView>(`/hardship/campaigns/${id}/select`, body),

  applyGrant: (campaignId: number, body: CreateGrantApplicationRequest) =>
    http.post<GrantApplicationView>(`/hardship/campaigns/${campaignId}/grants`, body),
  /** The worker's own grant applications, newest first, a page at a time. */
  myGrants: (after?: string | null, limit?: number) =>
    http.get<Page<GrantApplicationView>>('/hardship/grants/mine', { after: after ?? undefined, limit }),
  grant: (id: number) => http.get<GrantApplicationView>(`/hardship/grants/${id}`),
};

import type { ActionView, DeadlineView, HistoryEntryView, OrganizationView } from '../contracts';
import type { UploadView } from '../uploads';
import type {
  AssistanceRecordAction,
  AssistanceRecordState,
  HardshipApplicationAction,
  HardshipApplicationState,
  HardshipFileAction,
  HardshipFileState,
} from '../workflow/hardship';
import type { z } from '../schemas/common';
import type { AidType, HardshipAssessment, HardshipCategory, HardshipEmploymentType, HardshipRules } from './rules';
import type {
  bankAccountBody,
  createAssistanceRecordBody,
  createHardshipApplicationBody,
  createHardshipRuleSetBody,
  createObjectionBody,
  createProxyHardshipApplicationBody,
  democraticReviewBody,
  fileHouseholdBody,
  hardshipDraftBody,
  hardshipRevealBody,
  homeVisitBody,
  householdFactsBody,
  householdMemberBody,
  payAssistanceBody,
  recheckFileBody,
  resolveObjectionBody,
  resubmitHardshipBody,
  returnForMaterialBody,
  signedFormBody,
} from './schemas';

/** Versions of the two consents a hardship application records (shown texts carry them). */
export const HARDSHIP_CONSENT_VERSIONS = {
  /** 敏感个人信息处理同意 (ID numbers, income, health, bank account of the household). */
  sensitiveData: '2026-11-hardship-v1',
  /** 家庭经济状况核对授权 (civil affairs may check the household's finances). */
  financeCheck: '2026-11-finance-v1',
} as const;

/** Relation of a household member to the applicant. */
export type HouseholdRelation = 'self' | 'spouse' | 'child' | 'parent' | 'sibling' | 'grandchild' | 'other';

/** Chinese names of relations. */
export const HOUSEHOLD_RELATION_LABEL: Record<HouseholdRelation, string> = {
  self: '本人',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  grandchild: '孙子女',
  other: '其他',
};

/** Health of a household member. */
export type HealthStatus = 'healthy' | 'chronic_illness' | 'serious_illness' | 'disabled';

/** Chinese names of health statuses. */
export const HEALTH_STATUS_LABEL: Record<HealthStatus, string> = {
  healthy: '健康',
  chronic_illness: '慢性病',
  serious_illness: '重大疾病',
  disabled: '残疾',
};

/** Work status of a household member. */
export type WorkStatus = 'employed' | 'unemployed' | 'retired' | 'student' | 'preschool' | 'unable_to_work';

/** Chinese names of work statuses. */
export const WORK_STATUS_LABEL: Record<WorkStatus, string> = {
  employed: '在业',
  unemployed: '失业',
  retired: '退休',
  student: '在校学生',
  preschool: '学龄前',
  unable_to_work: '丧失劳动能力',
};

/** Causes of hardship (main and secondary). */
export type HardshipCause =
  'illness' | 'disability' | 'accident' | 'disaster' | 'unemployment' | 'low_income' | 'education_costs' | 'single_parent' | 'other';

/** Chinese names of causes. */
export const HARDSHIP_CAUSE_LABEL: Record<HardshipCause, string> = {
  illness: '因病',
  disability: '因残',
  accident: '因意外事故',
  disaster: '因灾',
  unemployment: '因失业',
  low_income: '收入低',
  education_costs: '因子女就学',
  single_parent: '单亲家庭',
  other: '其他',
};

/** How a worker consented when a cadre filed on their behalf (代办). */
export type ProxyConsentMethod = 'signed_form' | 'in_person' | 'phone_recorded';

/** Chinese names of proxy consent methods. */
export const PROXY_CONSENT_METHOD_LABEL: Record<ProxyConsentMethod, string> = {
  signed_form: '本人签字的委托书',
  in_person: '本人当面口头同意',
  phone_recorded: '电话同意并录音',
};

/** POST /api/hardship/self-test (public): the answers of the self-test. */
export type HardshipSelfTestRequest = z.output<typeof householdFactsBody>;

/** The self-test's answer: the likely category and why, and the rule version it used. */
export interface HardshipSelfTestResult extends HardshipAssessment {
  ruleSetVersion: number;
  minimumLivingFen: number;
  /** What to do next, in plain words. */
  nextStep: string;
}

/** One household member as entered. */
export type HouseholdMemberInput = z.output<typeof householdMemberBody>;

/** Bank account for real-name payment. */
export type BankAccountInput = z.output<typeof bankAccountBody>;

/** POST /api/hardship/applications: the worker submits (the draft's final step). */
export type CreateHardshipApplicationRequest = z.output<typeof createHardshipApplicationBody>;

/** POST /api/hardship/applications/proxy: a cadre files on a worker's behalf (代办). */
export type CreateProxyHardshipApplicationRequest = z.output<typeof createProxyHardshipApplicationBody>;

/** PUT /api/hardship/draft: whatever the worker has filled in so far (any shape the client keeps). */
export type HardshipDraft = z.output<typeof hardshipDraftBody>;

/** A household member as shown (masked). */
export interface HouseholdMemberView {
  id: number;
  relation: HouseholdRelation;
  relationLabel: string;
  nameMasked: string;
  idNumberMasked: string;
  annualIncomeFen: number;
  health: HealthStatus;
  healthLabel: string;
  hasHealthNote: boolean;
  workStatus: WorkStatus;
  workStatusLabel: string;
}

/** Another open application or filed household holding the same person. */
export interface DuplicateMatchView {
  relationLabel: string;
  idNumberMasked: string;
  /** Where the person was found. */
  kind: 'application' | 'file';
  applicationId: number | null;
  fileNo: string | null;
  organizationName: string;
}

/** POST /:id/return (退回补正): what is missing. */
export type ReturnForMaterialRequest = z.output<typeof returnForMaterialBody>;

/** POST /:id/resubmit: the worker adds material and sends it back. */
export type ResubmitHardshipRequest = z.output<typeof resubmitHardshipBody>;

/** POST /:id/home-visit (入户调查). */
export type HomeVisitRequest = z.output<typeof homeVisitBody>;

/** POST /:id/democratic-review (民主评议); the public notice starts when it is recorded. */
export type DemocraticReviewRequest = z.output<typeof democraticReviewBody>;

/** POST /:id/file (批准并建档). */
export type FileHouseholdRequest = z.output<typeof fileHouseholdBody>;

/** An objection to a public notice and how it was resolved. */
export interface NoticeObjectionView {
  id: number;
  receivedAt: string;
  channel: 'online' | 'in_person' | 'phone' | 'letter';
  content: string;
  status: 'open' | 'resolved';
  resolution: string | null;
  resolvedAt: string | null;
}

/** POST /api/hardship/notices/:id/objections */
export type CreateObjectionRequest = z.output<typeof createObjectionBody>;

/** POST /api/hardship/objections/:id/resolve */
export type ResolveObjectionRequest = z.output<typeof resolveObjectionBody>;

/** GET /api/hardship/notices: a running public notice as anyone may read it. */
export interface PublicNoticeSummary {
  id: number;
  organizationName: string;
  startsAt: string;
  endsAt: string;
  content: string;
}

/** The public notice of an application (masked text generated by the system). */
export interface PublicNoticeView {
  id: number;
  startsAt: string;
  endsAt: string;
  content: string;
  ended: boolean;
  objections: NoticeObjectionView[];
}

/** A hardship application as its applicant or a permitted cadre sees it. */
export interface HardshipApplicationView {
  id: number;
  /** The case (workflow_cases.id): what /api/cases/:id answers for. */
  caseId: number;
  state: HardshipApplicationState;
  stateLabel: string;
  nextStep: string;
  version: number;
  applicantNameMasked: string;
  phoneMasked: string;
  organization: OrganizationView;
  /** The organisation holding the case now (whose move it is). */
  holderName: string;
  submittedAt: string;
  deadline: DeadlineView | null;
  employmentType: HardshipEmploymentType;
  employmentMonths: number;
  members: HouseholdMemberView[];
  otherIncomeFen: number;
  annualIncomeFen: number;
  essentialSpendingFen: number;
  accidentCostsFen: number;
  mainCause: HardshipCause;
  secondaryCauses: HardshipCause[];
  causeLabels: string[];
  exclusions: string[];
  bankAccountMasked: string;
  /** The rules' verdict at submission, and the rule version that judged it. */
  assessment: HardshipAssessment;
  ruleSetVersion: number;
  evidence: UploadView[];
  missingItems: string[];
  duplicates: DuplicateMatchView[];
  proxy: { filedByName: string; consentMethodLabel: string; consentNote: string } | null;
  homeVisit: {
    visitedOn: string;
    visitors: string[];
    findings: string;
    matchesDeclaration: boolean;
    photos: UploadView[];
  } | null;
  democraticReview: {
    meetingOn: string;
    attendees: string[];
    votesFor: number;
    votesAgainst: number;
    abstentions: number;
  } | null;
  publicNotice: PublicNoticeView | null;
  fileId: number | null;
  history: HistoryEntryView[];
  lastReviewerComment: string | null;
  /** What the viewer may do now (as on GET /api/cases/:caseId); a step with a `form` opens that form. */
  actions: ActionView<HardshipApplicationAction>[];
}

/** One row of "my hardship applications". */
export interface HardshipApplicationSummary {
  id: number;
  state: HardshipApplicationState;
  stateLabel: string;
  nextStep: string;
  holderName: string;
  submittedAt: string;
  deadline: DeadlineView | null;
}

/** Status of a household file (困难档案): `active` while its case is in the `active` state, else `closed`. */
export type HardshipFileStatus = 'active' | 'closed';

/** Why a file was closed. */
export type FileCloseReason = 'recovered' | 'retired' | 'transferred' | 'deceased' | 'removed';

/** An assistance record (帮扶记录). */
export interface AssistanceRecordView {
  id: number;
  /** The case (workflow_cases.id): what /api/cases/:id answers for. */
  caseId: number;
  fileId: number;
  fileNo: string;
  aidType: AidType;
  aidTypeLabel: string;
  amountFen: number;
  fundSource: string;
  year: number;
  state: AssistanceRecordState;
  stateLabel: string;
  version: number;
  approvedAt: string;
  approvedByName: string;
  paidAt: string | null;
  paymentReference: string | null;
  signedAt: string | null;
  signMethod: 'in_app' | 'paper_form' | null;
  history: HistoryEntryView[];
  /** What the viewer may do now (as on GET /api/cases/:caseId); a step with a `form` opens that form. */
  actions: ActionView<AssistanceRecordAction>[];
}

/** A filed household (一户一档). */
export interface HardshipFileView {
  id: number;
  /** The file's workflow case (its state, version, deadline and history). */
  caseId: number;
  fileNo: string;
  status: HardshipFileStatus;
  state: HardshipFileState;
  stateLabel: string;
  category: HardshipCategory;
  categoryLabel: string;
  ruleSetVersion: number;
  organization: OrganizationView;
  applicationId: number;
  applicantNameMasked: string;
  members: HouseholdMemberView[];
  filedAt: string;
  /** When the next yearly re-check is due; null once the file is closed. */
  recheckDueAt: string | null;
  version: number;
  aid: AssistanceRecordView[];
  closedAt: string | null;
  closeReasonLabel: string | null;
  /** When a closed file's family gets the follow-up call. */
  followUpDueAt: string | null;
  /** Re-checks, the closing and the follow-up, oldest first (the file case's history). */
  events: HardshipFileEventView[];
  /** What the actor may do on the file now (the re-check form's outcomes). */
  actions: ActionView<HardshipFileAction>[];
  /** Paid or approved this year, and the ceilings, per aid type (fen). */
  thisYear: { aidType: AidType; aidTypeLabel: string; usedFen: number; ceilingFen: number }[];
}

/** POST /api/hardship/files/:id/aid: approve an assistance payment. */
export type CreateAssistanceRecordRequest = z.output<typeof createAssistanceRecordBody>;

/** POST /api/hardship/aid/:id/pay */
export type PayAssistanceRequest = z.output<typeof payAssistanceBody>;

/** POST /api/hardship/aid/:id/signed-form */
export type SignedFormRequest = z.output<typeof signedFormBody>;

/** A version of a county's rules. */
export interface HardshipRuleSetView {
  id: number;
  version: number;
  year: number;
  effectiveFrom: string;
  rules: HardshipRules;
  createdByName: string;
  createdAt: string;
}

/** POST /api/hardship/rule-sets: a new version (old versions are never changed). */
export type CreateHardshipRuleSetRequest = z.output<typeof createHardshipRuleSetBody>;

/** POST /api/hardship/reveal (audited) */
export type HardshipRevealRequest = z.output<typeof hardshipRevealBody>;

/** Actions on hardship applications, for typed clients. */
export type HardshipActionView = ActionView<HardshipApplicationAction>;
/** Actions on assistance records, for typed clients. */
export type AssistanceActionView = ActionView<AssistanceRecordAction>;

/** One row of the staff's list of filed households. */
export interface HardshipFileSummary {
  id: number;
  fileNo: string;
  status: HardshipFileStatus;
  category: HardshipCategory;
  categoryLabel: string;
  organizationName: string;
  applicantNameMasked: string;
  filedAt: string;
  recheckDueAt: string | null;
}

/** Chinese names of the reasons a file closes. */
export const FILE_CLOSE_REASON_LABEL: Record<FileCloseReason, string> = {
  recovered: '已脱困',
  retired: '已退休',
  transferred: '已调离',
  deceased: '已去世',
  removed: '撤档',
};

/** POST /api/hardship/files/:id/recheck: the yearly re-check (年度复核). */
export type RecheckFileRequest = z.output<typeof recheckFileBody>;

/** One re-check, closing or follow-up of a file (a step of its case; the note says what changed). */
export interface HardshipFileEventView {
  id: number;
  outcome: RecheckFileRequest['outcome'];
  outcomeLabel: string;
  note: string;
  actorName: string;
  at: string;
}

/** GET /api/hardship/statistics?from=&to=&organizationId=: the figures a county reports, from the records. */
export interface HardshipStatistics {
  from: string;
  to: string;
  organizationName: string;
  applications: { submitted: number; filed: number; rejected: number; withdrawn: number; open: number };
  files: { filed: number; closed: number; activeAtEnd: number };
  aid: {
    byType: { aidType: AidType; aidTypeLabel: string; records: number; households: number; amountFen: number }[];
    totalFen: number;
    households: number;
    paidFen: number;
    awaitingSignature: number;
  };
  campaigns: { id: number; title: string; kindLabel: string; households: number; amountFen: number; budgetFen: number }[];
}

import type { OrganizationKind } from './organizations';
import type { z } from './schemas/common';
import type {
  consentBody,
  createMembershipApplicationBody,
  createMembershipTransferBody,
  demoLoginBody,
  redeemInvitationBody,
  refreshBody,
  revealBody,
  wechatLoginBody,
  withdrawMembershipBody,
} from './schemas';
import type { Permission, Role } from './permissions';
import type {
  MembershipApplicationAction,
  MembershipApplicationState,
  MembershipTransferAction,
  MembershipTransferState,
} from './workflow/membership';
import type { ActionTone } from './workflow/engine';
import type { CaseType } from './workflow/registry';
import type { DeadlineView, HistoryEntryView } from './schemas/cases';

/** Employment types a worker can declare (DOMAIN.md §2). */
export type EmploymentType = 'employee' | 'migrant_worker' | 'gig_worker' | 'flexible';

/** Chinese names of employment types. */
export const EMPLOYMENT_TYPE_LABEL: Record<EmploymentType, string> = {
  employee: '单位职工',
  migrant_worker: '农民工',
  gig_worker: '新就业形态劳动者（骑手、快递员、网约车司机等）',
  flexible: '灵活就业',
};

/** Consents a user can record; each has a version so a new text asks again. */
export type ConsentKind = 'privacy_notice' | 'sensitive_data';

/** Current versions of the consent texts. */
export const CONSENT_VERSIONS: Record<ConsentKind, string> = {
  privacy_notice: '2026-11-01',
  sensitive_data: '2026-11-01',
};

/** A page of a keyset-paged list. */
export interface Page<T> {
  items: T[];
  /** Pass as `after` to get the next page; null at the end. */
  nextCursor: string | null;
}

/** Tokens returned by every login. */
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
}

/** POST /api/auth/wechat-login */
export type WechatLoginRequest = z.output<typeof wechatLoginBody>;

/** POST /api/auth/demo-login (only when the demo login is enabled). */
export type DemoLoginRequest = z.output<typeof demoLoginBody>;

/** A seeded demo persona, listed by GET /api/auth/demo-personas. */
export interface DemoPersona {
  key: string;
  label: string;
  description: string;
}

/** POST /api/auth/refresh */
export type RefreshRequest = z.output<typeof refreshBody>;

/** A union organisation as the client sees it. */
export interface OrganizationView {
  id: number;
  name: string;
  kind: OrganizationKind;
  kindLabel: string;
  parentId: number | null;
  /** Names from the county down to this node, for disambiguation. */
  pathNames: string[];
}

/** GET /api/organizations/route?employerName=...: where an application can go. */
export interface OrganizationRouteSuggestion {
  /** The employer's own union, when one matches the employer name. */
  employerUnion: OrganizationView | null;
  /** Town/street unions, industry federations and joint unions that take workers without one. */
  alternatives: OrganizationView[];
}

/** GET /api/me */
export interface MeView {
  id: number;
  displayName: string;
  roles: Role[];
  permissions: Permission[];
  organization: OrganizationView | null;
  consents: { kind: ConsentKind; version: string; acceptedAt: string }[];
  /** True when the current consent versions are all recorded. */
  consentsCurrent: boolean;
  isMember: boolean;
}

/** POST /api/auth/invitations: the one-time code to hand to the colleague, and for how many days it works. */
export interface InvitationCode {
  code: string;
  expiresInDays: number;
}

/** POST /api/me/consents */
export type RecordConsentRequest = z.output<typeof consentBody>;

/** POST /api/auth/invitations/redeem: bind the logged-in user as staff. */
export type RedeemInvitationRequest = z.output<typeof redeemInvitationBody>;

/** POST /api/membership/applications */
export type CreateMembershipApplicationRequest = z.output<typeof createMembershipApplicationBody>;

/** An action the current user may take now, from GET .../actions. */
export interface ActionView<A extends string = string> {
  action: A;
  label: string;
  requiresComment: boolean;
  requiresTargetOrganization: boolean;
  confirm: string | null;
  /** The step is done by filling this form (its own endpoint), not by a plain button. */
  form: string | null;
  /** The button's look, from the table: `danger` for steps that refuse, withdraw or end a case. */
  tone: ActionTone;
  /**
   * Why the step cannot be taken yet (the notice is still running, an objection is open): the
   * client shows the button disabled with this sentence instead of a button that would fail.
   */
  blockedReason: string | null;
}

/** POST .../transitions */
export interface TransitionRequest<A extends string = string> {
  action: A;
  /** The version the client saw; a stale version answers 409 state_conflict. */
  version: number;
  comment?: string;
  targetOrganizationId?: number;
}

/** A membership application as its applicant or a permitted cadre sees it (masked). */
export interface MembershipApplicationView {
  id: number;
  /** The case (workflow_cases.id): what /api/cases/:id answers for. */
  caseId: number;
  state: MembershipApplicationState;
  stateLabel: string;
  nextStep: string;
  version: number;
  realName: string;
  idNumberMasked: string;
  phoneMasked: string;
  employerName: string;
  employmentType: EmploymentType;
  hideFromEmployer: boolean;
  organization: OrganizationView;
  submittedAt: string;
  deadline: DeadlineView | null;
  history: HistoryEntryView[];
  /** Last comment of a reviewer (reason of rejection or what to supplement). */
  lastReviewerComment: string | null;
  /** What the viewer may do now (as on GET /api/cases/:caseId); a step with a `form` opens that form. */
  actions: ActionView<MembershipApplicationAction>[];
}

/** POST /api/pii/reveal (audited) */
export type RevealRequest = z.output<typeof revealBody>;

/** The revealed value. */
export interface RevealResponse {
  value: string;
}

/** Member status. */
export type MemberStatus = 'active' | 'withdrawn';

/** GET /api/membership/me: the worker's membership with the electronic card. */
export interface MemberCardView {
  memberId: number;
  memberNo: string;
  realName: string;
  idNumberMasked: string;
  organization: OrganizationView;
  joinedAt: string;
  status: MemberStatus;
  /** Signed card token carried by the QR code; short-lived, refreshed when the card is shown. */
  cardToken: string;
  cardTokenExpiresAt: string;
  /** PNG data URL of the QR code. */
  qrDataUrl: string;
  /** Id of the open transfer (会籍接转), if any; see GET /api/membership/transfers/:id. */
  pendingTransferId: number | null;
}

/** GET /api/membership/cards/verify?token=... (public) */
export interface CardVerification {
  result: 'valid' | 'expired' | 'revoked' | 'invalid';
  resultLabel: string;
  memberNo?: string;
  realNameMasked?: string;
  organizationName?: string;
}

/** POST /api/membership/transfers */
export type CreateMembershipTransferRequest = z.output<typeof createMembershipTransferBody>;

/** A membership transfer (会籍接转). */
export interface MembershipTransferView {
  id: number;
  /** The case (workflow_cases.id): what /api/cases/:id answers for. */
  caseId: number;
  state: MembershipTransferState;
  stateLabel: string;
  nextStep: string;
  version: number;
  memberNo: string;
  realName: string;
  fromOrganization: OrganizationView;
  toOrganization: OrganizationView;
  newEmployerName: string;
  reason: string | null;
  requestedAt: string;
  deadline: DeadlineView | null;
  history: HistoryEntryView[];
  /** What the viewer may do now (as on GET /api/cases/:caseId); a step with a `form` opens that form. */
  actions: ActionView<MembershipTransferAction>[];
}

/** POST /api/membership/withdraw */
export type WithdrawMembershipRequest = z.output<typeof withdrawMembershipBody>;

/**
 * Case types that appear on the workbench queue (competitions and consultations have their own
 * desks: the organiser's page and the lawyer's day).
 */
export const WORKBENCH_CASE_TYPES = [
  'membership_application',
  'membership_transfer',
  'hardship_application',
  'assistance_record',
  'grant_application',
  'legal_aid_application',
  'legal_thread',
  'petition',
  'proposal',
  'honour_nomination',
] as const satisfies readonly CaseType[];
export type WorkbenchCaseType = (typeof WORKBENCH_CASE_TYPES)[number];

/** A message in the in-app message centre. */
export interface MessageView {
  id: number;
  title: string;
  body: string;
  /** Where tapping the message goes, e.g. `/pages/membership/application/index?id=3`. */
  link: string | null;
  read: boolean;
  createdAt: string;
}

/** GET /api/messages/unread-count */
export interface UnreadCount {
  count: number;
}

/** GET /api/notifications/subscribe-templates: template ids for wx.requestSubscribeMessage. */
export interface SubscribeTemplates {
  templateIds: string[];
}

/** The answer of a POST that only says what it created (an objection to a notice). */
export interface CreatedId {
  id: number;
}

/** GET /api/health */
export interface HealthView {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  version: string;
}

/** Actions on membership cases, for typed clients. */
export type MembershipActionView = ActionView<MembershipApplicationAction>;
/** Actions on transfers, for typed clients. */
export type TransferActionView = ActionView<MembershipTransferAction>;

// The case API's answers: types inferred from their schemas (schemas/cases.ts).
export type { CaseView, DeadlineView, HistoryEntryView, WorkbenchAssignments, WorkbenchItem, WorkbenchStepSummary } from './schemas/cases';

import type { ActionView, DeadlineView, HistoryEntryView } from '../contracts';
import type { z } from '../schemas/common';
import type { UploadPurpose, UploadView } from '../uploads';
import type {
  ConsultationAction,
  ConsultationState,
  LegalAidAction,
  LegalAidStage,
  LegalAidState,
  LegalThreadAction,
  LegalThreadState,
  PetitionAction,
  PetitionState,
} from '../workflow/legal';
import type { DisputeType, StatutoryClock } from './clock';
import type { LegalAidEligibility, LegalAidRules } from './eligibility';
import type {
  acceptLegalAidBody,
  adviceBody,
  bookConsultationBody,
  closeLegalAidBody,
  createLegalAidBody,
  createPetitionBody,
  createThreadBody,
  employerBody,
  eligibilityBody,
  legalAidDatesBody,
  legalAidStageBody,
  legalRuleSetBody,
  petitionMeetingBody,
  ratingBody,
  rejectLegalAidBody,
  rescheduleBody,
  resolvePetitionBody,
  setAvailabilityBody,
  threadMessageBody,
} from './schemas';

/** Version of the consent to the centre handling a worker's case details (shown text carries it). */
export const LEGAL_CONSENT_VERSION = '2026-11-legal-v1';

/** How a consultation is held. */
export type ConsultationChannel = 'in_person' | 'phone' | 'video';

/** Chinese names of the channels. */
export const CONSULTATION_CHANNEL_LABEL: Record<ConsultationChannel, string> = {
  in_person: '到中心面谈',
  phone: '电话咨询',
  video: '视频咨询',
};

/** What a consultation is about (the same kinds as disputes). */
export type ConsultationTopic = DisputeType;

/** One line of a lawyer's weekly pattern: a weekday, hours, slot length and channels. */
export interface AvailabilityRuleView {
  id: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "09:00" China time. */
  startTime: string;
  endTime: string;
  slotMinutes: number;
  channels: ConsultationChannel[];
  place: string;
}

/** PUT /api/legal/lawyers/:id/availability: the whole weekly pattern at once. */
export type SetAvailabilityRequest = z.output<typeof setAvailabilityBody>;

/** A day a lawyer is away (leave, training); public holidays come from the work calendar. */
export interface AvailabilityExceptionView {
  id: number;
  date: string;
  note: string;
}

/** A lawyer or duty staff member with their schedule. */
export interface LawyerView {
  userId: number;
  name: string;
  /** A lawyer can be assigned cases; duty staff only give consultations. */
  isLawyer: boolean;
  organizationName: string;
  rules: AvailabilityRuleView[];
  exceptions: AvailabilityExceptionView[];
}

/** One free slot a worker can book. */
export interface SlotView {
  lawyerUserId: number;
  lawyerName: string;
  startsAt: string;
  endsAt: string;
  channels: ConsultationChannel[];
  place: string;
}

/** GET /api/legal/slots: free slots by day. */
export interface SlotDayView {
  date: string;
  /** Set when the whole day is a holiday (节假日) with no slots. */
  holiday: string | null;
  slots: SlotView[];
}

/** POST /api/legal/consultations */
export type BookConsultationRequest = z.output<typeof bookConsultationBody>;

/** POST /api/legal/consultations/:id/reschedule */
export type RescheduleConsultationRequest = z.output<typeof rescheduleBody>;

/** POST /api/legal/consultations/:id/advice: the lawyer's record after the consultation. */
export type ConsultationAdviceRequest = z.output<typeof adviceBody>;

/** POST /api/legal/consultations/:id/rating */
export type RateConsultationRequest = z.output<typeof ratingBody>;

/** A consultation as the worker or the centre sees it. */
export interface ConsultationView {
  id: number;
  /** The case (workflow_cases.id): what /api/cases/:id answers for. */
  caseId: number;
  /** The viewer is the worker who booked it (else the lawyer or the centre). */
  mine: boolean;
  state: ConsultationState;
  stateLabel: string;
  nextStep: string;
  version: number;
  applicantName: string;
  lawyerUserId: number;
  lawyerName: string;
  startsAt: string;
  endsAt: string;
  channel: ConsultationChannel;
  channelLabel: string;
  place: string;
  topic: ConsultationTopic;
  topicLabel: string;
  description: string;
  phoneMasked: string | null;
  photos: UploadView[];
  /** Until when the worker may still cancel or move it. */
  changeableUntil: string;
  summary: string | null;
  advice: string | null;
  suggestLegalAid: boolean;
  rating: number | null;
  ratingComment: string | null;
  /** The legal-aid application made from this consultation, when there is one. */
  legalAidApplicationId: number | null;
  history: HistoryEntryView[];
  actions: ActionView<ConsultationAction>[];
}

/** One evidence item of the checklist, by dispute type. */
export interface EvidenceChecklistItem {
  purpose: UploadPurpose;
  label: string;
  /** Why it helps, in plain words. */
  hint: string;
}

/** The employer the worker has a dispute with. */
export type EmployerParty = z.output<typeof employerBody>;

/** POST /api/legal/eligibility and the applicant's part of an application. */
export type LegalAidEligibilityRequest = z.output<typeof eligibilityBody>;

/** POST /api/legal/eligibility: the preliminary result under the rules in force, and the version of those rules (0: the defaults). */
export interface LegalAidEligibilityCheck extends LegalAidEligibility {
  ruleSetVersion: number;
}

/** POST /api/legal/aid-applications */
export type CreateLegalAidApplicationRequest = z.output<typeof createLegalAidBody>;

/** POST /api/legal/aid-applications/:id/accept */
export type AcceptLegalAidRequest = z.output<typeof acceptLegalAidBody>;

/** POST /api/legal/aid-applications/:id/reject */
export type RejectLegalAidRequest = z.output<typeof rejectLegalAidBody>;

/** The dates of a case that drive the statutory clocks, as the lawyer records them. */
export interface LegalAidCaseDates {
  mediationStartedOn?: string | null;
  mediationEndedOn?: string | null;
  arbitrationAppliedOn?: string | null;
  arbitrationAcceptedOn?: string | null;
  awardExtended?: boolean;
  awardReceivedOn?: string | null;
  lawsuitFiledOn?: string | null;
}

/** POST /api/legal/aid-applications/:id/stage: move to a stage with its dates and documents. */
export type LegalAidStageRequest = z.output<typeof legalAidStageBody>;

/** PATCH /api/legal/aid-applications/:id/dates: dates learned during a stage (e.g. the award received). */
export type LegalAidDatesRequest = z.output<typeof legalAidDatesBody>;

/** How a case ended. */
export type LegalAidOutcome = 'settled' | 'award' | 'judgment' | 'withdrawn';

/** Chinese names of the outcomes. */
export const LEGAL_AID_OUTCOME_LABEL: Record<LegalAidOutcome, string> = {
  settled: '调解或协商解决',
  award: '仲裁裁决',
  judgment: '法院判决',
  withdrawn: '撤回',
};

/** POST /api/legal/aid-applications/:id/close */
export type CloseLegalAidRequest = z.output<typeof closeLegalAidBody>;

/** One stage record with its dates and documents. */
export interface LegalAidStageView {
  stage: LegalAidStage;
  stageLabel: string;
  startedOn: string;
  note: string | null;
  documents: UploadView[];
  recordedByName: string;
}

/** Another of the centre's cases where the same employer is on the other side. */
export interface ConflictWarning {
  caseId: number;
  stateLabel: string;
  /** Only the lawyer's name and the date: the other worker's details are not shown. */
  lawyerName: string | null;
  submittedAt: string;
}

/** A legal-aid application as the worker or the centre sees it (masked). */
export interface LegalAidApplicationView {
  id: number;
  /** The case (workflow_cases.id): what /api/cases/:id answers for. */
  caseId: number;
  state: LegalAidState;
  stateLabel: string;
  nextStep: string;
  version: number;
  applicantName: string;
  phoneMasked: string;
  /** The centre handling the case. */
  organizationName: string;
  disputeType: DisputeType;
  disputeTypeLabel: string;
  employer: EmployerParty;
  claims: string;
  amountClaimedFen: number;
  employmentStartedOn: string;
  employmentEndedOn: string | null;
  learnedOn: string;
  isMigrantWorker: boolean;
  eligibility: LegalAidEligibility;
  ruleSetVersion: number;
  evidence: { purpose: UploadPurpose; purposeLabel: string; files: UploadView[] }[];
  witnessesMasked: string | null;
  fromConsultationId: number | null;
  lawyerUserId: number | null;
  lawyerName: string | null;
  decisionReason: string | null;
  otherHelp: string | null;
  dates: LegalAidCaseDates;
  clock: StatutoryClock;
  stages: LegalAidStageView[];
  conflicts: ConflictWarning[];
  outcome: LegalAidOutcome | null;
  outcomeLabel: string | null;
  amountRecoveredFen: number | null;
  recoveredOn: string | null;
  closingNote: string | null;
  submittedAt: string;
  deadline: DeadlineView | null;
  history: HistoryEntryView[];
  actions: ActionView<LegalAidAction>[];
}

/** A line of the centre's case lists. */
export interface LegalAidSummary {
  id: number;
  state: LegalAidState;
  stateLabel: string;
  applicantName: string;
  disputeTypeLabel: string;
  employerName: string;
  amountClaimedFen: number;
  lawyerName: string | null;
  /** The next statutory period running out, for the clock column. */
  nextClock: { label: string; dueOn: string; daysLeft: number } | null;
  deadline: DeadlineView | null;
  submittedAt: string;
}

/** The legal-aid rules in force, as the applicant and the centre see them. */
export interface LegalAidRuleSetView {
  id: number;
  version: number;
  effectiveFrom: string;
  rules: LegalAidRules;
  createdByName: string;
  createdAt: string;
}

/** POST /api/legal/rule-sets */
export type CreateLegalAidRuleSetRequest = z.output<typeof legalRuleSetBody>;

/** GET /api/legal/statistics: the centre's totals, counted from the records. */
export interface LegalStatistics {
  from: string;
  to: string;
  /** Petitions received in the period, people concerned, and how many were resolved. */
  petitions: { received: number; workers: number; resolved: number };
  threads: { opened: number; answered: number };
  consultations: { booked: number; held: number; noShow: number; cancelled: number };
  applications: { submitted: number; accepted: number; rejected: number; closed: number };
  /** Distinct workers helped by cases closed in the period. */
  people: number;
  amountClaimedFen: number;
  amountRecoveredFen: number;
}

/** POST /api/legal/threads: a worker asks the centre online. */
export type CreateLegalThreadRequest = z.output<typeof createThreadBody>;

/** POST /api/legal/threads/:id/messages */
export type PostThreadMessageRequest = z.output<typeof threadMessageBody>;

/** One message of a thread. */
export interface ThreadMessageView {
  id: number;
  fromCentre: boolean;
  authorName: string;
  body: string;
  photos: UploadView[];
  at: string;
}

/** A thread in a list, with what the viewer has not read yet. */
export interface LegalThreadSummary {
  id: number;
  state: LegalThreadState;
  stateLabel: string;
  topicLabel: string;
  applicantName: string;
  lawyerName: string | null;
  lastMessage: string;
  lastAt: string;
  /** Messages from the other side the viewer has not opened. */
  unread: number;
  deadline: DeadlineView | null;
}

/** A whole thread (opening it marks the other side's messages read for the viewer). */
export interface LegalThreadView extends LegalThreadSummary {
  /** The case (workflow_cases.id): what /api/cases/:id answers for. */
  caseId: number;
  version: number;
  /** The viewer is the worker who asked (else the centre). */
  mine: boolean;
  lawyerUserId: number | null;
  messages: ThreadMessageView[];
  actions: ActionView<LegalThreadAction>[];
}

/** How a petition reached the union. */
export type PetitionChannel = 'visit' | 'letter' | 'phone' | 'online';

/** Chinese names of the petition channels. */
export const PETITION_CHANNEL_LABEL: Record<PetitionChannel, string> = {
  visit: '来访',
  letter: '来信',
  phone: '来电',
  online: '网上',
};

/** POST /api/legal/petitions: staff register a petition or dispute brought to the union. */
export type CreatePetitionRequest = z.output<typeof createPetitionBody>;

/** POST /api/legal/petitions/:id/meetings */
export type PetitionMeetingRequest = z.output<typeof petitionMeetingBody>;

/** POST /api/legal/petitions/:id/resolve */
export type ResolvePetitionRequest = z.output<typeof resolvePetitionBody>;

/** A meeting held on a petition. */
export interface PetitionMeetingView {
  id: number;
  heldOn: string;
  attendees: string;
  summary: string;
  documents: UploadView[];
  recordedByName: string;
}

/** A petition as the union's staff see it (petitioner masked). */
export interface PetitionView {
  id: number;
  /** The case (workflow_cases.id): what /api/cases/:id answers for. */
  caseId: number;
  state: PetitionState;
  stateLabel: string;
  version: number;
  channel: PetitionChannel;
  channelLabel: string;
  petitionerNameMasked: string;
  petitionerPhoneMasked: string;
  employerName: string;
  workerCount: number;
  subject: string;
  content: string;
  receivedOn: string;
  extended: boolean;
  result: string | null;
  declineReason: string | null;
  legalAidApplicationIds: number[];
  meetings: PetitionMeetingView[];
  deadline: DeadlineView | null;
  history: HistoryEntryView[];
  actions: ActionView<PetitionAction>[];
}

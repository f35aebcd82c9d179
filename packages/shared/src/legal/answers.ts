import { actionsOf, deadlineView, historyEntryView, statesOf } from '../schemas/cases';
import { day, fen, id, instant, keyOf, z, pageOf } from '../schemas/common';
import { UPLOAD_PURPOSES, uploadView } from '../uploads';
import { CONSULTATION_WORKFLOW, LEGAL_AID_STAGES, LEGAL_AID_WORKFLOW, LEGAL_THREAD_WORKFLOW, PETITION_WORKFLOW } from '../workflow/legal';
import { CONSULTATION_CHANNEL_LABEL, LEGAL_AID_OUTCOME_LABEL, PETITION_CHANNEL_LABEL } from './contracts';
import { DISPUTE_TYPE_LABEL } from './clock';
import { LEGAL_AID_EXEMPTION_LABEL } from './eligibility';
import { legalAidRules } from './schemas';

/** A thread of online questions in a list, with what the viewer has not read yet. */
export const legalThreadSummary = z.object({
  id,
  state: statesOf(LEGAL_THREAD_WORKFLOW.states),
  stateLabel: z.string(),
  topicLabel: z.string(),
  applicantName: z.string(),
  lawyerName: z.string().nullable(),
  lastMessage: z.string(),
  lastAt: instant,
  unread: z.int().min(0),
  deadline: deadlineView.nullable(),
});
export const legalThreadPage = pageOf(legalThreadSummary);

/** A whole thread with its messages. */
export const legalThreadView = legalThreadSummary.extend({
  caseId: id,
  version: z.int().min(1),
  mine: z.boolean(),
  lawyerUserId: id.nullable(),
  messages: z.array(
    z.object({ id, fromCentre: z.boolean(), authorName: z.string(), body: z.string(), photos: z.array(uploadView), at: instant }),
  ),
  actions: actionsOf(LEGAL_THREAD_WORKFLOW.transitions),
});

/** A petition as the union's staff see it (petitioner masked). */
export const petitionView = z.object({
  id,
  caseId: id,
  state: statesOf(PETITION_WORKFLOW.states),
  stateLabel: z.string(),
  version: z.int().min(1),
  channel: keyOf(PETITION_CHANNEL_LABEL),
  channelLabel: z.string(),
  petitionerNameMasked: z.string(),
  petitionerPhoneMasked: z.string(),
  employerName: z.string(),
  workerCount: z.int().min(1),
  subject: z.string(),
  content: z.string(),
  receivedOn: day,
  extended: z.boolean(),
  result: z.string().nullable(),
  declineReason: z.string().nullable(),
  legalAidApplicationIds: z.array(id),
  meetings: z.array(
    z.object({ id, heldOn: day, attendees: z.string(), summary: z.string(), documents: z.array(uploadView), recordedByName: z.string() }),
  ),
  deadline: deadlineView.nullable(),
  history: z.array(historyEntryView),
  actions: actionsOf(PETITION_WORKFLOW.transitions),
});
export const petitionPage = pageOf(petitionView);

/** A booked consultation as the worker, the lawyer or the centre sees it. */
export const consultationView = z.object({
  id,
  caseId: id,
  mine: z.boolean(),
  state: statesOf(CONSULTATION_WORKFLOW.states),
  stateLabel: z.string(),
  nextStep: z.string(),
  version: z.int().min(1),
  applicantName: z.string(),
  lawyerUserId: id,
  lawyerName: z.string(),
  startsAt: instant,
  endsAt: instant,
  channel: keyOf(CONSULTATION_CHANNEL_LABEL),
  channelLabel: z.string(),
  place: z.string(),
  topic: keyOf(DISPUTE_TYPE_LABEL),
  topicLabel: z.string(),
  description: z.string(),
  phoneMasked: z.string().nullable(),
  photos: z.array(uploadView),
  changeableUntil: instant,
  summary: z.string().nullable(),
  advice: z.string().nullable(),
  suggestLegalAid: z.boolean(),
  rating: z.int().min(1).max(5).nullable(),
  ratingComment: z.string().nullable(),
  legalAidApplicationId: id.nullable(),
  history: z.array(historyEntryView),
  actions: actionsOf(CONSULTATION_WORKFLOW.transitions),
});
export const consultationPage = pageOf(consultationView);

/** A legal-aid case in the centre's lists. */
export const legalAidSummary = z.object({
  id,
  state: statesOf(LEGAL_AID_WORKFLOW.states),
  stateLabel: z.string(),
  applicantName: z.string(),
  disputeTypeLabel: z.string(),
  employerName: z.string(),
  amountClaimedFen: z.int().min(0),
  lawyerName: z.string().nullable(),
  nextClock: z.object({ label: z.string(), dueOn: day, daysLeft: z.int() }).nullable(),
  deadline: deadlineView.nullable(),
  submittedAt: instant,
});
export const legalAidPage = pageOf(legalAidSummary);

// --- rules and schedules ----------------------------------------------------------------------

/**
 * The rules of a rule set as answers show them: the fields and ranges of the schema they were set
 * with (`legalAidRules`), without refusing a key an older version stored.
 */
export const legalAidRulesView = z.object(legalAidRules.shape);

/** GET /api/legal/rule-sets/current and POST /api/legal/rule-sets (id and version 0: the built-in defaults). */
export const legalAidRuleSetView = z.object({
  id: z.int().min(0).meta({ description: '0：尚未制定，用内置的默认标准' }),
  version: z.int().min(0),
  effectiveFrom: day,
  rules: legalAidRulesView,
  createdByName: z.string(),
  createdAt: instant,
});

const channels = z.array(keyOf(CONSULTATION_CHANNEL_LABEL));
const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
  .meta({ example: '09:00', description: '北京时间' });

/** One line of a lawyer's weekly pattern. */
export const availabilityRuleView = z.object({
  id,
  weekday: z.int().min(1).max(7).meta({ description: '1 = 星期一 … 7 = 星期日' }),
  startTime: clockTime,
  endTime: clockTime,
  slotMinutes: z.int().min(1),
  channels,
  place: z.string(),
});
export const availabilityRuleList = z.array(availabilityRuleView);

/** A day a lawyer is away. */
export const availabilityExceptionView = z.object({ id, date: day, note: z.string() });

/** A lawyer or duty staff member with their schedule. */
export const lawyerView = z.object({
  userId: id,
  name: z.string(),
  isLawyer: z.boolean().meta({ description: '律师可承办案件；值班人员只做咨询' }),
  organizationName: z.string(),
  rules: z.array(availabilityRuleView),
  exceptions: z.array(availabilityExceptionView),
});
export const lawyerList = z.array(lawyerView);

/** GET /api/legal/slots: the free slots of each day. */
export const slotDayView = z.object({
  date: day,
  holiday: z.string().nullable().meta({ description: '整天放假时的节日名' }),
  slots: z.array(z.object({ lawyerUserId: id, lawyerName: z.string(), startsAt: instant, endsAt: instant, channels, place: z.string() })),
});
export const slotDayList = z.array(slotDayView);

// --- legal aid ----------------------------------------------------------------------------------

/** GET /api/legal/evidence-checklist: what evidence helps for a kind of dispute. */
export const evidenceChecklistItem = z.object({ purpose: z.enum(UPLOAD_PURPOSES), label: z.string(), hint: z.string() });
export const evidenceChecklistItems = z.array(evidenceChecklistItem);

/** The preliminary eligibility result with its reasons. */
export const legalAidEligibilityView = z.object({
  eligible: z.boolean(),
  exemption: keyOf(LEGAL_AID_EXEMPTION_LABEL).nullable(),
  incomePerHeadFen: fen,
  reasons: z.array(z.string()),
});

/** POST /api/legal/eligibility */
export const legalAidEligibilityCheck = legalAidEligibilityView.extend({
  ruleSetVersion: z.int().min(0).meta({ description: '按哪一版标准判断（0：内置的默认标准）' }),
});

/** One statutory period of a case. */
export const statutoryClockItemView = z.object({
  key: z.enum(['mediation', 'arbitration_limit', 'arbitration_acceptance', 'arbitration_award', 'lawsuit']),
  label: z.string(),
  startsOn: day.nullable(),
  dueOn: day.nullable(),
  status: z.enum(['running', 'done', 'passed', 'waiting']),
  daysLeft: z.int().nullable().meta({ description: '距最后一天的天数，已过为负' }),
  basis: z.string(),
});

/** A legal-aid application as the worker or the centre sees it (phone and witnesses masked). */
export const legalAidApplicationView = z.object({
  id,
  caseId: id,
  state: statesOf(LEGAL_AID_WORKFLOW.states),
  stateLabel: z.string(),
  nextStep: z.string(),
  version: z.int().min(1),
  applicantName: z.string(),
  phoneMasked: z.string(),
  organizationName: z.string(),
  disputeType: keyOf(DISPUTE_TYPE_LABEL),
  disputeTypeLabel: z.string(),
  employer: z.object({ name: z.string(), creditCode: z.string().nullable().optional(), address: z.string().nullable().optional() }),
  claims: z.string(),
  amountClaimedFen: fen,
  employmentStartedOn: day,
  employmentEndedOn: day.nullable(),
  learnedOn: day,
  isMigrantWorker: z.boolean(),
  eligibility: legalAidEligibilityView,
  ruleSetVersion: z.int().min(0),
  evidence: z.array(z.object({ purpose: z.enum(UPLOAD_PURPOSES), purposeLabel: z.string(), files: z.array(uploadView) })),
  witnessesMasked: z.string().nullable(),
  fromConsultationId: id.nullable(),
  lawyerUserId: id.nullable(),
  lawyerName: z.string().nullable(),
  decisionReason: z.string().nullable(),
  otherHelp: z.string().nullable(),
  dates: z.object({
    mediationStartedOn: day.nullable().optional(),
    mediationEndedOn: day.nullable().optional(),
    arbitrationAppliedOn: day.nullable().optional(),
    arbitrationAcceptedOn: day.nullable().optional(),
    awardExtended: z.boolean().optional(),
    awardReceivedOn: day.nullable().optional(),
    lawsuitFiledOn: day.nullable().optional(),
  }),
  clock: z.object({ items: z.array(statutoryClockItemView), next: statutoryClockItemView.nullable() }),
  stages: z.array(
    z.object({
      stage: z.enum(LEGAL_AID_STAGES),
      stageLabel: z.string(),
      startedOn: day,
      note: z.string().nullable(),
      documents: z.array(uploadView),
      recordedByName: z.string(),
    }),
  ),
  conflicts: z
    .array(z.object({ caseId: id, stateLabel: z.string(), lawyerName: z.string().nullable(), submittedAt: instant }))
    .meta({ description: '同一单位的其他案件（只给中心工作人员，不显示其他职工）' }),
  outcome: keyOf(LEGAL_AID_OUTCOME_LABEL).nullable(),
  outcomeLabel: z.string().nullable(),
  amountRecoveredFen: fen.nullable(),
  recoveredOn: day.nullable(),
  closingNote: z.string().nullable(),
  submittedAt: instant,
  deadline: deadlineView.nullable(),
  history: z.array(historyEntryView),
  actions: actionsOf(LEGAL_AID_WORKFLOW.transitions),
});
/** GET /api/legal/aid-applications/mine: the worker's own applications, newest first. */
export const legalAidApplicationPage = pageOf(legalAidApplicationView);

/** GET /api/legal/statistics: the centre's totals for a period. */
export const legalStatistics = z.object({
  from: day,
  to: day,
  petitions: z.object({ received: z.int().min(0), workers: z.int().min(0), resolved: z.int().min(0) }),
  threads: z.object({ opened: z.int().min(0), answered: z.int().min(0) }),
  consultations: z.object({ booked: z.int().min(0), held: z.int().min(0), noShow: z.int().min(0), cancelled: z.int().min(0) }),
  applications: z.object({ submitted: z.int().min(0), accepted: z.int().min(0), rejected: z.int().min(0), closed: z.int().min(0) }),
  people: z.int().min(0),
  amountClaimedFen: fen,
  amountRecoveredFen: fen,
});

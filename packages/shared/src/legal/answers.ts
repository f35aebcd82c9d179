import { actionsOf, deadlineView, historyEntryView, statesOf } from '../schemas/cases';
import { day, id, instant, keyOf, z, pageOf } from '../schemas/common';
import { uploadView } from '../uploads';
import { CONSULTATION_WORKFLOW, LEGAL_AID_WORKFLOW, LEGAL_THREAD_WORKFLOW, PETITION_WORKFLOW } from '../workflow/legal';
import { CONSULTATION_CHANNEL_LABEL, PETITION_CHANNEL_LABEL } from './contracts';
import { DISPUTE_TYPE_LABEL } from './clock';

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
export const legalThreadList = z.array(legalThreadSummary);

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
export const consultationList = z.array(consultationView);
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

import { deadlineView, historyEntryView } from '../schemas/cases';
import { day, id, instant, keyOf, z } from '../schemas/common';
import { actionsOf, statesOf } from '../schemas/membership-answers';
import { uploadView } from '../uploads';
import { CONSULTATION_WORKFLOW, LEGAL_AID_WORKFLOW, LEGAL_THREAD_WORKFLOW, PETITION_WORKFLOW } from '../workflow/legal';
import {
  CONSULTATION_CHANNEL_LABEL,
  PETITION_CHANNEL_LABEL,
  type ConsultationView,
  type LegalAidSummary,
  type LegalThreadSummary,
  type LegalThreadView,
  type PetitionView,
} from './contracts';
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
export const legalThreadPage = z.object({ items: z.array(legalThreadSummary), nextCursor: z.string().nullable() });
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
export const petitionPage = z.object({ items: z.array(petitionView), nextCursor: z.string().nullable() });

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
export const consultationPage = z.object({ items: z.array(consultationView), nextCursor: z.string().nullable() });

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
export const legalAidPage = z.object({ items: z.array(legalAidSummary), nextCursor: z.string().nullable() });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time: each schema is exactly the interface the code uses. */
export const LEGAL_ANSWERS_MATCH: [
  Same<z.output<typeof legalThreadSummary>, LegalThreadSummary>,
  Same<z.output<typeof legalThreadView>, LegalThreadView>,
  Same<z.output<typeof petitionView>, PetitionView>,
  Same<z.output<typeof consultationView>, ConsultationView>,
  Same<z.output<typeof legalAidSummary>, LegalAidSummary>,
] = [true, true, true, true, true];

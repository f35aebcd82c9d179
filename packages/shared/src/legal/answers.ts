import { deadlineView, historyEntryView } from '../schemas/cases';
import { day, id, instant, keyOf, z } from '../schemas/common';
import { actionsOf, statesOf } from '../schemas/membership-answers';
import { uploadView } from '../uploads';
import { LEGAL_THREAD_WORKFLOW, PETITION_WORKFLOW } from '../workflow/legal';
import { PETITION_CHANNEL_LABEL, type LegalThreadSummary, type LegalThreadView, type PetitionView } from './contracts';

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

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Compile-time: each schema is exactly the interface the code uses. */
export const LEGAL_ANSWERS_MATCH: [
  Same<z.output<typeof legalThreadSummary>, LegalThreadSummary>,
  Same<z.output<typeof legalThreadView>, LegalThreadView>,
  Same<z.output<typeof petitionView>, PetitionView>,
] = [true, true, true];

import { actionsOf, historyEntryView, statesOf } from '../schemas/cases';
import { day, id, instant, keyOf, z, pageOf } from '../schemas/common';
import { COMPETITION_WORKFLOW } from '../workflow/recognition';
import { COMPETITION_KIND_LABEL } from './contracts';
import { eventBody } from './schemas';

/** An event with its setup (the same schema it was set up with), how full it is and its judges. */
export const competitionEventView = eventBody.extend({
  id,
  entryCount: z.int().min(0),
  judges: z.array(z.object({ userId: id, name: z.string() })),
});

/** A competition as anyone signed in sees it (the answers' schema). */
export const competitionView = z.object({
  id,
  caseId: id,
  state: statesOf(COMPETITION_WORKFLOW.states),
  stateLabel: z.string(),
  version: z.int().min(1),
  kind: keyOf(COMPETITION_KIND_LABEL),
  kindLabel: z.string(),
  title: z.string(),
  description: z.string(),
  organizerName: z.string(),
  registrationClosesOn: day,
  startsOn: day,
  endsOn: day,
  noticeDays: z.int().min(0),
  noticeEndsAt: instant.nullable(),
  registrationOpen: z.boolean(),
  events: z.array(competitionEventView),
  openObjections: z.int().min(0),
  history: z.array(historyEntryView),
  actions: actionsOf(COMPETITION_WORKFLOW.transitions),
});
export const competitionPage = pageOf(competitionView);

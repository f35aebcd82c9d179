import { actionsOf, historyEntryView, statesOf } from '../schemas/cases';
import { day, id, instant, keyOf, z, pageOf } from '../schemas/common';
import { COMPETITION_WORKFLOW } from '../workflow/recognition';
import { COMPETITION_KIND_LABEL, EMPLOYER_FLAG_LABEL, ENTRY_KIND_LABEL } from './contracts';
import { awardBody, eventBody } from './schemas';

/** A judge of an event (and one the organiser can name: GET /api/competitions/judges). */
export const judgeView = z.object({ userId: id, name: z.string() });
export const judgeList = z.array(judgeView);

/** An event with its setup (the same schema it was set up with), how full it is and its judges. */
export const competitionEventView = eventBody.extend({
  id,
  entryCount: z.int().min(0),
  judges: z.array(judgeView),
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

/** An entry as the registrant or the organiser sees it (results only once they may be seen). */
export const entryView = z.object({
  id,
  competitionId: id,
  competitionTitle: z.string(),
  eventId: id,
  eventName: z.string(),
  kind: keyOf(ENTRY_KIND_LABEL),
  entrantName: z.string(),
  employerName: z.string(),
  members: z.array(z.string()),
  status: z.enum(['registered', 'checked_in', 'withdrawn']),
  registeredAt: instant,
  checkInCode: z.string().nullable().meta({ description: '签到二维码的内容（只给报名人）' }),
  checkInQrDataUrl: z.string().startsWith('data:image/png;base64,').nullable(),
  checkInOpen: z.boolean(),
  score: z.number().nullable().meta({ description: '显示的成绩（两位小数或按项目单位）' }),
  rank: z.int().min(1).nullable(),
  awards: z.array(awardBody),
  excludedReason: z.string().nullable(),
  revokedReason: z.string().nullable(),
  certificateAvailable: z.boolean(),
});
/** A page of a competition's entries (the organiser's list), oldest first. */
export const entryPage = pageOf(entryView);

/** An entry on a judge's sheet (others' scores only once this judge scored it). */
export const judgingEntryView = z.object({
  entryId: id,
  entrantName: z.string(),
  myPoints: z.int().min(0).max(10000).nullable().meta({ description: '本评委的打分，以 0.01 分计' }),
  conflict: z.boolean(),
  scoredBy: z.int().min(0),
  othersPoints: z.array(z.int().min(0).max(10000)).nullable(),
});
export const judgingSheet = z.array(judgingEntryView);

/** POST /api/competitions/:id/events/:eventId/results */
export const directResultView = z.object({ entryId: id, value: z.int().min(0) });

/** GET /api/competitions/:id/events/:eventId/scores (the organiser). */
export const competitionScoresView = z.object({
  scores: z.array(z.object({ entryId: id, judgeUserId: id, points: z.int().min(0).max(10000) })),
  corrections: z.array(
    z.object({ entryId: id, byName: z.string(), from: z.int().nullable(), to: z.int(), reason: z.string(), at: instant }),
  ),
});

/** One line of a ranking. */
export const resultLineView = z.object({
  entryId: id,
  rank: z.int().min(1).nullable(),
  entrantName: z.string(),
  employerName: z.string(),
  score: z.number().nullable(),
  awards: z.array(awardBody),
  excludedReason: z.string().nullable(),
  revokedReason: z.string().nullable(),
});

/** GET /api/competitions/:id/results: the ranking of each event. */
export const competitionResultsView = z.object({
  competitionId: id,
  state: statesOf(COMPETITION_WORKFLOW.states),
  events: z.array(z.object({ eventId: id, eventName: z.string(), unit: z.string().nullable(), lines: z.array(resultLineView) })),
});

/** An objection to the results during the notice. */
export const competitionObjectionView = z.object({
  id,
  entryId: id.nullable(),
  content: z.string(),
  resolution: z.string().nullable(),
  createdAt: instant,
  resolvedAt: instant.nullable(),
});
export const competitionObjectionList = z.array(competitionObjectionView);

/** An employer flag the organisers keep (id null for one derived from wage cases in hand). */
export const employerFlagView = z.object({
  id: id.nullable(),
  employerName: z.string(),
  kind: keyOf(EMPLOYER_FLAG_LABEL),
  kindLabel: z.string(),
  note: z.string(),
  since: day,
  source: z.enum(['register', 'cases']),
});
export const employerFlagPage = pageOf(employerFlagView);

/** GET /api/competitions/entries/:entryId/certificate-image */
export const certificateImageView = z.object({ dataUrl: z.string().startsWith('data:image/png;base64,') });

/** GET /api/competitions/statistics */
export const competitionStatistics = z.object({
  from: day,
  to: day,
  competitions: z.int().min(0),
  enterprises: z.object({ participating: z.int().min(0), total: z.int().min(0), share: z.number().min(0).max(1) }),
  participants: z.object({ people: z.int().min(0), personTimes: z.int().min(0) }),
  awards: z.int().min(0),
  byKind: z.array(
    z.object({ kind: keyOf(COMPETITION_KIND_LABEL), kindLabel: z.string(), competitions: z.int().min(0), personTimes: z.int().min(0) }),
  ),
});

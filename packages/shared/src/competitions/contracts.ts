import type { ActionView, HistoryEntryView } from '../contracts';
import type { CompetitionAction, CompetitionState } from '../workflow/recognition';
import type { z } from '../schemas/common';
import type {
  competitionObjectionBody,
  createCompetitionBody,
  createEmployerFlagBody,
  eventBody,
  registerEntryBody,
  scoreBody,
  entriesQuery,
  myEntriesQuery,
} from './schemas';
import type { AwardRule } from './scoring';

/** Kinds of competition. */
export type CompetitionKind = 'labour' | 'skills' | 'ankang_cup' | 'speech' | 'other';

/** Chinese names of the kinds. */
export const COMPETITION_KIND_LABEL: Record<CompetitionKind, string> = {
  labour: '劳动竞赛',
  skills: '技能比武',
  ankang_cup: '安康杯竞赛',
  speech: '演讲比赛',
  other: '其他比赛',
};

/** Who enters an event. */
export type EntryKind = 'individual' | 'team' | 'enterprise';

/** Chinese names of the entry kinds. */
export const ENTRY_KIND_LABEL: Record<EntryKind, string> = {
  individual: '个人',
  team: '团队',
  enterprise: '企业',
};

/** Why an employer's entries are excluded from awards (DOMAIN.md §5). */
export type EmployerFlagKind = 'wage_arrears' | 'no_union' | 'serious_accident';

/** Chinese names of the employer flags. */
export const EMPLOYER_FLAG_LABEL: Record<EmployerFlagKind, string> = {
  wage_arrears: '拖欠工资',
  no_union: '未建工会',
  serious_accident: '近三年发生重大安全事故',
};

/** One event (项目) of a competition as set up. */
export type CompetitionEventInput = z.output<typeof eventBody>;

/** POST /api/competitions */
export type CreateCompetitionRequest = z.output<typeof createCompetitionBody>;

/** A judge of an event. */
export interface JudgeView {
  userId: number;
  name: string;
}

/** An event with its setup and how full it is. */
export interface CompetitionEventView extends CompetitionEventInput {
  id: number;
  entryCount: number;
  judges: JudgeView[];
}

/** A competition as anyone signed in sees it. */
export interface CompetitionView {
  id: number;
  /** The case (workflow_cases.id): what /api/cases/:id answers for. */
  caseId: number;
  state: CompetitionState;
  stateLabel: string;
  version: number;
  kind: CompetitionKind;
  kindLabel: string;
  title: string;
  description: string;
  organizerName: string;
  registrationClosesOn: string;
  startsOn: string;
  endsOn: string;
  noticeDays: number;
  /** End of the public notice once it started. */
  noticeEndsAt: string | null;
  registrationOpen: boolean;
  events: CompetitionEventView[];
  openObjections: number;
  history: HistoryEntryView[];
  actions: ActionView<CompetitionAction>[];
}

/** POST /api/competitions/:id/entries */
export type RegisterEntryRequest = z.output<typeof registerEntryBody>;

/** GET /api/competitions/:id/entries?eventId=&after=&limit= */
export type EntriesQuery = z.output<typeof entriesQuery>;

/** GET /api/competitions/entries/mine?competitionId=&after=&limit= */
export type MyEntriesQuery = z.output<typeof myEntriesQuery>;

/** Status of an entry. */
export type EntryStatus = 'registered' | 'checked_in' | 'withdrawn';

/** An entry as the registrant or the organiser sees it. */
export interface EntryView {
  id: number;
  competitionId: number;
  competitionTitle: string;
  eventId: number;
  eventName: string;
  kind: EntryKind;
  entrantName: string;
  employerName: string;
  members: string[];
  status: EntryStatus;
  registeredAt: string;
  /** Shown as a QR code for the organiser to scan on the day (registrant only). */
  checkInCode: string | null;
  /** The same code as a QR image (PNG data URL), registrant only, while check-in is possible. */
  checkInQrDataUrl: string | null;
  /** Registration or the competition is under way: the code can still be scanned. */
  checkInOpen: boolean;
  /** Computed results (once computed). */
  score: number | null;
  rank: number | null;
  awards: AwardRule[];
  excludedReason: string | null;
  revokedReason: string | null;
  certificateAvailable: boolean;
}

/** POST /api/competitions/:id/events/:eventId/scores: a judge's score (hundredths) or a direct result. */
export type ScoreRequest = z.output<typeof scoreBody>;

/** An entry on a judge's sheet: only the judge's own score; others' only after the judge scored it. */
export interface JudgingEntryView {
  entryId: number;
  entrantName: string;
  myPoints: number | null;
  /** Whether the judge declared a conflict with this entry (then they cannot score it). */
  conflict: boolean;
  /** How many judges have scored (values hidden until the judge scored this entry). */
  scoredBy: number;
  /** The other judges' scores, only once this judge has scored the entry. */
  othersPoints: number[] | null;
}

/** POST /api/competitions/:id/events/:eventId/results: the direct result the organiser entered. */
export interface DirectResultView {
  entryId: number;
  /** The result in the event's unit, as a scaled integer. */
  value: number;
}

/** GET /api/competitions/:id/events/:eventId/scores: every judge's score of an event and the corrections log (organiser). */
export interface CompetitionScoresView {
  /** Judges' scores in hundredths of a point. */
  scores: { entryId: number; judgeUserId: number; points: number }[];
  /** Each change of a score already given (and each direct result), with who, why and when. */
  corrections: { entryId: number; byName: string; from: number | null; to: number; reason: string; at: string }[];
}

/** One line of a published ranking. */
export interface ResultLineView {
  entryId: number;
  rank: number | null;
  entrantName: string;
  employerName: string;
  score: number | null;
  awards: AwardRule[];
  excludedReason: string | null;
  revokedReason: string | null;
}

/** GET /api/competitions/:id/results: per event, visible once in notice (organiser) or published (everyone). */
export interface CompetitionResultsView {
  competitionId: number;
  state: CompetitionState;
  events: { eventId: number; eventName: string; unit: string | null; lines: ResultLineView[] }[];
}

/** GET /api/competitions/entries/:entryId/certificate-image: the certificate as a PNG data URL (for the mini-program). */
export interface CertificateImageView {
  dataUrl: string;
}

/** POST /api/competitions/:id/objections */
export type CompetitionObjectionRequest = z.output<typeof competitionObjectionBody>;

/** An objection to the results during the notice. */
export interface CompetitionObjectionView {
  id: number;
  entryId: number | null;
  content: string;
  resolution: string | null;
  createdAt: string;
  resolvedAt: string | null;
}

/** An employer flag the organisers keep (or one derived from cases in this system). */
export interface EmployerFlagView {
  id: number | null;
  employerName: string;
  kind: EmployerFlagKind;
  kindLabel: string;
  note: string;
  since: string;
  /** 'register' (kept by the union) or 'cases' (derived from open wage cases in this system). */
  source: 'register' | 'cases';
}

/** POST /api/competitions/employer-flags */
export type CreateEmployerFlagRequest = z.output<typeof createEmployerFlagBody>;

/** GET /api/competitions/statistics: the report's competition figures for a period and part of the tree. */
export interface CompetitionStatistics {
  from: string;
  to: string;
  competitions: number;
  /** Enterprises (enterprise unions in scope) with at least one entry, and their share of all enterprise unions in scope. */
  enterprises: { participating: number; total: number; share: number };
  participants: { people: number; personTimes: number };
  awards: number;
  byKind: { kind: CompetitionKind; kindLabel: string; competitions: number; personTimes: number }[];
}

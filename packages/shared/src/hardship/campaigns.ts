import type { ActionView, DeadlineView, HistoryEntryView } from '../contracts';
import type { UploadView } from '../uploads';
import type { z } from '../schemas/common';
import type { GrantApplicationAction, GrantApplicationState } from '../workflow/hardship';
import type { createCampaignBody, createGrantApplicationBody, selectHouseholdsBody } from './schemas';

/** Kinds of campaign (DOMAIN.md §3). */
export type CampaignKind = 'winter_warmth' | 'autumn_school_grant';

/** Chinese names of campaign kinds. */
export const CAMPAIGN_KIND_LABEL: Record<CampaignKind, string> = {
  winter_warmth: '送温暖',
  autumn_school_grant: '金秋助学',
};

/** School levels of 金秋助学. */
export type SchoolLevel = 'university' | 'high_school';

/** Chinese names of school levels. */
export const SCHOOL_LEVEL_LABEL: Record<SchoolLevel, string> = {
  university: '大学（含大专）',
  high_school: '高中（含中职）',
};

/** Amounts of a campaign, fen: per household (送温暖) or per student by school level (金秋助学). */
export interface CampaignAmounts {
  perHouseholdFen?: number;
  perStudentFen?: Record<SchoolLevel, number>;
}

/** Default 金秋助学 amounts for filed families: ¥5,000 university, ¥3,000 high school. */
export const DEFAULT_GRANT_AMOUNTS: Record<SchoolLevel, number> = { university: 500_000, high_school: 300_000 };

/** POST /api/hardship/campaigns */
export type CreateCampaignRequest = z.output<typeof createCampaignBody>;

/** A campaign with its figures. */
export interface CampaignView {
  id: number;
  kind: CampaignKind;
  kindLabel: string;
  title: string;
  budgetFen: number;
  startsOn: string;
  endsOn: string;
  open: boolean;
  eligibility: string;
  amounts: CampaignAmounts;
  fundSource: string;
  /** Approved, paid or signed (not cancelled), fen. */
  usedFen: number;
  /** Households reached. */
  householdsReached: number;
  /** Files already in the campaign (staff only; empty for workers). */
  selectedFileIds: number[];
  /** Paid but not yet signed for. */
  unsigned: { aidId: number; fileNo: string; applicantNameMasked: string; amountFen: number; paidAt: string | null }[];
  createdByName: string;
}

/** POST /api/hardship/campaigns/:id/select: households chosen from the files (送温暖). */
export type SelectHouseholdsRequest = z.output<typeof selectHouseholdsBody>;

/** POST /api/hardship/campaigns/:id/grants: a worker applies for a student (金秋助学). */
export type CreateGrantApplicationRequest = z.output<typeof createGrantApplicationBody>;

/** A grant application as its applicant or a cadre sees it. */
export interface GrantApplicationView {
  id: number;
  /** The case (workflow_cases.id): what /api/cases/:id answers for. */
  caseId: number;
  campaignId: number;
  campaignTitle: string;
  state: GrantApplicationState;
  stateLabel: string;
  nextStep: string;
  version: number;
  fileNo: string;
  studentNameMasked: string;
  studentIdNumberMasked: string;
  schoolLevel: SchoolLevel;
  schoolLevelLabel: string;
  schoolName: string;
  amountFen: number;
  admissionProof: UploadView[];
  aidId: number | null;
  deadline: DeadlineView | null;
  history: HistoryEntryView[];
  /** What the viewer may do now (as on GET /api/cases/:caseId); a step with a `form` opens that form. */
  actions: ActionView<GrantApplicationAction>[];
}

/** Actions on grant applications, for typed clients. */
export type GrantActionView = ActionView<GrantApplicationAction>;

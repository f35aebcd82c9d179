import { actionsOf, deadlineView, historyEntryView, statesOf } from '../schemas/cases';
import { day, fen, id, instant, keyOf, oneOf, z, pageOf } from '../schemas/common';
import { organizationView } from '../schemas/organizations';
import { uploadView } from '../uploads';
import {
  ASSISTANCE_RECORD_WORKFLOW,
  GRANT_APPLICATION_WORKFLOW,
  HARDSHIP_APPLICATION_WORKFLOW,
  HARDSHIP_FILE_WORKFLOW,
} from '../workflow/hardship';
import { CAMPAIGN_KIND_LABEL, SCHOOL_LEVEL_LABEL } from './campaigns';
import {
  HARDSHIP_CAUSE_LABEL,
  HEALTH_STATUS_LABEL,
  HOUSEHOLD_RELATION_LABEL,
  WORK_STATUS_LABEL,
  type HardshipFileStatus,
} from './contracts';
import { AID_TYPE_LABEL, HARDSHIP_CATEGORY_LABEL } from './rules';
import { createObjectionBody, HARDSHIP_EMPLOYMENT_TYPES, hardshipDraftBody, hardshipRules, recheckFileBody } from './schemas';

/**
 * The hardship answers as schemas: the OpenAPI document shows them and, under the tests, every
 * answer of these routes is parsed by them. The interfaces in contracts.ts and campaigns.ts stay
 * the types the code uses; `test/answer-schemas.test.ts` proves each schema and its interface are
 * the same type. Money is in fen, whole numbers.
 */

const version = z.int().min(1).meta({ description: '办理时要带上的版本号（比较并设置）' });
const ruleSetVersion = z.int().min(1).meta({ description: '按哪一版帮扶标准判断' });
const category = keyOf(HARDSHIP_CATEGORY_LABEL);
const aidType = keyOf(AID_TYPE_LABEL);
const count = z.int().min(0);

// --- rules and the self-test --------------------------------------------------------------------

/** The rules' verdict on a household, with the reasons in plain words (the first is the conclusion). */
export const hardshipAssessmentView = z.object({
  eligible: z.boolean(),
  category: category.nullable(),
  perCapitaMonthlyFen: z.int().meta({ description: '家庭人均月收入（扣除必要支出，分）；支出多于收入时为负' }),
  severeLineFen: fen,
  relativeLineFen: fen,
  reasons: z.array(z.string()),
});

/** POST /api/hardship/self-test (public): the likely category and why, and the rule version it used. */
export const hardshipSelfTestResult = hardshipAssessmentView.extend({
  ruleSetVersion,
  minimumLivingFen: fen.meta({ description: '当地低保标准（分/人·月）' }),
  nextStep: z.string(),
});

/**
 * The rules of a rule set as answers show them: the fields and ranges of the schema they were set
 * with (`hardshipRules`), without refusing a key an older version stored at the top.
 */
export const hardshipRulesView = z.object(hardshipRules.shape);

/** GET /api/hardship/rule-sets/current, GET /api/hardship/rule-sets (a list) and POST /api/hardship/rule-sets. */
export const hardshipRuleSetView = z.object({
  id,
  version: z.int().min(1),
  year: z.int(),
  effectiveFrom: day,
  rules: hardshipRulesView,
  createdByName: z.string(),
  createdAt: instant,
});
export const hardshipRuleSetList = z.array(hardshipRuleSetView);

// --- drafts -------------------------------------------------------------------------------------

/** PUT /api/hardship/draft: the draft the server keeps (the newer of the two). */
export const hardshipDraftView = z.object(hardshipDraftBody.shape);
/** GET /api/hardship/draft: the draft, or null when there is none. */
export const hardshipDraftOrNone = hardshipDraftView.nullable();

// --- applications -------------------------------------------------------------------------------

/** A household member as shown (name and ID number masked; the health note only says whether there is one). */
export const householdMemberView = z.object({
  id,
  relation: keyOf(HOUSEHOLD_RELATION_LABEL),
  relationLabel: z.string(),
  nameMasked: z.string(),
  idNumberMasked: z.string(),
  annualIncomeFen: fen,
  health: keyOf(HEALTH_STATUS_LABEL),
  healthLabel: z.string(),
  hasHealthNote: z.boolean(),
  workStatus: keyOf(WORK_STATUS_LABEL),
  workStatusLabel: z.string(),
});

/** Another open application or filed household holding the same person. */
export const duplicateMatchView = z.object({
  relationLabel: z.string(),
  idNumberMasked: z.string(),
  kind: z.enum(['application', 'file']).meta({ description: '在哪里找到这个人' }),
  applicationId: id.nullable(),
  fileNo: z.string().nullable(),
  organizationName: z.string(),
});

/** An objection to a public notice and how it was resolved. */
export const noticeObjectionView = z.object({
  id,
  receivedAt: instant,
  channel: createObjectionBody.shape.channel,
  content: z.string(),
  status: z.enum(['open', 'resolved']),
  resolution: z.string().nullable(),
  resolvedAt: instant.nullable(),
});

/** One running public notice as anyone signed in reads it (GET /api/hardship/notices). */
export const publicNoticeSummary = z.object({
  id,
  organizationName: z.string(),
  startsAt: instant,
  endsAt: instant,
  content: z.string().meta({ description: '系统生成的公示内容（姓名、身份证号已遮挡，不公开病情）' }),
});
export const publicNoticePage = pageOf(publicNoticeSummary);

/** The public notice of an application (the objections only for staff in scope). */
export const publicNoticeView = z.object({
  id,
  startsAt: instant,
  endsAt: instant,
  content: z.string(),
  ended: z.boolean(),
  objections: z.array(noticeObjectionView),
});

/** A hardship application as its applicant or a permitted cadre sees it (personal data masked). */
export const hardshipApplicationView = z.object({
  id,
  caseId: id,
  state: statesOf(HARDSHIP_APPLICATION_WORKFLOW.states),
  stateLabel: z.string(),
  nextStep: z.string(),
  version,
  applicantNameMasked: z.string(),
  phoneMasked: z.string(),
  organization: organizationView,
  holderName: z.string().meta({ description: '现在由谁办理' }),
  submittedAt: instant,
  deadline: deadlineView.nullable(),
  employmentType: oneOf(HARDSHIP_EMPLOYMENT_TYPES),
  employmentMonths: z.int().min(0),
  members: z.array(householdMemberView),
  otherIncomeFen: fen,
  annualIncomeFen: fen,
  essentialSpendingFen: fen,
  accidentCostsFen: fen,
  mainCause: keyOf(HARDSHIP_CAUSE_LABEL),
  secondaryCauses: z.array(keyOf(HARDSHIP_CAUSE_LABEL)),
  causeLabels: z.array(z.string()),
  exclusions: z.array(z.string()),
  bankAccountMasked: z.string(),
  assessment: hardshipAssessmentView.meta({ description: '提交时按规则得出的结论' }),
  ruleSetVersion,
  evidence: z.array(uploadView),
  missingItems: z.array(z.string()),
  duplicates: z.array(duplicateMatchView),
  proxy: z.object({ filedByName: z.string(), consentMethodLabel: z.string(), consentNote: z.string() }).nullable(),
  homeVisit: z
    .object({
      visitedOn: day,
      visitors: z.array(z.string()),
      findings: z.string(),
      matchesDeclaration: z.boolean(),
      photos: z.array(uploadView),
    })
    .nullable(),
  democraticReview: z
    .object({
      meetingOn: day,
      attendees: z.array(z.string()),
      votesFor: count,
      votesAgainst: count,
      abstentions: count,
    })
    .nullable(),
  publicNotice: publicNoticeView.nullable(),
  fileId: id.nullable(),
  history: z.array(historyEntryView),
  lastReviewerComment: z.string().nullable(),
  actions: actionsOf(HARDSHIP_APPLICATION_WORKFLOW.transitions),
});

/** One row of "my hardship applications". */
export const hardshipApplicationSummary = z.object({
  id,
  state: statesOf(HARDSHIP_APPLICATION_WORKFLOW.states),
  stateLabel: z.string(),
  nextStep: z.string(),
  holderName: z.string(),
  submittedAt: instant,
  deadline: deadlineView.nullable(),
});
/** GET /api/hardship/applications/mine: the worker's own applications, newest first. */
export const hardshipApplicationSummaryPage = pageOf(hardshipApplicationSummary);

// --- files and aid ------------------------------------------------------------------------------

/** An assistance record (帮扶记录), approved, paid and signed for by real name. */
export const assistanceRecordView = z.object({
  id,
  caseId: id,
  fileId: id,
  fileNo: z.string(),
  aidType,
  aidTypeLabel: z.string(),
  amountFen: fen,
  fundSource: z.string(),
  year: z.int(),
  state: statesOf(ASSISTANCE_RECORD_WORKFLOW.states),
  stateLabel: z.string(),
  version,
  approvedAt: instant,
  approvedByName: z.string(),
  paidAt: instant.nullable(),
  paymentReference: z.string().nullable(),
  signedAt: instant.nullable(),
  signMethod: z.enum(['in_app', 'paper_form']).nullable(),
  history: z.array(historyEntryView),
  actions: actionsOf(ASSISTANCE_RECORD_WORKFLOW.transitions),
});

const fileStatus = z
  .enum(['active', 'closed'] as const satisfies readonly HardshipFileStatus[])
  .meta({ description: '在档（档案案件在 active）或已关闭' });

/** One re-check, closing or follow-up of a file (a step of its case). */
export const hardshipFileEventView = z.object({
  id,
  outcome: recheckFileBody.shape.outcome,
  outcomeLabel: z.string(),
  note: z.string(),
  actorName: z.string(),
  at: instant,
});

/** A filed household (一户一档) with its aid, its re-checks and what may be done on it now. */
export const hardshipFileView = z.object({
  id,
  caseId: id,
  fileNo: z.string(),
  status: fileStatus,
  state: statesOf(HARDSHIP_FILE_WORKFLOW.states),
  stateLabel: z.string(),
  category,
  categoryLabel: z.string(),
  ruleSetVersion,
  organization: organizationView,
  applicationId: id,
  applicantNameMasked: z.string(),
  members: z.array(householdMemberView),
  filedAt: instant,
  recheckDueAt: instant.nullable().meta({ description: '下次年度复核的时间；档案关闭后为 null' }),
  version,
  aid: z.array(assistanceRecordView),
  closedAt: instant.nullable(),
  closeReasonLabel: z.string().nullable(),
  followUpDueAt: instant.nullable().meta({ description: '关闭后回访的时间' }),
  events: z.array(hardshipFileEventView),
  actions: actionsOf(HARDSHIP_FILE_WORKFLOW.transitions),
  thisYear: z.array(z.object({ aidType, aidTypeLabel: z.string(), usedFen: fen, ceilingFen: fen })),
});
/** GET /api/hardship/files/mine: the worker's own household files, newest first. */
export const hardshipFileViewPage = pageOf(hardshipFileView);

/** One row of the staff's list of filed households. */
export const hardshipFileSummary = z.object({
  id,
  fileNo: z.string(),
  status: fileStatus,
  category,
  categoryLabel: z.string(),
  organizationName: z.string(),
  applicantNameMasked: z.string(),
  filedAt: instant,
  recheckDueAt: instant.nullable(),
});
export const hardshipFilePage = pageOf(hardshipFileSummary);

/** GET /api/hardship/statistics: the figures a county reports, counted from the records. */
export const hardshipStatistics = z.object({
  from: day,
  to: day,
  organizationName: z.string(),
  applications: z.object({ submitted: count, filed: count, rejected: count, withdrawn: count, open: count }),
  files: z.object({ filed: count, closed: count, activeAtEnd: count }),
  aid: z.object({
    byType: z.array(z.object({ aidType, aidTypeLabel: z.string(), records: count, households: count, amountFen: fen })),
    totalFen: fen,
    households: count,
    paidFen: fen,
    awaitingSignature: count,
  }),
  campaigns: z.array(z.object({ id, title: z.string(), kindLabel: z.string(), households: count, amountFen: fen, budgetFen: fen })),
});

// --- campaigns ----------------------------------------------------------------------------------

/** Amounts of a campaign, fen: per household (送温暖) or per student by school level (金秋助学). */
export const campaignAmountsView = z.object({
  perHouseholdFen: fen.optional(),
  perStudentFen: z.object({ university: fen, high_school: fen }).optional(),
});

/** A campaign with its figures (who has not signed only for staff in scope). */
export const campaignView = z.object({
  id,
  kind: keyOf(CAMPAIGN_KIND_LABEL),
  kindLabel: z.string(),
  title: z.string(),
  budgetFen: fen,
  startsOn: day,
  endsOn: day,
  open: z.boolean(),
  eligibility: z.string(),
  amounts: campaignAmountsView,
  fundSource: z.string(),
  usedFen: fen.meta({ description: '已批准、已发放或已签收（未撤销）的金额（分）' }),
  householdsReached: count,
  selectedFileIds: z.array(id).meta({ description: '已在本次活动里的档案（只给工作人员；职工看到的是空表）' }),
  unsigned: z.array(
    z.object({ aidId: id, fileNo: z.string(), applicantNameMasked: z.string(), amountFen: fen, paidAt: instant.nullable() }),
  ),
  createdByName: z.string(),
});
/** GET /api/hardship/campaigns: campaigns, newest first. */
export const campaignPage = pageOf(campaignView);

/** A 金秋助学 grant application as its applicant or a cadre sees it. */
export const grantApplicationView = z.object({
  id,
  caseId: id,
  campaignId: id,
  campaignTitle: z.string(),
  state: statesOf(GRANT_APPLICATION_WORKFLOW.states),
  stateLabel: z.string(),
  nextStep: z.string(),
  version,
  fileNo: z.string(),
  studentNameMasked: z.string(),
  studentIdNumberMasked: z.string(),
  schoolLevel: keyOf(SCHOOL_LEVEL_LABEL),
  schoolLevelLabel: z.string(),
  schoolName: z.string(),
  amountFen: fen,
  admissionProof: z.array(uploadView),
  aidId: id.nullable(),
  deadline: deadlineView.nullable(),
  history: z.array(historyEntryView),
  actions: actionsOf(GRANT_APPLICATION_WORKFLOW.transitions),
});
/** GET /api/hardship/grants/mine: the worker's own grant applications, newest first. */
export const grantApplicationPage = pageOf(grantApplicationView);

import { countyChoice, countyQuery } from '../schemas/organizations';
import {
  day,
  fen,
  fieldProblems,
  flagText,
  id,
  instant,
  isCalendarDay,
  keyOf,
  oneOf,
  pageQuery,
  text,
  wholeNumberText,
  z,
  type FieldProblem,
  periodQuery,
} from '../schemas/common';
import type { UploadPurpose } from '../uploads';
import { LEGAL_AID_WORKFLOW, type LegalAidState } from '../workflow/legal';
import { DISPUTE_TYPE_LABEL, type DisputeType } from './clock';
import {
  CONSULTATION_CHANNEL_LABEL,
  LEGAL_AID_OUTCOME_LABEL,
  PETITION_CHANNEL_LABEL,
  type ConsultationChannel,
  type LegalAidOutcome,
  type PetitionChannel,
} from './contracts';
import { LEGAL_AID_EXEMPTION_LABEL, type LegalAidExemptionCode, type LegalAidRules } from './eligibility';
import { LEGAL_EVIDENCE_PURPOSES } from './evidence';

// --- building blocks of the legal requests ----------------------------------------------------

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** ¥100 million in fen. */
const MAX_FEN = 10_000_000_000;
const PHONE = '手机号码应为 1 开头的 11 位数字';

/** A mobile number: 1 and ten more digits. */
const mobile = z
  .string(PHONE)
  .regex(/^1\d{10}$/, PHONE)
  .meta({ example: '13800138000' });

/** The version of the record the client saw (stale: 409). */
const version = z.int('版本号应是整数').meta({ description: '客户端看到的版本号；已过时则 409' });

/** A user who is a lawyer or duty staff member of the centre. */
const lawyerUserId = z.int('请选择律师').min(1, '请选择律师');

/** The lawyer who takes on a case or a thread. */
const handlingLawyerUserId = z.int('请选择承办律师').min(1, '请选择承办律师');

/** An amount of money in fen, up to ¥100 million. */
const amountFen = fen.max(MAX_FEN, '金额太大了');

/** Text of a length, with one message for too short, too long or missing. */
function sized(min: number, max: number, message: string): z.ZodString {
  return z.string(message).min(min, message).max(max, message);
}

/** A day (YYYY-MM-DD that exists), refused in the words of the form that asks for it. */
function dayOf(message: string) {
  return z
    .string(message)
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine(isCalendarDay, message)
    .meta({ format: 'date', example: '2026-01-15' });
}

/** Files uploaded through /api/uploads, at most `max`. */
function uploadIds(max: number, description = '经 /api/uploads 上传的文件') {
  return z.array(z.int('应是整数编号'), '文件应是一个列表').max(max, `最多 ${max} 个文件`).meta({ description });
}

const dispute = keyOf<DisputeType>(DISPUTE_TYPE_LABEL, '请选择遇到的问题');
const channel = keyOf<ConsultationChannel>(CONSULTATION_CHANNEL_LABEL, '请选择咨询方式');

// --- rules ------------------------------------------------------------------------------------

function ruleInt(min: number, max: number) {
  const message = `应为 ${min} 到 ${max} 之间的整数`;
  return z.int(message).min(min, message).max(max, message);
}

const EXEMPTIONS = '免审情形无效或重复';

/** One county's legal-aid rules (money in fen). */
export const legalAidRules = z.strictObject({
  minimumWageFen: ruleInt(1, 10_000_000).meta({ description: '当地月最低工资标准（分）' }),
  amountThresholdFen: ruleInt(0, 100_000_000).meta({ description: '争议金额受理标准（分）' }),
  decisionWorkingDays: ruleInt(1, 30).meta({ description: '书面决定期限（工作日）' }),
  threadResponseWorkingDays: ruleInt(1, 10).meta({ description: '在线咨询答复期限（工作日）' }),
  bookingChangeHours: ruleInt(0, 72).meta({ description: '开始前多少小时内不能再取消或改约' }),
  maxOpenBookings: ruleInt(1, 10).meta({ description: '每人同时最多几个预约' }),
  exemptions: z
    .array(keyOf<LegalAidExemptionCode>(LEGAL_AID_EXEMPTION_LABEL, EXEMPTIONS), EXEMPTIONS)
    .refine((list) => new Set(list).size === list.length, EXEMPTIONS)
    .meta({ description: '免审经济困难条件的情形' }),
  otherHelp: sized(4, 200, '请写明其他求助渠道（200 字以内）').meta({ description: '不予援助时告诉职工的其他渠道' }),
});

/** Problems with a legal-aid rule set (one per rule, by the rule set's schema); empty when it can be used. */
export function validateLegalAidRules(rules: LegalAidRules): FieldProblem[] {
  const parsed = legalAidRules.safeParse(rules);
  if (parsed.success) return [];
  const problems: FieldProblem[] = [];
  for (const p of fieldProblems(parsed.error)) {
    const field = p.field.split('.')[0];
    if (!problems.some((q) => q.field === field)) problems.push({ field, message: p.message });
  }
  return problems;
}

/** POST /api/legal/rule-sets: a new version of the rules from a day on. */
export const legalRuleSetBody = z.strictObject({
  effectiveFrom: dayOf('执行日期按 2027-01-01 这样填').meta({ description: '从哪天起执行（今天或以后）', example: '2027-01-01' }),
  rules: legalAidRules,
});

// --- schedules --------------------------------------------------------------------------------

/** One line of a lawyer's weekly pattern. */
export const availabilityRuleBody = z.strictObject({
  weekday: z.int('星期应是 1–7').min(1, '星期应是 1–7').max(7, '星期应是 1–7').meta({ description: '1 = 星期一 … 7 = 星期日' }),
  startTime: z.string('时间按 09:00 这样填').regex(TIME, '时间按 09:00 这样填').meta({ example: '09:00', description: '北京时间' }),
  endTime: z.string('时间按 11:30 这样填').regex(TIME, '时间按 11:30 这样填').meta({ example: '11:30' }),
  slotMinutes: z.int('每段时长应是整数分钟').min(15, '每段至少 15 分钟').max(120, '每段最多 120 分钟'),
  channels: z.array(channel, '请选择咨询方式').min(1, '至少选一种咨询方式').max(3, '最多 3 种咨询方式'),
  place: sized(2, 100, '请填写咨询地点（2–100 字）'),
});

/** PUT /api/legal/lawyers/:id/availability: the whole weekly pattern at once. */
export const setAvailabilityBody = z.strictObject({
  rules: z.array(availabilityRuleBody, '应是一个列表').max(21, '最多 21 个时段'),
});

/** POST /api/legal/lawyers/:id/exceptions: a day away. */
export const availabilityExceptionBody = z.strictObject({
  date: day,
  note: text(1, 100),
});

/** GET /api/legal/slots */
export const slotsQuery = z.strictObject({
  countyId: countyQuery.shape.countyId,
  from: day.optional(),
  days: wholeNumberText(1, 28).optional().meta({ description: '从 from 起几天，默认 14' }),
  channel: channel.optional(),
});

// --- consultations ----------------------------------------------------------------------------

/** POST /api/legal/consultations */
export const bookConsultationBody = z.strictObject({
  lawyerUserId,
  startsAt: instant.meta({ example: '2026-12-01T01:00:00.000Z' }),
  channel,
  topic: dispute,
  description: sized(5, 500, '请用 5–500 字简单说说遇到的问题').meta({ description: '加密保存' }),
  uploadIds: uploadIds(9, '经 /api/uploads 上传的照片（purpose consultation_photo）').optional(),
  phone: mobile.optional().meta({ description: '电话或视频咨询时的联系电话' }),
});

/** POST /api/legal/consultations/:id/reschedule */
export const rescheduleBody = z.strictObject({
  version,
  lawyerUserId,
  startsAt: instant,
});

/** POST /api/legal/consultations/:id/advice: the lawyer's record after the consultation. */
export const adviceBody = z.strictObject({
  version,
  summary: sized(5, 1000, '请用 5–1000 字记录咨询情况'),
  advice: sized(5, 2000, '请用 5–2000 字写下给职工的意见'),
  suggestLegalAid: z.boolean('请选择是否建议申请法律援助'),
});

/** POST /api/legal/consultations/:id/rating */
export const ratingBody = z.strictObject({
  rating: z.int('请打 1–5 分').min(1, '请打 1–5 分').max(5, '请打 1–5 分'),
  comment: text(0, 200).optional(),
});

/** GET /api/legal/consultations/day?date=…: the day's consultations in time order, paged. */
export const dayQuery = pageQuery.extend({
  date: day,
});

// --- legal aid --------------------------------------------------------------------------------

/** GET /api/legal/evidence-checklist?disputeType=… */
export const checklistQuery = z.strictObject({
  disputeType: dispute,
});

const eligibilityFields = {
  countyId: countyChoice,
  disputeType: dispute,
  isMigrantWorker: z.boolean('请回答您是不是农民工'),
  amountClaimedFen: amountFen.meta({ description: '争议金额（分）' }),
  householdMonthlyIncomeFen: amountFen.meta({ description: '家庭月收入（分）' }),
  householdSize: z.int('家庭人口应是整数').min(1, '家庭人口至少 1 人').max(20, '家庭人口最多 20 人'),
  seriousIllnessOrDisaster: z.boolean('请选择是否因重大疾病或灾害致困'),
  unionStaffHarmedForDuty: z.boolean('请选择是否因履行工会职责受到侵害'),
};

/** POST /api/legal/eligibility: the preliminary check. */
export const eligibilityBody = z.strictObject(eligibilityFields);

const CREDIT_CODE = '统一社会信用代码应为 18 位，不知道可以不填';

/** The employer the worker has a dispute with. */
export const employerBody = z.strictObject({
  name: sized(2, 100, '请填写单位（或老板、包工头）的名称（2–100 字）'),
  creditCode: z
    .string(CREDIT_CODE)
    .regex(/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/, CREDIT_CODE)
    .nullable()
    .optional()
    .meta({ description: '统一社会信用代码，知道时填' }),
  address: sized(2, 200, '单位地址请写 2–200 字，不知道可以不填').nullable().optional(),
});

/** Evidence of one kind, uploaded through /api/uploads. */
export const evidenceBody = z.strictObject({
  purpose: z.enum(LEGAL_EVIDENCE_PURPOSES as [UploadPurpose, ...UploadPurpose[]], '不是法律援助的证据类别'),
  uploadIds: uploadIds(9),
});

/** POST /api/legal/aid-applications */
export const createLegalAidBody = z.strictObject({
  ...eligibilityFields,
  fromConsultationId: id.optional().meta({ description: '由哪次咨询转来（带过来咨询的内容）' }),
  employer: employerBody,
  claims: sized(5, 1000, '请用 5–1000 字写明要求单位做什么（如支付拖欠工资多少元）'),
  phone: mobile,
  employmentStartedOn: dayOf('入职日期按 2025-03-01 这样填').meta({ example: '2025-03-01' }),
  employmentEndedOn: dayOf('离职日期按 2026-09-30 这样填').nullable().meta({ description: '还在单位上班时为 null' }),
  learnedOn: dayOf('请填写知道权益受侵害的日期，例如发工资的日子没发').meta({ description: '知道权利受到侵害的日子' }),
  evidence: z.array(evidenceBody, '证据应是一个列表').max(12, '最多 12 类证据'),
  witnesses: text(0, 300).optional().meta({ description: '能作证的人（加密保存）' }),
  consentVersion: text(1, 40),
});

/** POST /api/legal/aid-applications/:id/accept */
export const acceptLegalAidBody = z.strictObject({
  version,
  lawyerUserId: handlingLawyerUserId,
  comment: text(0, 300).optional(),
});

/** POST /api/legal/aid-applications/:id/reject */
export const rejectLegalAidBody = z.strictObject({
  version,
  reason: sized(5, 500, '请用 5–500 字写明不予援助的理由，职工能看到'),
  otherHelp: sized(4, 200, '其他求助渠道请写 4–200 字，不填就用标准里的')
    .optional()
    .meta({ description: '其他求助渠道；不填时用标准里的' }),
});

/** POST /api/legal/aid-applications/:id/withdraw */
export const versionBody = z.strictObject({
  version: version.min(1, '版本号从 1 开始'),
});

const caseDateFields = {
  version,
  mediationStartedOn: dayOf('申请调解日期按 2026-11-20 这样填').nullable().optional(),
  mediationEndedOn: dayOf('调解结束日期按 2026-11-20 这样填').nullable().optional(),
  arbitrationAppliedOn: dayOf('申请仲裁日期按 2026-11-20 这样填').nullable().optional(),
  arbitrationAcceptedOn: dayOf('仲裁受理日期按 2026-11-20 这样填').nullable().optional(),
  awardExtended: z.boolean('请选择是否延长裁决期限').optional(),
  awardReceivedOn: dayOf('收到裁决书日期按 2026-11-20 这样填').nullable().optional(),
  lawsuitFiledOn: dayOf('起诉日期按 2026-11-20 这样填').nullable().optional(),
  note: text(0, 500).optional(),
  uploadIds: uploadIds(9).optional(),
};

/** PATCH /api/legal/aid-applications/:id/dates: dates learned during a stage. */
export const legalAidDatesBody = z.strictObject(caseDateFields);

const STAGE_ACTIONS = ['start_negotiation', 'start_mediation', 'start_arbitration', 'start_litigation'] as const;

/** POST /api/legal/aid-applications/:id/stage: move to a stage with its dates and documents. */
export const legalAidStageBody = z.strictObject({
  ...caseDateFields,
  action: oneOf(STAGE_ACTIONS, '不是一个办理阶段'),
  startedOn: dayOf('开始日期按 2026-11-20 这样填'),
});

/** POST /api/legal/aid-applications/:id/close */
export const closeLegalAidBody = z.strictObject({
  version,
  outcome: keyOf<LegalAidOutcome>(LEGAL_AID_OUTCOME_LABEL, '请选择办理结果'),
  amountClaimedFen: amountFen.meta({ description: '争议金额（分）' }),
  amountRecoveredFen: amountFen.meta({ description: '追回金额（分）' }),
  recoveredOn: dayOf('到账日期按 2026-11-20 这样填').nullable().meta({ description: '什么都没追回时为 null' }),
  note: sized(2, 500, '请写一句结案说明（2–500 字），职工能看到'),
  uploadIds: uploadIds(9).optional(),
});

/** GET /api/legal/aid-applications */
export const legalListQuery = pageQuery.extend({
  state: z
    .enum([...(Object.keys(LEGAL_AID_WORKFLOW.states) as LegalAidState[]), 'open', 'handling'], '不在可选范围内')
    .optional()
    .meta({ description: "一个状态，或 'open'（未结束）、'handling'（已受理，在办理阶段）" }),
  clockWithinDays: wholeNumberText(0, 60).optional().meta({ description: '只看法定期限在这么多天内届满的案件' }),
});

/** GET /api/legal/statistics?from=…&to=… */
export const legalStatisticsQuery = periodQuery;

// --- online consultation ----------------------------------------------------------------------

/** POST /api/legal/threads */
export const createThreadBody = z.strictObject({
  countyId: countyChoice,
  topic: dispute,
  body: sized(5, 1000, '请用 5–1000 字说说遇到的问题'),
  uploadIds: uploadIds(9).optional(),
});

/** POST /api/legal/threads/:id/messages */
export const threadMessageBody = z.strictObject({
  body: z.string('请先写下要说的话').min(1, '请先写下要说的话').max(1000, '留言请在 1000 字以内'),
  uploadIds: uploadIds(9).optional(),
});

/** GET /api/legal/threads */
export const threadListQuery = pageQuery.extend({
  waiting: flagText.optional().meta({ description: '只看等中心答复的' }),
});

/** POST /api/legal/threads/:id/assign */
export const assignBody = z.strictObject({
  lawyerUserId: handlingLawyerUserId,
});

// --- petitions --------------------------------------------------------------------------------

/** POST /api/legal/petitions: staff register a petition or dispute brought to the union. */
export const createPetitionBody = z.strictObject({
  channel: keyOf<PetitionChannel>(PETITION_CHANNEL_LABEL, '请选择来源'),
  petitionerName: z
    .string('请填写来访人姓名')
    .min(2, '请填写来访人姓名')
    .regex(/^[\u4e00-\u9fa5·A-Za-z\s]{2,30}$/, '姓名只能是 2–30 个汉字或字母'),
  petitionerPhone: mobile,
  employerName: sized(2, 100, '请填写单位名称（2–100 字）'),
  workerCount: z.int('涉及人数应是整数').min(1, '涉及人数至少 1 人').max(10000, '涉及人数最多 10000 人'),
  subject: sized(2, 100, '请填写事由（2–100 字）'),
  content: sized(5, 2000, '请用 5–2000 字写明反映的情况'),
  receivedOn: dayOf('收到日期按 2026-11-20 这样填'),
});

/** POST /api/legal/petitions/:id/meetings */
export const petitionMeetingBody = z.strictObject({
  heldOn: dayOf('会议日期按 2026-11-20 这样填'),
  attendees: sized(2, 300, '请填写参加人员（2–300 字）'),
  summary: sized(5, 2000, '请用 5–2000 字记录会议情况'),
  uploadIds: uploadIds(9).optional(),
});

/** POST /api/legal/petitions/:id/resolve */
export const resolvePetitionBody = z.strictObject({
  version,
  result: sized(5, 1000, '请用 5–1000 字写明处理结果'),
  legalAidApplicationIds: z
    .array(z.int('应是整数编号'), '应是一个列表')
    .max(20, '最多 20 个案件')
    .optional()
    .meta({ description: '由这件信访转成的法律援助案件' }),
});

export type AvailabilityExceptionRequest = z.output<typeof availabilityExceptionBody>;
export type SlotsQuery = z.output<typeof slotsQuery>;
export type ConsultationDayQuery = z.output<typeof dayQuery>;
export type EvidenceChecklistQuery = z.output<typeof checklistQuery>;
export type LegalAidVersionRequest = z.output<typeof versionBody>;
export type LegalAidListQuery = z.output<typeof legalListQuery>;
export type LegalStatisticsQuery = z.output<typeof legalStatisticsQuery>;
export type LegalThreadListQuery = z.output<typeof threadListQuery>;
export type AssignLegalThreadRequest = z.output<typeof assignBody>;

import {
  day,
  fen,
  fieldProblems,
  id,
  instant,
  keyOf,
  oneOf,
  pageQuery,
  revealReason,
  text,
  wholeNumberText,
  z,
  type FieldProblem,
  periodQuery,
} from '../schemas/common';
import { idNumberText, phoneText } from '../schemas/membership';
import { CAMPAIGN_KIND_LABEL, SCHOOL_LEVEL_LABEL, type CampaignKind, type SchoolLevel } from './campaigns';
import {
  FILE_CLOSE_REASON_LABEL,
  HARDSHIP_CAUSE_LABEL,
  HEALTH_STATUS_LABEL,
  HOUSEHOLD_RELATION_LABEL,
  PROXY_CONSENT_METHOD_LABEL,
  WORK_STATUS_LABEL,
  type FileCloseReason,
  type HardshipCause,
  type HealthStatus,
  type HouseholdRelation,
  type ProxyConsentMethod,
  type WorkStatus,
} from './contracts';
import {
  AID_TYPE_LABEL,
  HARDSHIP_CATEGORY_LABEL,
  type AidType,
  type HardshipCategory,
  type HardshipEmploymentType,
  type HardshipRules,
} from './rules';

// --- building blocks of the hardship requests -------------------------------------------------

const NAME = /^[\u4e00-\u9fa5·A-Za-z\s]{2,30}$/;
/** ¥100 million in fen: far above any household figure, well inside a safe integer. */
const MAX_FEN = 10_000_000_000;

/** The employment types the rules know (the same values as membership's). */
export const HARDSHIP_EMPLOYMENT_TYPES = [
  'employee',
  'migrant_worker',
  'gig_worker',
  'flexible',
] as const satisfies readonly HardshipEmploymentType[];

/** A name as on the ID card: 2–30 Chinese characters or letters, with one message for every fault. */
function nameText(message: string) {
  return z.string(message).regex(NAME, message);
}

/** An amount in fen, up to ¥100 million. */
const amountFen = fen.max(MAX_FEN, '金额太大了');

/** An amount in fen that must be more than nothing. */
const positiveFen = amountFen.min(1, '金额应大于 0');

/** A whole number from `min` to `max`, with one message. */
function wholeNumber(min: number, max: number, message = `应为 ${min} 到 ${max} 之间的整数`) {
  return z.int(message).min(min, message).max(max, message);
}

/** The version of the record the client saw (stale: 409). */
const version = z.int('版本号应是整数').min(1, '版本号从 1 开始').meta({ description: '客户端看到的版本号；已过时则 409' });

/** Files uploaded through /api/uploads, at most `max`. */
function uploadIds(max: number, description = '经 /api/uploads 上传的文件') {
  return z.array(z.int('应是整数编号'), '文件应是一个列表').max(max, `最多 ${max} 个文件`).meta({ description });
}

const employmentType = oneOf(HARDSHIP_EMPLOYMENT_TYPES, '请选择一项');

const EMPLOYMENT_MONTHS = '请填写实际工作了几个月，只填数字';
const employmentMonths = z
  .int(EMPLOYMENT_MONTHS)
  .min(0, EMPLOYMENT_MONTHS)
  .max(600, '最多填 600 个月')
  .meta({ description: '实际务工月数（农民工需满一定月数）' });

const EXCLUSION = '不是一个排除情形的代码';
/** Codes of the county's exclusions that apply. */
const exclusionCodes = z.array(z.string(EXCLUSION).regex(/^[a-z_]{2,40}$/, EXCLUSION), '排除情形应是一个列表').max(20, '最多 20 项');

const category = keyOf<HardshipCategory>(HARDSHIP_CATEGORY_LABEL, '请选择困难类别');
const comment = text(0, 500).optional();

// --- rules ------------------------------------------------------------------------------------

const CEILING = '应为 0 到 60 之间的月数';
const ceilingMonths = z.number(CEILING).min(0, CEILING).max(60, CEILING);
const aidCeilings = z.strictObject({
  living: ceilingMonths,
  medical: ceilingMonths,
  education: ceilingMonths,
  winter_warmth: ceilingMonths,
  other: ceilingMonths,
});

const DEADLINE = '应为 1 到 60 之间的整数';
const deadlineDays = z
  .int({ error: (issue) => (issue.input === undefined ? '缺少这个期限' : DEADLINE) })
  .min(1, DEADLINE)
  .max(60, DEADLINE);

const EXCLUSION_CODE = '代码无效或重复';
const EXCLUSION_LABEL = '请填写 60 字以内的说明';

const MULTIPLIERS = '相对困难倍数应大于深度困难倍数';

/** 0 < severe < relative ≤ 10 (a multiplier that is not a number has its own problem already). */
function multipliersInOrder(rules: unknown): boolean {
  const { severeMultiplier: severe, relativeMultiplier: relative } = (rules ?? {}) as Partial<HardshipRules>;
  if (typeof severe !== 'number' || typeof relative !== 'number') return true;
  return severe > 0 && severe < relative && relative <= 10;
}

/** One county's rules for one year (money in fen), as a county cadre saves them. */
export const hardshipRules = z
  .strictObject({
    minimumLivingFen: wholeNumber(1, 10_000_000).meta({ description: '城乡低保标准（分/人·月）' }),
    severeMultiplier: z.number(MULTIPLIERS).meta({ description: '深度困难：人均收入低于低保的几倍' }),
    relativeMultiplier: z.number(MULTIPLIERS).meta({ description: '相对困难：人均收入低于低保的几倍' }),
    accidentCostShare: z
      .number('比例应大于 0')
      .gt(0, '比例应大于 0')
      .max(5, '比例最大为 5')
      .meta({ description: '意外致困：当年刚性支出超过家庭收入的比例' }),
    migrantMinEmploymentMonths: wholeNumber(1, 120).meta({ description: '农民工至少实际务工几个月' }),
    exclusions: z
      .array(
        z.strictObject({
          code: z.string(EXCLUSION_CODE).regex(/^[a-z_]{2,40}$/, EXCLUSION_CODE),
          label: z.string(EXCLUSION_LABEL).min(1, EXCLUSION_LABEL).max(60, EXCLUSION_LABEL),
        }),
        '排除情形应是一个列表',
      )
      .max(30, '最多 30 个排除情形')
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((e, i) => {
          if (seen.has(e.code)) ctx.addIssue({ code: 'custom', path: [i, 'code'], message: EXCLUSION_CODE });
          seen.add(e.code);
        });
      }),
    ceilingMonths: z
      .strictObject({ severe: aidCeilings, relative: aidCeilings, accident: aidCeilings })
      .meta({ description: '每户每年帮扶上限（按几个月低保计），按类别和帮扶类型' }),
    deadlines: z
      .strictObject({
        grassrootsReview: deadlineDays,
        homeVisit: deadlineDays,
        democraticReview: deadlineDays,
        townReview: deadlineDays,
        countyApproval: deadlineDays,
        aidPayment: deadlineDays,
        grantReview: deadlineDays,
      })
      .meta({ description: '各环节期限（工作日）' }),
    publicNoticeDays: wholeNumber(1, 30).meta({ description: '公示天数' }),
    recheckMonths: wholeNumber(1, 36).meta({ description: '建档后多久复核一次（月）' }),
    followUpMonths: wholeNumber(1, 24).meta({ description: '退档后多久回访（月）' }),
  })
  // Checked even when another rule is wrong, so every problem shows at once.
  .refine(multipliersInOrder, { path: ['relativeMultiplier'], message: MULTIPLIERS, when: () => true }) satisfies z.ZodType<HardshipRules>;

/** Problems with a rule set (field path + message, the first per field), by its schema; empty when it can be used. */
export function validateHardshipRules(rules: HardshipRules): FieldProblem[] {
  const parsed = hardshipRules.safeParse(rules);
  if (parsed.success) return [];
  const problems: FieldProblem[] = [];
  for (const p of fieldProblems(parsed.error)) if (!problems.some((q) => q.field === p.field)) problems.push(p);
  // zod skips the object's own rule once a number is not whole; the form still wants to hear it now.
  if (!multipliersInOrder(rules) && !problems.some((q) => q.field === 'relativeMultiplier'))
    problems.push({ field: 'relativeMultiplier', message: MULTIPLIERS });
  return problems;
}

/** POST /api/hardship/rule-sets: a new version (old versions are never changed). */
export const createHardshipRuleSetBody = z.strictObject({
  year: wholeNumber(2020, 2100, '年度应在 2020 到 2100 之间'),
  effectiveFrom: day.meta({ description: '从哪天起审核新的申请（中国时间，今天或以后）', example: '2027-01-01' }),
  rules: hardshipRules,
});

// --- self-test --------------------------------------------------------------------------------

/** POST /api/hardship/self-test (public): the answers of the self-test. */
export const householdFactsBody = z.strictObject({
  householdSize: wholeNumber(1, 20, '家庭人口应为 1 到 20 人').meta({ description: '家庭人口' }),
  annualIncomeFen: amountFen.meta({ description: '家庭年收入（分）' }),
  essentialSpendingFen: amountFen.meta({ description: '必要支出（分）' }),
  accidentCostsFen: amountFen.meta({ description: '因灾、因病、意外支出（分）' }),
  employmentType,
  employmentMonths,
  exclusions: exclusionCodes,
});

// --- applications -----------------------------------------------------------------------------

/** One household member as entered. */
export const householdMemberBody = z.strictObject({
  relation: keyOf<HouseholdRelation>(HOUSEHOLD_RELATION_LABEL, '请选择和申请人的关系'),
  name: nameText('请填写身份证上的姓名（2–30 个汉字或字母）'),
  idNumber: idNumberText,
  annualIncomeFen: amountFen.meta({ description: '年收入（分）' }),
  health: keyOf<HealthStatus>(HEALTH_STATUS_LABEL, '请选择健康状况'),
  healthNote: z
    .string('病情说明请写在 200 字以内')
    .max(200, '病情说明请写在 200 字以内')
    .optional()
    .meta({ description: '病情或残疾情况（敏感，只经审计的查看操作显示）' }),
  workStatus: keyOf<WorkStatus>(WORK_STATUS_LABEL, '请选择工作情况'),
});

/** Bank account for real-name payment. */
export const bankAccountBody = z.strictObject({
  bankName: z
    .string('请填写开户银行，例如：县农村商业银行')
    .min(2, '请填写开户银行，例如：县农村商业银行')
    .max(40, '开户银行最多 40 个字')
    .meta({ example: '县农村商业银行' }),
  accountName: nameText('请填写户名（银行卡上的姓名，2–30 个汉字或字母）'),
  accountNumber: z.string('银行卡号应为 12–30 位数字').regex(/^\d{12,30}$/, '银行卡号应为 12–30 位数字'),
});

/** The versions of the two consent texts the worker accepted. */
export const consentVersionsBody = z.strictObject({
  sensitiveData: text(0, 40),
  financeCheck: text(0, 40),
});

/** POST /api/hardship/applications: the worker submits (the draft's final step). */
export const createHardshipApplicationBody = z.strictObject({
  organizationId: z.int('请选择一个工会').min(1, '请选择一个工会'),
  phone: phoneText,
  employmentType,
  employmentMonths,
  members: z.array(householdMemberBody, '家庭成员应是一个列表').min(1, '请填写家庭成员，第一位是申请人本人').max(20, '家庭成员最多 20 人'),
  otherIncomeFen: amountFen.meta({ description: '不属于某位成员的家庭收入（租金、转移收入等，分）' }),
  essentialSpendingFen: amountFen.meta({ description: '必要支出（分）' }),
  accidentCostsFen: amountFen.meta({ description: '因灾、因病、意外支出（分）' }),
  mainCause: keyOf<HardshipCause>(HARDSHIP_CAUSE_LABEL, '请选择最主要的原因'),
  secondaryCauses: z.array(keyOf<HardshipCause>(HARDSHIP_CAUSE_LABEL), '次要原因应是一个列表').max(8, '次要原因最多 8 项'),
  situation: z
    .string('请用几句话说说家里的困难（至少 5 个字）')
    .min(5, '请用几句话说说家里的困难（至少 5 个字）')
    .max(1000, '家里的情况请写在 1000 字以内')
    .meta({ description: '职工自己说的困难情况（加密保存）' }),
  exclusions: exclusionCodes,
  bankAccount: bankAccountBody,
  evidenceUploadIds: uploadIds(30),
  consents: consentVersionsBody,
});

/** POST /api/hardship/applications/proxy: a cadre files on a worker's behalf (代办). */
export const createProxyHardshipApplicationBody = createHardshipApplicationBody.extend({
  consentMethod: keyOf<ProxyConsentMethod>(PROXY_CONSENT_METHOD_LABEL, '请选择职工本人是怎样同意的'),
  consentUploadId: id.optional().meta({ description: '本人签字的委托书（signed_form 时必传）' }),
  consentNote: z
    .string('请写明本人何时、怎样同意的（至少 5 个字）')
    .min(5, '请写明本人何时、怎样同意的（至少 5 个字）')
    .max(300, '最多 300 个字')
    .meta({ description: '本人何时、怎样同意的，由干部记录' }),
});

/** PUT /api/hardship/draft: whatever the worker has filled in so far (any shape the client keeps). */
export const hardshipDraftBody = z.strictObject({
  step: wholeNumber(0, 50, '步骤应为 0 到 50 之间的整数').meta({ description: '填到第几步' }),
  data: z.record(z.string(), z.unknown(), '草稿内容应是一个对象').meta({ description: '表单内容，形状由客户端决定' }),
  savedAt: instant.meta({ description: '客户端最后修改的时间；服务器保留较新的一份' }),
});

/** Every step on a record names the version the client saw. */
const versionFields = { version };

/** POST /:id/return (退回补正): what is missing. */
export const returnForMaterialBody = z.strictObject({
  ...versionFields,
  missingItems: z.array(text(1, 60), '需补充的材料应是一个列表').min(1, '请勾选或写出缺少的材料').max(20, '最多 20 项'),
  comment: z.string('请写一句给申请人的话').min(1, '请写一句给申请人的话').max(500, '最多 500 个字'),
});

/** POST /:id/resubmit: the worker adds material and sends it back. */
export const resubmitHardshipBody = z.strictObject({
  ...versionFields,
  evidenceUploadIds: uploadIds(30),
  note: text(0, 500).optional(),
});

/** POST /:id/home-visit (入户调查). */
export const homeVisitBody = z.strictObject({
  ...versionFields,
  visitedOn: day.meta({ description: '入户日期', example: '2026-11-20' }),
  visitors: z.array(text(2, 30), '入户人员应是一个列表').min(2, '入户调查至少两人，请写上每个人的名字').max(10, '最多 10 人'),
  findings: z.string('请写下看到的情况（至少 5 个字）').min(5, '请写下看到的情况（至少 5 个字）').max(2000, '最多 2000 个字'),
  matchesDeclaration: z.boolean('请选择和申报的情况是否相符'),
  photoUploadIds: uploadIds(20),
  formUploadId: id.optional().meta({ description: '签字的入户调查表' }),
});

/** POST /:id/democratic-review (民主评议); the public notice starts when it is recorded. */
export const democraticReviewBody = z.strictObject({
  ...versionFields,
  meetingOn: day.meta({ description: '评议日期', example: '2026-11-21' }),
  attendees: z.array(text(2, 30), '参加人员应是一个列表').min(3, '民主评议至少三人参加，请写上每个人的名字').max(50, '最多 50 人'),
  votesFor: wholeNumber(0, 1000, '票数应为 0 到 1000 之间的整数'),
  votesAgainst: wholeNumber(0, 1000, '票数应为 0 到 1000 之间的整数'),
  abstentions: wholeNumber(0, 1000, '票数应为 0 到 1000 之间的整数'),
  minutesUploadId: id.optional().meta({ description: '评议记录' }),
  comment,
});

/** POST /:id/file (批准并建档). */
export const fileHouseholdBody = z.strictObject({
  ...versionFields,
  category,
  comment,
});

// --- public notices ---------------------------------------------------------------------------

const OBJECTION_CHANNELS = ['online', 'in_person', 'phone', 'letter'] as const;

/** POST /api/hardship/notices/:id/objections */
export const createObjectionBody = z.strictObject({
  channel: oneOf(OBJECTION_CHANNELS, '请选择是怎么收到的'),
  content: z
    .string('请写清楚哪里不符合条件（至少 5 个字）')
    .min(5, '请写清楚哪里不符合条件（至少 5 个字）')
    .max(1000, '异议请写在 1000 字以内'),
});

/** POST /api/hardship/objections/:id/resolve */
export const resolveObjectionBody = z.strictObject({
  resolution: z.string('请写明核实的经过和结论（至少 5 个字）').min(5, '请写明核实的经过和结论（至少 5 个字）').max(1000, '最多 1000 个字'),
  upheld: z.boolean('请选择异议是否成立').meta({ description: '异议是否成立（成立时审核人一般不予通过）' }),
});

// --- files and aid ----------------------------------------------------------------------------

/** GET /api/hardship/files */
export const hardshipFileListQuery = pageQuery.extend({
  status: oneOf(['active', 'closed'] as const)
    .optional()
    .meta({ description: '在档或已关闭' }),
});

/** POST /api/hardship/files/:id/aid: approve an assistance payment. */
export const createAssistanceRecordBody = z.strictObject({
  aidType: keyOf<AidType>(AID_TYPE_LABEL, '请选择帮扶类型'),
  amountFen: positiveFen.meta({ description: '金额（分）' }),
  fundSource: z.string('请填写资金来源').min(2, '请填写资金来源').max(60, '最多 60 个字').meta({ example: '县总工会帮扶资金' }),
  comment: text(0, 300).optional(),
});

/** POST /api/hardship/aid/:id/pay */
export const payAssistanceBody = z.strictObject({
  ...versionFields,
  paymentReference: z
    .string('凭证号只能是 4–60 位字母、数字或横线')
    .regex(/^[A-Za-z0-9-]{4,60}$/, '凭证号只能是 4–60 位字母、数字或横线')
    .meta({ description: '银行流水号或转账凭证号' }),
});

/** POST /api/hardship/aid/:id/signed-form */
export const signedFormBody = z.strictObject({
  ...versionFields,
  uploadId: z.int('请先拍下申请人签字的签收单').min(1, '请先拍下申请人签字的签收单').meta({ description: '签字的签收单' }),
});

const RECHECK_OUTCOMES = ['keep', 'change_category', 'close', 'follow_up'] as const;

/** POST /api/hardship/files/:id/recheck: the yearly re-check (年度复核). */
export const recheckFileBody = z.strictObject({
  ...versionFields,
  outcome: oneOf(RECHECK_OUTCOMES, '请选择复核结果').meta({
    description: 'follow_up 记录档案关闭约 3 个月后给家庭的回访',
  }),
  category: category.optional().meta({ description: '新的类别（change_category 时）' }),
  closeReason: keyOf<FileCloseReason>(FILE_CLOSE_REASON_LABEL, '请选择关闭原因').optional().meta({
    description: '关闭原因（close 时）',
  }),
  note: z
    .string('请写几句了解到的情况')
    .min(2, '请写几句了解到的情况')
    .max(500, '最多 500 个字')
    .meta({ description: '复核发现的情况；关闭时是告诉职工的原因' }),
});

/** POST /api/hardship/reveal (audited) */
export const hardshipRevealBody = z.strictObject({
  subject: oneOf(['hardship_member', 'hardship_application'] as const),
  id,
  field: oneOf(['name', 'idNumber', 'healthNote', 'phone', 'bankAccount', 'situation'] as const),
  reason: revealReason,
});

/** GET /api/hardship/statistics?from=&to=&organizationId= */
export const hardshipStatisticsQuery = periodQuery.extend({
  organizationId: wholeNumberText(1).optional().meta({ description: '统计哪个工会（默认本级）' }),
});

// --- campaigns --------------------------------------------------------------------------------

/** Amounts of a new campaign, fen: per household (送温暖) or per student by school level (金秋助学). */
export const campaignAmountsBody = z.strictObject({
  perHouseholdFen: amountFen.min(1, '每户金额要大于 0').optional().meta({ description: '每户金额（分），送温暖' }),
  perStudentFen: z
    .strictObject({
      university: amountFen.min(1, '每人金额要大于 0').optional(),
      high_school: amountFen.min(1, '每人金额要大于 0').optional(),
    } satisfies Record<SchoolLevel, z.ZodType>)
    .optional()
    .meta({ description: '每名学生金额（分），金秋助学；没填的按默认金额' }),
});

/** POST /api/hardship/campaigns */
export const createCampaignBody = z.strictObject({
  kind: keyOf<CampaignKind>(CAMPAIGN_KIND_LABEL, '请选择活动类型'),
  title: z.string('请填写活动名称').min(2, '请填写活动名称').max(60, '活动名称最多 60 个字').meta({ example: '2027年春节送温暖' }),
  budgetFen: amountFen.min(1, '预算要大于 0').meta({ description: '预算（分）' }),
  startsOn: day.meta({ description: '开始日期（中国时间）；只在期间内申请和选户' }),
  endsOn: day.meta({ description: '结束日期（中国时间）' }),
  eligibility: z
    .string('请写明对象')
    .min(2, '请写明对象')
    .max(300, '最多 300 个字')
    .meta({ description: '发放对象，用大白话写（系统只允许在档困难户）' }),
  amounts: campaignAmountsBody,
  fundSource: z.string('请写明资金来源').min(2, '请写明资金来源').max(60, '最多 60 个字'),
});

/** POST /api/hardship/campaigns/:id/select: households chosen from the files (送温暖). */
export const selectHouseholdsBody = z.strictObject({
  fileIds: z.array(z.int('应是整数编号'), '应是一个列表').min(1, '请先勾选家庭').max(200, '一次最多选 200 户'),
});

/** POST /api/hardship/campaigns/:id/grants: a worker applies for a student (金秋助学). */
export const createGrantApplicationBody = z.strictObject({
  studentName: nameText('请填写学生的姓名（2–30 个汉字或字母）'),
  studentIdNumber: idNumberText,
  schoolLevel: keyOf<SchoolLevel>(SCHOOL_LEVEL_LABEL, '请选择在读学段'),
  schoolName: z.string('请填写学校名称').min(2, '请填写学校名称（至少 2 个字）').max(60, '学校名称最多 60 个字'),
  admissionUploadId: z
    .int('请拍一张录取通知书或在读证明')
    .min(1, '请拍一张录取通知书或在读证明')
    .meta({ description: '录取通知书或在读证明' }),
});

export type HardshipFileListQuery = z.output<typeof hardshipFileListQuery>;
export type HardshipStatisticsQuery = z.output<typeof hardshipStatisticsQuery>;
export type CampaignAmountsRequest = z.output<typeof campaignAmountsBody>;

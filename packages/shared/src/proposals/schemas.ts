import { day, keyOf, z, pageQuery, periodQuery } from '../schemas/common';
import { PROPOSAL_WORKFLOW, type ProposalState } from '../workflow/recognition';
import { PROPOSAL_GRADE_LABEL, type ProposalGrade } from './contracts';

const version = z.int('版本号应是整数').meta({ description: '客户端看到的版本号；已过时则 409' });

/** POST /api/proposals */
export const createProposalBody = z.strictObject({
  title: z.string().min(4, '标题请写 4–100 字').max(100, '标题请写 4–100 字'),
  problem: z.string().min(10, '请用 10–2000 字写明现在的问题').max(2000, '请用 10–2000 字写明现在的问题'),
  suggestion: z.string().min(10, '请用 10–2000 字写明建议怎么做').max(2000, '请用 10–2000 字写明建议怎么做'),
  expectedBenefit: z.string().min(2, '请说说预计能带来什么好处').max(500, '最多 500 个字'),
  uploadIds: z
    .array(z.int('应是整数编号'), '附件应是一个列表')
    .max(9, '最多 9 个附件')
    .optional()
    .meta({ description: '经 /api/uploads 上传的附件（材料类型 other）' }),
});

/** POST /api/proposals/:id/register: registered and sent to experts. */
export const registerProposalBody = z.strictObject({
  version,
  expertUserIds: z.array(z.int('应是整数编号'), '专家应是一个名单').min(1, '请至少选一位专家').max(7, '最多 7 位专家'),
});

/** POST /api/proposals/:id/opinions: an expert's opinion. */
export const opinionBody = z.strictObject({
  recommend: z.enum(['adopt', 'reject'], '请选择建议采纳还是不采纳'),
  opinion: z.string().min(5, '请写评审意见，至少 5 个字').max(1000, '最多 1000 个字'),
});

/** POST /api/proposals/:id/decide: adopted, or not with the reason the worker sees. */
export const decideBody = z.strictObject({
  version,
  adopt: z.boolean('请说明采纳还是不采纳'),
  reason: z.string().min(5, '请写明不采纳的原因（职工能看到）').max(500, '最多 500 个字').optional(),
});

/** POST /api/proposals/:id/implement */
export const implementBody = z.strictObject({
  version,
  implementedOn: day.meta({ description: '实施日期' }),
  note: z.string().min(5, '请写明实施情况，至少 5 个字').max(500, '最多 500 个字'),
});

/** POST /api/proposals/:id/evaluate: the benefit and the grade. */
export const evaluateBody = z.strictObject({
  version,
  benefitFen: z
    .int('金额以分计，应是整数')
    .min(0, '金额不能是负数')
    .max(10_000_000_000, '效益金额太大了')
    .meta({ description: '评估效益（分）' }),
  grade: keyOf<ProposalGrade>(PROPOSAL_GRADE_LABEL, '请选择等级'),
});

/** GET /api/proposals?state=… */
export const proposalListQuery = pageQuery.extend({
  state: z
    .enum(Object.keys(PROPOSAL_WORKFLOW.states) as [ProposalState, ...ProposalState[]], '没有这一步')
    .optional()
    .meta({ description: '只列这一步的建议' }),
});

/** GET /api/proposals/statistics?from=…&to=… */
export const proposalStatisticsQuery = periodQuery;

export type RegisterProposalRequest = z.output<typeof registerProposalBody>;
export type OpinionRequest = z.output<typeof opinionBody>;
export type DecideRequest = z.output<typeof decideBody>;
export type ImplementRequest = z.output<typeof implementBody>;
export type EvaluateRequest = z.output<typeof evaluateBody>;
export type ProposalListQuery = z.output<typeof proposalListQuery>;
export type ProposalStatisticsQuery = z.output<typeof proposalStatisticsQuery>;

import { day, fieldProblems, id, keyOf, text, wholeNumberText, z, pageQuery, periodQuery, type FieldProblem } from '../schemas/common';
import {
  COMPETITION_KIND_LABEL,
  EMPLOYER_FLAG_LABEL,
  ENTRY_KIND_LABEL,
  type CompetitionKind,
  type EmployerFlagKind,
  type EntryKind,
} from './contracts';
import { TIE_BREAK_LABEL, type AwardRule, type ScoringMethod, type TieBreak } from './scoring';

const DROP_EXTREMES = '去掉最高最低分至少要 3 名评委（0 表示不去掉）';
const BETTER = '请说明成绩越高越好还是越低越好';
const UNIT = '请填写成绩单位（如 秒、个）';
const AWARD_TITLE = '请填写 20 字以内的奖项名称';
const RANKS = '名次范围无效';

/** Not only spaces. */
const notBlank = (v: string) => v.trim().length > 0;

/** How an event is scored: judges' average (extremes dropped from some judges on) or a direct result. */
export const scoringMethod = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('judges_average'),
      dropExtremesFrom: z
        .int(DROP_EXTREMES)
        .min(0, DROP_EXTREMES)
        .max(30, DROP_EXTREMES)
        .refine((n) => n === 0 || n >= 3, DROP_EXTREMES)
        .meta({ description: '评委达到几人时去掉最高分和最低分（0：不去掉）' }),
    }),
    z.strictObject({
      kind: z.literal('direct'),
      better: z.enum(['higher', 'lower'], BETTER),
      unit: z.string(UNIT).max(10, UNIT).refine(notBlank, UNIT).meta({ example: '秒' }),
    }),
  ],
  '未知的评分方式',
);

/** An award of an event: the ranks it goes to (inclusive) and what it is. */
export const awardBody = z
  .strictObject({
    title: z.string(AWARD_TITLE).max(20, AWARD_TITLE).refine(notBlank, AWARD_TITLE).meta({ example: '一等奖' }),
    fromRank: z.int(RANKS).min(1, RANKS).max(1000, RANKS),
    toRank: z.int(RANKS).min(1, RANKS).max(1000, RANKS),
    prize: text(0, 60).optional(),
  })
  .refine((a) => a.toRank >= a.fromRank, { message: RANKS, path: ['toRank'] });

const scoringSetup = z.strictObject({ scoring: scoringMethod, awards: z.array(awardBody) });

/** Problems with a scoring setup (the event schema's own rules), empty when it can be used. */
export function validateScoring(method: ScoringMethod, awards: AwardRule[]): FieldProblem[] {
  const parsed = scoringSetup.safeParse({ scoring: method, awards });
  return parsed.success ? [] : fieldProblems(parsed.error);
}

/** One event (项目) of a competition as set up. */
export const eventBody = z.strictObject({
  name: z.string().min(2, '请填写项目名称').max(60, '最多 60 个字'),
  entryKind: keyOf<EntryKind>(ENTRY_KIND_LABEL, '请选择参赛方式'),
  maxEntries: z.int('名额应是整数').min(0, '名额不能是负数').max(10000, '名额最多 10000').meta({ description: '名额，0 表示不限' }),
  teamMin: z.int('每队人数应是整数').min(2, '每队至少 2 人').max(50, '每队最多 50 人').optional(),
  teamMax: z.int('每队人数应是整数').min(2, '每队至少 2 人').max(50, '每队最多 50 人').optional(),
  scoring: scoringMethod,
  tieBreak: keyOf<TieBreak>(TIE_BREAK_LABEL, '请选择成绩相同时怎么排'),
  awards: z.array(awardBody, '奖项应是一个列表').max(20, '最多 20 个奖项'),
});

/** POST /api/competitions */
export const createCompetitionBody = z.strictObject({
  kind: keyOf<CompetitionKind>(COMPETITION_KIND_LABEL, '请选择比赛类别'),
  title: z.string().min(2, '请填写比赛名称').max(100, '最多 100 个字'),
  description: text(0, 2000),
  registrationClosesOn: day.meta({ description: '报名截止日（当天结束前可报，北京时间）' }),
  startsOn: day,
  endsOn: day,
  noticeDays: z.int('公示天数应是整数').min(1, '公示至少 1 天').max(30, '公示最多 30 天').meta({ description: '成绩公示天数' }),
  events: z.array(eventBody, '项目应是一个列表').min(1, '至少要有一个项目').max(30, '最多 30 个项目'),
});

/** PUT /api/competitions/:id: a draft changed whole, at the version the organiser saw. */
export const updateCompetitionBody = createCompetitionBody.extend({
  version: z.int('版本号应是整数').meta({ description: '客户端看到的版本号；已过时则 409' }),
});

/** POST /api/competitions/:id/entries */
export const registerEntryBody = z.strictObject({
  eventId: z.int('请选择报名的项目').min(1, '请选择报名的项目'),
  teamName: text(2, 60).optional().meta({ description: '团队或企业参赛：队名' }),
  members: z
    .array(text(2, 30), '队员应是一个名单')
    .max(50, '队员最多 50 人')
    .optional()
    .meta({ description: '队员姓名（含报名人），团队项目才填' }),
});

/** PUT /api/competitions/:id/events/:eventId/judges */
export const judgesBody = z.strictObject({
  judgeUserIds: z.array(z.int('应是整数编号'), '评委应是一个名单').max(30, '最多 30 名评委'),
});

const POINTS = '分数是 0–100 之间的数，可以有两位小数';

/** POST /api/competitions/:id/events/:eventId/scores (a judge's score) and .../results (a direct result). */
export const scoreBody = z.strictObject({
  entryId: id,
  points: z.int(POINTS).min(0, POINTS).max(10000, POINTS).optional().meta({ description: '评委打分，以 0.01 分计（0–10000）' }),
  value: z
    .int('成绩应是整数')
    .min(0, '成绩不能是负数')
    .max(1_000_000_000, '成绩太大了')
    .optional()
    .meta({ description: '直接录入的成绩（按项目单位计的整数）' }),
  reason: text(2, 200).optional().meta({ description: '改已给的分数时必填（留痕）' }),
});

/** POST /api/competitions/:id/events/:eventId/conflicts: a judge declares a conflict with an entry. */
export const conflictBody = z.strictObject({
  entryId: id,
  note: text(2, 100),
});

/** POST /api/competitions/:id/check-in: the code of the entrant's QR. */
export const checkInBody = z.strictObject({
  code: text(5, 80),
});

/** POST /api/competitions/:id/objections */
export const competitionObjectionBody = z.strictObject({
  entryId: id.optional(),
  content: z.string().min(5, '请至少写 5 个字').max(500, '最多 500 个字'),
});

/** POST /api/competitions/:id/objections/:objectionId/resolve */
export const resolveCompetitionObjectionBody = z.strictObject({
  resolution: text(2, 500),
});

/** POST /api/competitions/entries/:entryId/revoke: an award revoked with the reason shown. */
export const revokeBody = z.strictObject({
  reason: text(5, 300).meta({ description: '撤销原因（公开显示）' }),
});

/** POST /api/competitions/employer-flags */
export const createEmployerFlagBody = z.strictObject({
  employerName: text(2, 100),
  kind: keyOf<EmployerFlagKind>(EMPLOYER_FLAG_LABEL),
  note: text(2, 200),
  since: day,
});

/** GET /api/competitions?filter=… */
export const competitionListQuery = pageQuery.extend({
  filter: z
    .enum(['open', 'mine', 'all', 'published', 'judging'], '不在可选范围内')
    .optional()
    .meta({ description: 'open：正在报名；mine：我报名的；published：已发布；judging：我当评委的；all（默认）' }),
});

/** GET /api/competitions/statistics?from=…&to=…&organizationId=… */
export const competitionStatisticsQuery = periodQuery.extend({
  organizationId: wholeNumberText(1).optional().meta({ description: '只统计这个工会及其下级' }),
});

export type UpdateCompetitionRequest = z.output<typeof updateCompetitionBody>;
export type JudgesRequest = z.output<typeof judgesBody>;
export type ConflictRequest = z.output<typeof conflictBody>;
export type CheckInRequest = z.output<typeof checkInBody>;
export type ResolveCompetitionObjectionRequest = z.output<typeof resolveCompetitionObjectionBody>;
export type RevokeRequest = z.output<typeof revokeBody>;
export type CompetitionListQuery = z.output<typeof competitionListQuery>;
export type CompetitionStatisticsQuery = z.output<typeof competitionStatisticsQuery>;

/** GET /api/competitions/:id/entries: the organiser's list of entries, a page at a time, optionally one event's. */
export const entriesQuery = pageQuery.extend({
  eventId: wholeNumberText(1, 2_147_483_647).optional().meta({ description: '只看这个项目的报名' }),
});

/** GET /api/competitions/entries/mine: the member's own entries, a page at a time, optionally of one competition. */
export const myEntriesQuery = pageQuery.extend({
  competitionId: wholeNumberText(1, 2_147_483_647).optional().meta({ description: '只看这个比赛的报名' }),
});

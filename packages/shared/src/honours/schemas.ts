import { day, keyOf, text, z, periodQuery } from '../schemas/common';
import { MODEL_WORKER_RECORD_LABEL, NOMINEE_TYPE_LABEL, type ModelWorkerRecordKind, type NomineeType } from './contracts';

/** POST /api/honours/kinds: an honour of the county's own. */
export const createHonourKindBody = z.strictObject({
  code: z
    .string()
    .regex(/^[a-z_]{2,40}$/, '代码只能是 2–40 个小写字母或下划线')
    .meta({ example: 'skilled_craftsman' }),
  name: text(2, 40),
  nomineeType: keyOf<NomineeType>(NOMINEE_TYPE_LABEL, '请选择授予对象'),
});

/** POST /api/honours/nominations */
export const createNominationBody = z.strictObject({
  kindId: z.int('请选择荣誉').min(1, '请选择荣誉'),
  nomineeName: z.string().min(2, '请填写被推荐对象').max(60, '最多 60 个字'),
  employerName: z
    .string()
    .min(2, '请填写所在单位')
    .max(100, '最多 100 个字')
    .meta({ description: '所在单位，用于参评资格检查（拖欠工资、未建工会、重大安全事故）' }),
  deeds: z.string().min(20, '请用 20–5000 字写明主要事迹').max(5000, '请用 20–5000 字写明主要事迹').meta({ description: '主要事迹' }),
  year: z.int('年度应是整数').min(2000, '年度应在 2000–2100 之间').max(2100, '年度应在 2000–2100 之间'),
  uploadIds: z
    .array(z.int('应是整数编号'), '材料应是一个列表')
    .max(12, '最多 12 份材料')
    .optional()
    .meta({ description: '经 /api/uploads 上传的推荐材料' }),
});

/** POST /api/honours/nominations/:id/objections: an objection during the notice. */
export const nominationObjectionBody = z.strictObject({
  content: z.string().min(5, '请至少写 5 个字').max(500, '最多 500 个字'),
});

/** POST /api/honours/nominations/:id/objections/:objectionId/resolve */
export const resolveNominationObjectionBody = z.strictObject({
  resolution: text(2, 500),
});

const AWARDED_YEAR = '获评年份应在 1950–2100 之间';

/** POST /api/honours/model-workers: a model worker of past years added to the registry. */
export const modelWorkerBody = z.strictObject({
  name: z.string().min(2, '请填写姓名').max(60, '最多 60 个字'),
  employerName: z.string().min(2, '请填写单位').max(100, '最多 100 个字'),
  title: z.string().min(2, '请填写称号').max(40, '最多 40 个字').meta({ example: '县级劳动模范' }),
  awardedYear: z.int('请填写获评年份').min(1950, AWARDED_YEAR).max(2100, AWARDED_YEAR),
});

/** POST /api/honours/model-workers/:id/records */
export const modelWorkerRecordBody = z.strictObject({
  kind: keyOf<ModelWorkerRecordKind>(MODEL_WORKER_RECORD_LABEL, '请选择记录类别'),
  date: day,
  note: z
    .string()
    .min(2, '请填写情况')
    .max(1000, '最多 1000 个字')
    .meta({ description: '体检的结果属于健康信息：加密保存，只有荣誉工作人员可见' }),
  amountFen: z
    .int('金额以分计，应是整数')
    .min(1, '补助金额应大于 0')
    .max(100_000_000, '补助金额太大了')
    .optional()
    .meta({ description: '补助金额（分），帮扶补助才填' }),
});

/** GET /api/honours/statistics?from=…&to=… */
export const honourStatisticsQuery = periodQuery;

export type NominationObjectionRequest = z.output<typeof nominationObjectionBody>;
export type ResolveNominationObjectionRequest = z.output<typeof resolveNominationObjectionBody>;
export type ModelWorkerRequest = z.output<typeof modelWorkerBody>;
export type HonourStatisticsQuery = z.output<typeof honourStatisticsQuery>;

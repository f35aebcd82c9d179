import { actionsOf, deadlineView, historyEntryView, statesOf } from '../schemas/cases';
import { day, fen, id, instant, keyOf, z, pageOf } from '../schemas/common';
import { uploadView } from '../uploads';
import { NOMINATION_WORKFLOW } from '../workflow/recognition';
import { MODEL_WORKER_RECORD_LABEL, NOMINEE_TYPE_LABEL } from './contracts';

/** A nomination as the nominating union and the county see it (the answers' schema). */
export const nominationView = z.object({
  id,
  caseId: id,
  state: statesOf(NOMINATION_WORKFLOW.states),
  stateLabel: z.string(),
  version: z.int().min(1),
  kindName: z.string(),
  nomineeType: keyOf(NOMINEE_TYPE_LABEL),
  nomineeName: z.string(),
  employerName: z.string(),
  deeds: z.string(),
  year: z.int(),
  materials: z.array(uploadView),
  nominatedByName: z.string(),
  excludedReason: z.string().nullable(),
  noticeEndsAt: instant.nullable(),
  openObjections: z.int().min(0),
  objections: z.array(z.object({ id, content: z.string(), resolution: z.string().nullable() })),
  rejectReason: z.string().nullable(),
  revokedReason: z.string().nullable(),
  deadline: deadlineView.nullable(),
  history: z.array(historyEntryView),
  actions: actionsOf(NOMINATION_WORKFLOW.transitions),
});
export const nominationPage = pageOf(nominationView);

/** An honour that can be nominated for (GET /api/honours/kinds; POST answers them all). */
export const honourKindView = z.object({ id, code: z.string(), name: z.string(), nomineeType: keyOf(NOMINEE_TYPE_LABEL) });
export const honourKindList = z.array(honourKindView);

/** One line of the public honour roll. */
export const honourRollLine = z.object({
  id,
  kindName: z.string(),
  nomineeName: z.string(),
  employerName: z.string(),
  year: z.int(),
  revokedReason: z.string().nullable().meta({ description: '撤销时的理由（名单上照样显示）' }),
});
export const honourRollPage = pageOf(honourRollLine);

/** A nomination on public notice, as every signed-in worker sees it. */
export const nominationNoticeView = z.object({
  id,
  kindName: z.string(),
  nomineeName: z.string(),
  employerName: z.string(),
  deeds: z.string(),
  noticeEndsAt: instant,
});
export const nominationNoticePage = pageOf(nominationNoticeView);

/** A model worker in the registry with the care records (a health check's note masked). */
export const modelWorkerView = z.object({
  id,
  name: z.string(),
  employerName: z.string(),
  title: z.string(),
  awardedYear: z.int(),
  records: z.array(
    z.object({
      id,
      kind: keyOf(MODEL_WORKER_RECORD_LABEL),
      kindLabel: z.string(),
      date: day,
      note: z.string(),
      sensitive: z.boolean().meta({ description: '体检记录：只显示脱敏内容，经审计查看' }),
      amountFen: fen.nullable(),
      recordedByName: z.string(),
    }),
  ),
  healthCheckDue: z.boolean().meta({ description: '今年还没有体检记录' }),
});
export const modelWorkerPage = pageOf(modelWorkerView);

/** GET /api/honours/statistics */
export const honourStatistics = z.object({
  from: day,
  to: day,
  awarded: z.array(z.object({ kindName: z.string(), count: z.int().min(0) })),
  revoked: z.int().min(0),
  modelWorkers: z.int().min(0),
  healthChecks: z.int().min(0),
  careVisits: z.int().min(0),
  supportFen: fen,
});

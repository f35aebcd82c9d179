import { isValidIdNumber, maskName } from '../pii';
import { WORKBENCH_CASE_TYPES } from '../contracts';
import type { ActionTone, StateTone } from '../workflow/engine';
import { CASE_TYPES, workflowOf } from '../workflow/registry';
import { id, instant, oneOf, z, pageOf } from './common';

/**
 * POST /api/cases/search: the staff's search over the cases of every type they handle (place,
 * function, assignment; never their own), newest first, paged by keyset. A body, not a query
 * string, so an ID number searched for never sits in a URL (proxy logs, browser history).
 * `applicant` is an ID number (found through the blind index, never stored or logged in clear) or
 * a name, compared masked (张三 → 张*).
 */
export const caseSearchQuery = z
  .strictObject({
    after: z.string().max(200).optional().meta({ description: '上一页返回的 nextCursor' }),
    limit: z.int('应是整数').min(1, '不能小于 1').max(50, '不能大于 50').optional().meta({ description: '每页条数，默认 20，最多 50' }),
    caseType: oneOf(CASE_TYPES, '没有这类案件').optional().meta({ description: '只看这一类案件', example: 'hardship_application' }),
    state: z
      .string()
      .regex(/^[a-z_]{1,40}$/, '不是一个步骤名')
      .optional()
      .meta({ description: '只看这一步（须同时选案件类型）', example: 'home_visit' }),
    organizationId: id.optional().meta({ description: '只看这个组织及其下级（须在自己的范围内）' }),
    overdue: z.boolean('应是 true 或 false').optional().meta({ description: '只看已超期未办结的' }),
    open: z.boolean('应是 true 或 false').optional().meta({ description: 'true 只看未办结的，false 只看已办结的' }),
    applicant: z
      .string()
      .trim()
      .min(1, '请填写申请人姓名或身份证号')
      .max(30, '最多 30 个字')
      .optional()
      .meta({ description: '申请人：身份证号（按盲索引精确查找）或姓名（按脱敏后的姓名比对）', example: '张三' }),
  })
  .superRefine((q, ctx) => {
    if (q.state === undefined) return;
    if (!q.caseType) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: '按步骤查找时请先选案件类型' });
      return;
    }
    const def = workflowOf(q.caseType);
    if (def && !Object.prototype.hasOwnProperty.call(def.states, q.state)) {
      ctx.addIssue({ code: 'custom', path: ['state'], message: `“${def.label}”没有这一步` });
    }
  });
export type CaseSearchQuery = z.output<typeof caseSearchQuery>;

/** How a search's `applicant` is matched: by the ID's blind index, or by the masked name. */
export type ApplicantMatch = { by: 'idNumber'; idNumber: string } | { by: 'maskedName'; maskedName: string };

/** Read a search's `applicant`: 18 characters that are a valid ID number are one; anything else is a name. */
export function applicantMatch(applicant: string): ApplicantMatch {
  const value = applicant.trim();
  if (/^\d{17}[\dXx]$/.test(value) && isValidIdNumber(value)) return { by: 'idNumber', idNumber: value.toUpperCase() };
  // A name already masked as lists show it (张*) is compared as it is.
  return { by: 'maskedName', maskedName: value.includes('*') ? value : maskName(value) };
}

// --- answers ----------------------------------------------------------------------------
// The case API's and the workbench's answers are schemas too: their types are inferred from them,
// the OpenAPI document shows them, and under the tests every answer is parsed by its schema.

const STATE_TONES = ['primary', 'success', 'danger', 'warning', 'default'] as const satisfies readonly StateTone[];

/** Deadline of the current step (working days by the county's calendar). */
export const deadlineView = z.object({
  dueAt: instant,
  workingDaysLeft: z.int().meta({ description: '剩余工作日；当天为 0，超期为负' }),
  overdue: z.boolean(),
});

/** One step the actor may take now (or see blocked, with the reason). */
export const actionView = z.object({
  action: z.string(),
  label: z.string(),
  requiresComment: z.boolean(),
  requiresTargetOrganization: z.boolean(),
  confirm: z.string().nullable(),
  form: z.string().nullable().meta({ description: '要填表的步骤走自己的接口' }),
  tone: z.enum(['default', 'danger'] as const satisfies readonly ActionTone[]),
  blockedReason: z.string().nullable(),
});

/** The states of a workflow table as an enum (a view's `state`). */
export const statesOf = <S extends string>(states: Record<S, unknown>) => z.enum(Object.keys(states) as [S, ...S[]]);
/** A view's `actions`: the table's actions only. */
export const actionsOf = <A extends string>(transitions: Record<A, unknown>) =>
  z.array(actionView.extend({ action: z.enum(Object.keys(transitions) as [A, ...A[]]) }));

/** One row of a case's history. */
export const historyEntryView = z.object({
  id: id,
  action: z.string(),
  actionLabel: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  actorName: z.string(),
  comment: z.string().nullable(),
  at: instant,
});

/** GET /api/cases/:id and POST /api/cases/:id/transitions: one case as every case type shows it. */
export const caseView = z.object({
  id: id,
  caseType: oneOf(CASE_TYPES),
  caseTypeLabel: z.string(),
  subjectId: id.meta({ description: '案件对应的业务记录' }),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  stateTone: z.enum(STATE_TONES),
  terminal: z.boolean().meta({ description: '已办结：没有哪一步能离开这个状态' }),
  holder: z.enum(['applicant', 'staff', 'none']),
  version: z.int().min(1).meta({ description: '办理时要带上的版本号（比较并设置）' }),
  submittedAt: instant,
  closedAt: instant.nullable(),
  deadline: deadlineView.nullable(),
  route: z.string().nullable().meta({ description: '看这件案子的页面（申请人或工作人员一侧）' }),
  staffStep: z.string().nullable().meta({ description: '工作人员在这一步要做什么（只给办理这件事的工作人员）' }),
  actions: z.array(actionView),
  history: z.array(historyEntryView),
});

/** One row of the staff workbench queue (oldest due first). */
export const workbenchItem = z.object({
  caseType: oneOf(WORKBENCH_CASE_TYPES),
  caseTypeLabel: z.string(),
  caseId: id.meta({ description: '案件编号（/api/cases/:id）' }),
  id: id.meta({ description: '案件对应的业务记录' }),
  route: z.string().nullable(),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  applicantNameMasked: z.string().meta({ description: '申请人姓名（脱敏）', example: '张*' }),
  organizationName: z.string(),
  submittedAt: instant,
  deadline: deadlineView.nullable(),
  staffStep: z.string().nullable().meta({ description: '这一步要做什么' }),
});

/** GET /api/workbench/queue */
export const workbenchPage = pageOf(workbenchItem);

/** GET /api/workbench/summary: one queue per step the actor can act on. */
export const workbenchStepSummary = z.object({
  caseType: oneOf(WORKBENCH_CASE_TYPES),
  caseTypeLabel: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  count: z.int().min(0),
  overdue: z.int().min(0),
});
export const workbenchSummary = z.array(workbenchStepSummary);

/** GET /api/workbench/assignments: what waits for a judge or an expert personally (not in the case queue). */
export const workbenchAssignments = z.object({
  scoring: z.int().min(0).meta({ description: '进行中的比赛里，本评委还没打分的参赛者' }),
  reviews: z.int().min(0).meta({ description: '评审中的建议里，分给本专家而还没给意见的' }),
});

export type DeadlineView = z.output<typeof deadlineView>;
export type HistoryEntryView = z.output<typeof historyEntryView>;
export type CaseView = z.output<typeof caseView>;
export type WorkbenchItem = z.output<typeof workbenchItem>;
export type WorkbenchStepSummary = z.output<typeof workbenchStepSummary>;
export type WorkbenchAssignments = z.output<typeof workbenchAssignments>;

/** One case of a staff search (the answer's schema: the server's type is inferred from it). */
export const caseSearchItem = z.object({
  caseId: id.meta({ description: '案件编号（/api/cases/:id）' }),
  caseType: oneOf(CASE_TYPES),
  caseTypeLabel: z.string(),
  subjectId: id.meta({ description: '案件对应的业务记录' }),
  route: z.string().nullable().meta({ description: '工作人员办理页面' }),
  title: z.string(),
  state: z.string(),
  stateLabel: z.string(),
  stateTone: z.string(),
  terminal: z.boolean(),
  applicantNameMasked: z.string().meta({ description: '申请人姓名（脱敏）', example: '张*' }),
  organizationName: z.string(),
  submittedAt: instant,
  closedAt: instant.nullable(),
  deadline: deadlineView.nullable(),
});
export type CaseSearchItem = z.output<typeof caseSearchItem>;

/** The answer of POST /api/cases/search: a page of {@link caseSearchItem}. */
export const caseSearchPage = pageOf(caseSearchItem);
export type CaseSearchPage = z.output<typeof caseSearchPage>;

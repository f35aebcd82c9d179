import { isValidIdNumber, maskName } from '../pii';
import { CASE_TYPES, workflowOf } from '../workflow/registry';
import { id, instant, oneOf, z } from './common';

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

const deadlineView = z.object({
  dueAt: instant,
  workingDaysLeft: z.int().meta({ description: '剩余工作日；当天为 0，超期为负' }),
  overdue: z.boolean(),
});

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
export const caseSearchPage = z.object({
  items: z.array(caseSearchItem),
  nextCursor: z.string().nullable().meta({ description: '下一页的 after；没有更多时为 null' }),
});
export type CaseSearchPage = z.output<typeof caseSearchPage>;

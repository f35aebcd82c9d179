import type { Permission } from '../permissions';
import type { OrganizationLevel } from '../organizations';
import type { WorkflowDef } from './engine';

/**
 * Why a step that ends a public notice (公示) cannot be taken yet, or null when it can: the notice is
 * still running, or an objection is open. Staff see this under a disabled button instead of a
 * button that fails; the step's own check refuses with the same facts.
 */
export function noticeHoldReason(
  endsAt: Date | string | null,
  openObjections: number,
  next: string,
  now: number = Date.now(),
): string | null {
  const end = endsAt === null ? null : new Date(endsAt);
  if (end && end.getTime() > now) return `公示期到 ${chinaMinute(end)} 结束，之后才能${next}`;
  if (openObjections > 0) return `还有 ${openObjections} 条异议没有处理，处理完才能${next}`;
  return null;
}

/** 2026-12-07 14:00 in China time. */
function chinaMinute(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export type ObjectionState = 'open' | 'resolved';
export type ObjectionAction = 'resolve';

/**
 * An objection to a public notice (公示异议) is a case of its own: raised (online by anyone signed
 * in, or recorded by staff from a visit, a call or a letter), then answered once by the staff who
 * handle the notice's case. It has no page of its own: it is shown and answered on the page of the
 * case whose notice it is about (`partOf: 'notice'`), and it has no deadline, so it waits on that
 * page rather than in the workbench queue. Staff who record an objection received offline are not
 * its objector, so the type is opened by staff; answering one's own online objection is refused
 * by the process.
 */
function objectionWorkflow(
  caseType: string,
  label: string,
  handler: { permission: Permission; levels?: readonly OrganizationLevel[] },
): WorkflowDef<ObjectionState, ObjectionAction> {
  return {
    caseType,
    label,
    subjectType: 'notice_objections',
    routes: { applicant: null, staff: null },
    partOf: 'notice',
    openedByStaff: true,
    initial: 'open',
    states: {
      open: {
        label: '待处理',
        tone: 'warning',
        holder: 'staff',
        nextStep: '工会核实后答复，处理完之前公示的事项不会往下办',
        staffStep: '核实异议，写明处理结果',
      },
      resolved: { label: '已答复', tone: 'success', holder: 'none', terminal: true, nextStep: '异议已答复，处理结果见下方' },
    },
    transitions: {
      resolve: {
        from: ['open'],
        to: 'resolved',
        label: '答复异议',
        actor: 'staff',
        permission: handler.permission,
        ...(handler.levels ? { levels: handler.levels } : {}),
        form: 'objection_resolution',
      },
    },
  };
}

/** Objections to a hardship application's notice: answered by hardship staff in its scope. */
export const HARDSHIP_OBJECTION_WORKFLOW = objectionWorkflow('hardship_objection', '困难帮扶公示异议', {
  permission: 'hardship.file.view',
});

/** Objections to a competition's results on notice: answered by the organisers. */
export const COMPETITION_OBJECTION_WORKFLOW = objectionWorkflow('competition_objection', '竞赛结果公示异议', {
  permission: 'competition.manage',
});

/** Objections to an honour nomination on notice: answered by the county federation. */
export const NOMINATION_OBJECTION_WORKFLOW = objectionWorkflow('nomination_objection', '荣誉推荐公示异议', {
  permission: 'honour.manage',
  levels: ['county'],
});

/** The objection case type of each case type that puts something on notice. */
export const OBJECTION_CASE_TYPE: Readonly<Record<string, string>> = {
  hardship_application: HARDSHIP_OBJECTION_WORKFLOW.caseType,
  competition: COMPETITION_OBJECTION_WORKFLOW.caseType,
  honour_nomination: NOMINATION_OBJECTION_WORKFLOW.caseType,
};

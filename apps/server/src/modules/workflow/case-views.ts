import { Injectable } from '@nestjs/common';
import { workflowOf, type DeadlineView, type HistoryEntryView, type StateTone, type WorkflowDef } from '@union/shared';
import type { CaseHistory } from './entities/case-history.entity';
import type { WorkflowCase } from './entities/workflow-case.entity';
import { RECUSE_ACTION } from './transition.service';
import { Clock } from '../../common/clock';
import { WorkCalendars } from './work-calendars';

/** A case as its workflow table names it. */
export interface CaseDescription {
  caseTypeLabel: string;
  stateLabel: string;
  stateTone: StateTone;
  terminal: boolean;
  staffStep: string | null;
}

/** Labels of history rows that are not transitions of the table. */
const HISTORY_LABEL: Record<string, string> = { submit: '提交', [RECUSE_ACTION]: '本人回避' };

/** What every case type shows the same way: the current step's deadline and the history. */
@Injectable()
export class CaseViews {
  constructor(
    private readonly clock: Clock,
    private readonly calendars: WorkCalendars,
  ) {}

  /** What the case's table says of it where it is now: the type's and the state's names, tone, end, the staff's step. */
  describe(kase: Pick<WorkflowCase, 'caseType' | 'state'>): CaseDescription {
    const def = workflowOf(kase.caseType);
    const state = def?.states[kase.state];
    return {
      caseTypeLabel: def?.label ?? kase.caseType,
      stateLabel: state?.label ?? kase.state,
      stateTone: state?.tone ?? 'default',
      terminal: !!state?.terminal,
      staffStep: state?.staffStep ?? null,
    };
  }

  deadline(kase: WorkflowCase, now = this.clock.now()): DeadlineView | null {
    if (!kase.dueAt || kase.closedAt) return null;
    const left = this.calendars.forPath(kase.organizationPath).workingDaysLeft(now, kase.dueAt);
    return { dueAt: kase.dueAt.toISOString(), workingDaysLeft: left, overdue: now.getTime() > kase.dueAt.getTime() };
  }

  history<S extends string, A extends string>(def: WorkflowDef<S, A>, rows: CaseHistory[]): HistoryEntryView[] {
    return rows.map((h) => ({
      id: h.id,
      action: h.action,
      actionLabel: HISTORY_LABEL[h.action] ?? def.transitions[h.action as A]?.label ?? h.action,
      fromState: h.fromState,
      toState: h.toState,
      actorName: h.actorName,
      comment: h.comment,
      at: h.createdAt.toISOString(),
    }));
  }
}

import { Injectable } from '@nestjs/common';
import { WorkCalendar, type DeadlineView, type HistoryEntryView, type WorkflowDef } from '@union/shared';
import type { CaseHistory } from './entities/case-history.entity';
import type { WorkflowCase } from './entities/workflow-case.entity';
import { RECUSE_ACTION } from './transition.service';
import { Clock } from '../../common/clock';

/** Labels of history rows that are not transitions of the table. */
const HISTORY_LABEL: Record<string, string> = { submit: '提交', [RECUSE_ACTION]: '本人回避' };

/** What every case type shows the same way: the current step's deadline and the history. */
@Injectable()
export class CaseViews {
  constructor(
    private readonly clock: Clock,
    private readonly calendar: WorkCalendar,
  ) {}

  deadline(kase: WorkflowCase, now = this.clock.now()): DeadlineView | null {
    if (!kase.dueAt || kase.closedAt) return null;
    const left = this.calendar.workingDaysLeft(now, kase.dueAt);
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

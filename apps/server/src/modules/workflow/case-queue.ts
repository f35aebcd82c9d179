import type { EntityManager } from 'typeorm';
import { CaseQueueEntry } from './entities/case-queue-entry.entity';
import type { WorkflowCase } from './entities/workflow-case.entity';

/** What of a case decides its rows in the staff's queues. */
export type QueuedFields = Pick<
  WorkflowCase,
  'id' | 'caseType' | 'state' | 'holder' | 'dueAt' | 'organizationPath' | 'applicantUserId' | 'assigneeUserId'
>;

/** True when the case is in the staff's queues: it waits for staff and its step has a deadline. */
export function isQueued(kase: Pick<WorkflowCase, 'holder' | 'dueAt'>): boolean {
  return kase.holder === 'staff' && kase.dueAt !== null && kase.dueAt !== undefined;
}

/** The ids of the organisations on a path (`/1/4/9/` → 1, 4, 9): the case's own and every one above it. */
export function pathIds(organizationPath: string): number[] {
  return organizationPath
    .split('/')
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
}

/** The queue rows of a case: one per organisation on its path while it is queued, none otherwise. */
export function queueRowsOf(kase: QueuedFields): CaseQueueEntry[] {
  if (!isQueued(kase)) return [];
  return pathIds(kase.organizationPath).map((organizationId) =>
    Object.assign(new CaseQueueEntry(), {
      organizationId,
      caseType: kase.caseType,
      state: kase.state,
      dueAt: kase.dueAt as Date,
      caseId: kase.id,
      applicantUserId: kase.applicantUserId,
      assigneeUserId: kase.assigneeUserId ?? null,
    }),
  );
}

function sameQueueRows(a: QueuedFields, b: QueuedFields): boolean {
  return (
    isQueued(a) === isQueued(b) &&
    (!isQueued(a) ||
      (a.caseType === b.caseType &&
        a.state === b.state &&
        (a.dueAt as Date).getTime() === (b.dueAt as Date).getTime() &&
        a.organizationPath === b.organizationPath &&
        a.applicantUserId === b.applicantUserId &&
        (a.assigneeUserId ?? null) === (b.assigneeUserId ?? null)))
  );
}

/**
 * Bring a case's queue rows in line with the case after a change, inside the change's transaction:
 * nothing when the change does not touch the queues, one delete when the case leaves them, one
 * multi-row insert when it enters them, a delete and an insert when it moves within them. `before`
 * is the case as it was (null for a case just opened).
 */
export async function syncQueue(manager: EntityManager, before: QueuedFields | null, after: QueuedFields): Promise<void> {
  if (before && sameQueueRows(before, after)) return;
  if (before && isQueued(before)) await manager.getRepository(CaseQueueEntry).delete({ caseId: after.id });
  const rows = queueRowsOf(after);
  if (rows.length) await manager.createQueryBuilder().insert().into(CaseQueueEntry).values(rows).updateEntity(false).execute();
}

/** Rewrite a case's queue rows from the case as it is in the database now (after an edit of its row). */
export async function requeue(manager: EntityManager, kase: QueuedFields): Promise<void> {
  await manager.getRepository(CaseQueueEntry).delete({ caseId: kase.id });
  const rows = queueRowsOf(kase);
  if (rows.length) await manager.createQueryBuilder().insert().into(CaseQueueEntry).values(rows).updateEntity(false).execute();
}

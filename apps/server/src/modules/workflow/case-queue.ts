import type { EntityManager } from 'typeorm';
import { QUEUE_COUNT_SHARDS } from './entities/case-queue-count.entity';
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

/** The change of every count a case's rows move (−1 for each row it leaves, +1 for each it enters), nonzero only. */
function countChanges(removed: CaseQueueEntry[], added: CaseQueueEntry[]): { key: [number, string, string, number]; delta: number }[] {
  const deltas = new Map<string, { key: [number, string, string, number]; delta: number }>();
  const move = (row: CaseQueueEntry, by: number) => {
    const key: [number, string, string, number] = [row.organizationId, row.caseType, row.state, row.caseId % QUEUE_COUNT_SHARDS];
    const id = key.join('|');
    const entry = deltas.get(id) ?? { key, delta: 0 };
    entry.delta += by;
    deltas.set(id, entry);
  };
  for (const row of removed) move(row, -1);
  for (const row of added) move(row, 1);
  // In key order, so that two steps at once take the count rows' locks in the same order.
  return [...deltas.values()].filter((d) => d.delta !== 0).sort((a, b) => (a.key.join('|') < b.key.join('|') ? -1 : 1));
}

/** Add the changes to the counts in one statement (a count's row is made on its first case). */
async function moveCounts(manager: EntityManager, removed: CaseQueueEntry[], added: CaseQueueEntry[]): Promise<void> {
  const changes = countChanges(removed, added);
  if (changes.length === 0) return;
  const values = changes.map(() => '(?, ?, ?, ?, ?)').join(', ');
  const upsert =
    manager.connection.options.type === 'sqljs'
      ? 'ON CONFLICT (organization_id, case_type, state, shard) DO UPDATE SET waiting = waiting + excluded.waiting'
      : 'ON DUPLICATE KEY UPDATE waiting = waiting + VALUES(waiting)';
  await manager.query(
    `INSERT INTO case_queue_counts (organization_id, case_type, state, shard, waiting) VALUES ${values} ${upsert}`,
    changes.flatMap((c) => [...c.key, c.delta]),
  );
}

/**
 * Bring a case's queue rows (and the queues' counts) in line with the case after a change, inside
 * the change's transaction: nothing when the change does not touch the queues, one delete when the
 * case leaves them, one multi-row insert when it enters them, a delete and an insert when it moves
 * within them, and one statement for the counts. `before` is the case as it was (null for a case
 * just opened).
 */
export async function syncQueue(manager: EntityManager, before: QueuedFields | null, after: QueuedFields): Promise<void> {
  if (before && sameQueueRows(before, after)) return;
  await replaceRows(manager, after, before ? queueRowsOf(before) : []);
}

/** Rewrite a case's queue rows (and the counts) from the case as it is in the database now (after an edit of its row). */
export async function requeue(manager: EntityManager, kase: QueuedFields): Promise<void> {
  await replaceRows(manager, kase, await manager.getRepository(CaseQueueEntry).findBy({ caseId: kase.id }));
}

/** Replace the case's rows `removed` by the rows it calls for now, and move the counts by the difference. */
async function replaceRows(manager: EntityManager, kase: QueuedFields, removed: CaseQueueEntry[]): Promise<void> {
  if (removed.length) await manager.getRepository(CaseQueueEntry).delete({ caseId: kase.id });
  const added = queueRowsOf(kase);
  if (added.length) await manager.createQueryBuilder().insert().into(CaseQueueEntry).values(added).updateEntity(false).execute();
  await moveCounts(manager, removed, added);
}

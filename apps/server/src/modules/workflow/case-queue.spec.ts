import type { EntityManager } from 'typeorm';
import { pathIds, queueRowsOf, syncQueue } from './case-queue';
import type { CaseQueueEntry } from './entities/case-queue-entry.entity';
import { caseRow } from './testing/fakes';

/** A manager that records what syncQueue writes: deletes, inserted queue rows, and the count changes. */
function recordingManager() {
  const deletes: unknown[] = [];
  const inserted: CaseQueueEntry[] = [];
  const counts: { key: string; delta: number }[] = [];
  const qb = {
    insert: () => qb,
    into: () => qb,
    values: (rows: CaseQueueEntry[]) => {
      inserted.push(...rows);
      return qb;
    },
    updateEntity: () => qb,
    execute: () => Promise.resolve({}),
  };
  const manager = {
    connection: { options: { type: 'sqljs' } },
    getRepository: () => ({ delete: (where: unknown) => Promise.resolve(void deletes.push(where)) }),
    createQueryBuilder: () => qb,
    query: (sql: string, params: unknown[]) => {
      expect(sql).toContain('INSERT INTO case_queue_counts');
      for (let i = 0; i < params.length; i += 5) counts.push({ key: params.slice(i, i + 4).join('|'), delta: params[i + 4] as number });
      return Promise.resolve([]);
    },
  } as unknown as EntityManager;
  return { manager, deletes, inserted, counts };
}

const due = new Date('2026-12-20T15:59:59.999Z');
const waiting = caseRow({ id: 17, holder: 'staff', state: 'submitted', dueAt: due, organizationPath: '/1/4/9/', organizationId: 9 });

describe('the staff queues kept with each change of a case', () => {
  it('gives a waiting case a row for its organisation and each above it, and none once nobody on staff must act', () => {
    expect(pathIds('/1/4/9/')).toEqual([1, 4, 9]);
    expect(queueRowsOf(waiting).map((r) => r.organizationId)).toEqual([1, 4, 9]);
    expect(queueRowsOf({ ...waiting, holder: 'applicant' })).toEqual([]);
    expect(queueRowsOf({ ...waiting, dueAt: null })).toEqual([]);
  });

  it('opening a waiting case inserts its rows and counts one more in each queue (its shard by case id)', async () => {
    const r = recordingManager();
    await syncQueue(r.manager, null, waiting);
    expect(r.deletes).toEqual([]);
    expect(r.inserted.map((row) => row.organizationId)).toEqual([1, 4, 9]);
    expect(r.counts).toEqual([
      { key: '1|membership_application|submitted|1', delta: 1 },
      { key: '4|membership_application|submitted|1', delta: 1 },
      { key: '9|membership_application|submitted|1', delta: 1 },
    ]);
  });

  it('a step out of the staff queues deletes the rows and counts one less; nothing at all when nothing the queues hold changed', async () => {
    const out = recordingManager();
    await syncQueue(out.manager, waiting, { ...waiting, state: 'approved', holder: 'none', dueAt: null });
    expect(out.deletes).toEqual([{ caseId: 17 }]);
    expect(out.inserted).toEqual([]);
    expect(out.counts.map((c) => c.delta)).toEqual([-1, -1, -1]);
    const same = recordingManager();
    await syncQueue(same.manager, waiting, Object.assign({}, waiting, { title: '另一个标题', version: 5 }));
    expect([same.deletes, same.inserted, same.counts]).toEqual([[], [], []]);
  });

  it('a new deadline rewrites the rows but leaves the counts; a move to another union moves only the counts that differ', async () => {
    const later = recordingManager();
    await syncQueue(later.manager, waiting, { ...waiting, dueAt: new Date(due.getTime() + 86_400_000) });
    expect(later.deletes).toHaveLength(1);
    expect(later.inserted).toHaveLength(3);
    expect(later.counts).toEqual([]);
    const moved = recordingManager();
    await syncQueue(moved.manager, waiting, Object.assign({}, waiting, { organizationId: 5, organizationPath: '/1/5/' }));
    expect(moved.inserted.map((row) => row.organizationId)).toEqual([1, 5]);
    // In key order, so that two steps at once take the count rows' locks in the same order.
    expect(moved.counts).toEqual([
      { key: '4|membership_application|submitted|1', delta: -1 },
      { key: '5|membership_application|submitted|1', delta: 1 },
      { key: '9|membership_application|submitted|1', delta: -1 },
    ]);
  });
});

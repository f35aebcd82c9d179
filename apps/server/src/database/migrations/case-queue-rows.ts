import type { RawQuery } from './legacy-cases';

/**
 * Rebuild `case_queue` from `workflow_cases`: every case waiting for staff with a deadline gets a
 * row for its organisation and each one above it (every organisation whose path starts its path),
 * as the transition service writes them. `concat` is the dialect's string concatenation (MySQL's
 * CONCAT, SQLite's ||), and the queues' counts from them. Answers how many rows it wrote.
 */
export async function rebuildCaseQueue(query: RawQuery, concat: (a: string, b: string) => string): Promise<number> {
  await query('DELETE FROM case_queue');
  await query(
    `INSERT INTO case_queue (organization_id, case_type, state, due_at, case_id, applicant_user_id, assignee_user_id)
     SELECT o.id, c.case_type, c.state, c.due_at, c.id, c.applicant_user_id, c.assignee_user_id
     FROM workflow_cases c JOIN organizations o ON c.organization_path LIKE ${concat('o.path', "'%'")}
     WHERE c.holder = 'staff' AND c.due_at IS NOT NULL`,
  );
  await rebuildQueueCounts(query);
  const [row] = (await query('SELECT COUNT(*) AS n FROM case_queue')) as { n: number | string }[];
  return Number(row.n);
}

/** Rebuild `case_queue_counts` from `case_queue`: per organisation, case type, step and shard (case id modulo 8). */
export async function rebuildQueueCounts(query: RawQuery): Promise<void> {
  await query('DELETE FROM case_queue_counts');
  await query(
    `INSERT INTO case_queue_counts (organization_id, case_type, state, shard, waiting)
     SELECT organization_id, case_type, state, case_id % 8, COUNT(*) FROM case_queue GROUP BY organization_id, case_type, state, case_id % 8`,
  );
}

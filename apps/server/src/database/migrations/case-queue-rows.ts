import type { RawQuery } from './legacy-cases';

/**
 * Rebuild `case_queue` from `workflow_cases`: every case waiting for staff with a deadline gets a
 * row for its organisation and each one above it (the organisations its path names), as the
 * transition service writes them, and the queues' counts from them. On MySQL/MariaDB one pass per
 * level of the tree joins the path's first `d` parts to the organisations' path index (an equality,
 * so a province's tree costs what a county's does); SQLite (the embedded database, one county)
 * joins every organisation whose path starts the case's. Answers how many rows it wrote.
 */
export async function rebuildCaseQueue(query: RawQuery, dialect: 'mysql' | 'sqlite'): Promise<number> {
  await query('DELETE FROM case_queue');
  const columns = 'organization_id, case_type, state, due_at, case_id, applicant_user_id, assignee_user_id';
  const picked = 'o.id, c.case_type, c.state, c.due_at, c.id, c.applicant_user_id, c.assignee_user_id';
  const waiting = "c.holder = 'staff' AND c.due_at IS NOT NULL";
  if (dialect === 'sqlite') {
    await query(
      `INSERT INTO case_queue (${columns}) SELECT ${picked}
       FROM workflow_cases c JOIN organizations o ON c.organization_path LIKE o.path || '%' WHERE ${waiting}`,
    );
  } else {
    const slashes = (column: string) => `(LENGTH(${column}) - LENGTH(REPLACE(${column}, '/', '')))`;
    const [{ depth }] = (await query(`SELECT COALESCE(MAX(${slashes('path')}), 1) - 1 AS depth FROM organizations`)) as {
      depth: number | string;
    }[];
    for (let d = 1; d <= Number(depth); d += 1) {
      await query(
        `INSERT INTO case_queue (${columns}) SELECT ${picked}
         FROM workflow_cases c JOIN organizations o ON o.path = CONCAT(SUBSTRING_INDEX(c.organization_path, '/', ?), '/')
         WHERE ${waiting} AND ${slashes('c.organization_path')} > ?`,
        [d + 1, d],
      );
    }
  }
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

import { maskName } from '@union/shared';
import type { DataSource } from 'typeorm';
import { rebuildCaseQueue, rebuildQueueCounts } from './migrations/case-queue-rows';
import {
  moveLegacyObjections,
  openLegacyEntryCases,
  openLegacyObjectionCases,
  openLegacyFileCases,
  openLegacyMembershipCases,
  type RawQuery,
} from './migrations/legacy-cases';

/** Tables of a database: names of its tables. */
async function tablesOf(ds: DataSource): Promise<Set<string>> {
  return new Set(((await ds.query("SELECT name FROM sqlite_master WHERE type = 'table'")) as { name: string }[]).map((t) => t.name));
}

/**
 * Before the schema is synchronised with the entities (which drops the columns no entity has, with
 * their data): set aside what a later step moves, so that nothing is lost. Idempotent.
 * - AddHardshipFileCases, AddMembershipCases, AddEntryCases: the household files, members and
 *   competition entries of an earlier
 *   version, whose lifecycle columns the synchronisation would drop, are renamed to
 *   `<table>_legacy`; {@link upgradeEmbeddedData} gives each its case and brings it back.
 * - MovePublicNotices: the ends of competitions' and nominations' notices are copied aside.
 * - AddObjectionCases: the objections kept open or answered on their rows are set aside as
 *   `notice_objections_legacy`; {@link upgradeEmbeddedData} gives each its case and brings it back.
 */
export async function setAsideBeforeSynchronize(ds: DataSource): Promise<string[]> {
  const done: string[] = [];
  if (
    await setAside(ds, 'hardship_files', 'status', [
      'idx_hardship_files_scope',
      'idx_hardship_files_recheck',
      'idx_hardship_files_applicant',
      'idx_hardship_files_follow_up',
    ])
  ) {
    done.push('household files of an earlier version set aside');
  }
  if (await setAside(ds, 'members', 'withdrawn_at', ['idx_members_org_status', 'idx_members_user', 'idx_members_id_index'])) {
    done.push('members of an earlier version set aside');
  }
  const entryIndexes = [
    'uq_competition_entry_active',
    'idx_competition_entries_event',
    'idx_competition_entries_registrant',
    'idx_competition_entries_competition',
  ];
  if (await setAside(ds, 'competition_entries', 'checked_in_at', entryIndexes)) {
    done.push('competition entries of an earlier version set aside');
  }
  if (await setAside(ds, 'notice_objections', 'status', ['idx_notice_objections_case'])) {
    done.push('objections of an earlier version set aside');
  }
  const ends = await setAsideNoticeEnds(ds);
  if (ends) done.push(`the ends of ${ends} competition and nomination notices set aside`);
  return done;
}

/**
 * MovePublicNotices: the ends of competitions' and nominations' notices (`notice_ends_at`, which the
 * synchronisation drops) into `legacy_notice_ends`, with when each started (its last
 * `start_notice` step, else its length before the end); {@link upgradeEmbeddedData} moves them
 * into `public_notices`. Answers how many.
 */
async function setAsideNoticeEnds(ds: DataSource): Promise<number> {
  const tables = await tablesOf(ds);
  if (tables.has('legacy_notice_ends') || !tables.has('workflow_cases')) return 0;
  const sources = [
    { table: 'competitions', caseType: 'competition', days: "x.notice_days || ' days'" },
    { table: 'honour_nominations', caseType: 'honour_nomination', days: "'5 days'" },
  ];
  const withColumn: typeof sources = [];
  for (const source of sources) {
    if (!tables.has(source.table)) continue;
    const columns = ((await ds.query(`PRAGMA table_info(${source.table})`)) as { name: string }[]).map((c) => c.name);
    if (columns.includes('notice_ends_at')) withColumn.push(source);
  }
  if (withColumn.length === 0) return 0;
  return ds.transaction(async (m) => {
    await m.query(
      'CREATE TABLE legacy_notice_ends (case_id INTEGER NOT NULL, case_type TEXT NOT NULL, organization_path TEXT NOT NULL, starts_at DATETIME NOT NULL, ends_at DATETIME NOT NULL)',
    );
    for (const { table, caseType, days } of withColumn) {
      await m.query(
        `INSERT INTO legacy_notice_ends (case_id, case_type, organization_path, starts_at, ends_at)
         SELECT x.case_id, ?, c.organization_path,
                COALESCE((SELECT MAX(h.created_at) FROM case_history h WHERE h.case_id = x.case_id AND h.action = 'start_notice'),
                         strftime('%Y-%m-%d %H:%M:%f', x.notice_ends_at, '-' || ${days})),
                x.notice_ends_at
         FROM ${table} x JOIN workflow_cases c ON c.id = x.case_id WHERE x.notice_ends_at IS NOT NULL`,
        [caseType],
      );
    }
    const [{ n }] = (await m.query('SELECT COUNT(*) AS n FROM legacy_notice_ends')) as { n: number }[];
    return Number(n);
  });
}

/**
 * The rows of `<table>_legacy` back into `table` (today's columns), each with the case `open` gives
 * it (case type `caseType`), in one transaction; the legacy table goes. Answers how many rows.
 */
async function bringBack(
  ds: DataSource,
  table: string,
  caseType: string,
  open: (query: RawQuery, legacyTable: string) => Promise<Map<number, number>>,
): Promise<number> {
  return ds.transaction(async (m) => {
    const caseIds = await open((sql, params) => m.query(sql, params), `${table}_legacy`);
    const columns = ((await m.query(`PRAGMA table_info(${table})`)) as { name: string }[])
      .map((c) => c.name)
      .filter((c) => c !== 'case_id');
    await m.query(
      `INSERT INTO ${table} (${columns.join(', ')}, case_id)
       SELECT ${columns.map((c) => `l.${c}`).join(', ')}, (SELECT c.id FROM workflow_cases c WHERE c.case_type = ? AND c.subject_id = l.id)
       FROM ${table}_legacy l`,
      [caseType],
    );
    await m.query(`DROP TABLE ${table}_legacy`);
    return caseIds.size;
  });
}

/** Rename `table` to `<table>_legacy` when it still has `column` (its indexes go first: SQLite's index names are global). */
async function setAside(ds: DataSource, table: string, column: string, indexes: string[]): Promise<boolean> {
  const tables = await tablesOf(ds);
  if (!tables.has(table) || tables.has(`${table}_legacy`)) return false;
  const columns = ((await ds.query(`PRAGMA table_info(${table})`)) as { name: string }[]).map((c) => c.name);
  if (!columns.includes(column)) return false;
  await ds.transaction(async (m) => {
    for (const index of indexes) await m.query(`DROP INDEX IF EXISTS ${index}`);
    await m.query(`ALTER TABLE ${table} RENAME TO ${table}_legacy`);
  });
  return true;
}

/**
 * The embedded database keeps its schema by synchronising with the entities, which adds tables
 * and columns but moves no data. What a MySQL migration does to rows, this does for a data folder
 * kept from an earlier version, at start and idempotently (nothing to do on a new database):
 * - AddRuleSets: the rule versions of `hardship_rule_sets` / `legal_rule_sets` into `rule_sets`
 *   (hardship keeps its ids: applications point at them), then the old tables go;
 * - AddCaseSearch: membership applications get the masked name and ID index they were filed with;
 *   other cases without the applicant's masked name get it from the applicant's name.
 * - AddHardshipFileCases: the files set aside before synchronising get their cases (as the
 *   migration does) and come back into `hardship_files`; `hardship_file_events` goes.
 * - AddMembershipCases: so do the members set aside, with the cases of their memberships.
 * - MoveObjectionsToNotices: the objections of the three old tables into `notice_objections`.
 * - AddEntryCases: the competition entries set aside get their cases and come back.
 * - MovePublicNotices: the hardship notices and the notice ends set aside into `public_notices`.
 * - AddObjectionCases: the objections set aside (and those moved from the three old tables) get
 *   their cases, as the migration does, and come back into `notice_objections`.
 * - MarkRevokedModelWorkers: the model workers of nominations revoked before are marked revoked.
 */
export async function upgradeEmbeddedData(ds: DataSource): Promise<string[]> {
  const done: string[] = [];
  const tables = await tablesOf(ds);
  const common = 'county_organization_id, version, effective_from, rules, created_by_user_id, created_by_name, created_at';
  // Only where today's tables are there (a data source of other entities has nothing to upgrade).
  if (tables.has('rule_sets') && (tables.has('hardship_rule_sets') || tables.has('legal_rule_sets'))) {
    await ds.transaction(async (m) => {
      if (tables.has('hardship_rule_sets')) {
        await m.query(
          `INSERT INTO rule_sets (id, kind, year, ${common}) SELECT id, 'hardship', year, ${common} FROM hardship_rule_sets
           WHERE NOT EXISTS (SELECT 1 FROM rule_sets r WHERE r.kind = 'hardship' AND r.county_organization_id = hardship_rule_sets.county_organization_id AND r.version = hardship_rule_sets.version)`,
        );
        await m.query('DROP TABLE hardship_rule_sets');
      }
      if (tables.has('legal_rule_sets')) {
        await m.query(
          `INSERT INTO rule_sets (kind, year, ${common}) SELECT 'legal_aid', NULL, ${common} FROM legal_rule_sets
           WHERE NOT EXISTS (SELECT 1 FROM rule_sets r WHERE r.kind = 'legal_aid' AND r.county_organization_id = legal_rule_sets.county_organization_id AND r.version = legal_rule_sets.version)`,
        );
        await m.query('DROP TABLE legal_rule_sets');
      }
    });
    done.push('rule sets moved into rule_sets');
  }
  if (!tables.has('workflow_cases') || !tables.has('users')) return done;
  if (tables.has('hardship_files_legacy')) {
    const files = await ds.transaction(async (m) => {
      const caseIds = await openLegacyFileCases((sql, params) => m.query(sql, params), 'hardship_files_legacy');
      await m.query(
        `INSERT INTO hardship_files (id, case_id, file_no, application_id, applicant_user_id, organization_id, organization_path, category, rule_set_id, rule_set_version, filed_at, close_reason)
         SELECT l.id, (SELECT c.id FROM workflow_cases c WHERE c.case_type = 'hardship_file' AND c.subject_id = l.id), l.file_no, l.application_id, l.applicant_user_id,
                l.organization_id, l.organization_path, l.category, l.rule_set_id, l.rule_set_version, l.filed_at, l.close_reason
         FROM hardship_files_legacy l`,
      );
      await m.query('DROP TABLE hardship_files_legacy');
      if (tables.has('hardship_file_events')) await m.query('DROP TABLE hardship_file_events');
      return caseIds.size;
    });
    done.push(`cases for ${files} household files`);
  }
  const oldObjections = ['hardship_notice_objections', 'competition_objections', 'nomination_objections'].filter((t) => tables.has(t));
  if (oldObjections.length && tables.has('notice_objections')) {
    // Into the shape of before AddObjectionCases, which the next step gives their cases.
    const moved = await ds.transaction(async (m) => {
      await m.query(
        'CREATE TABLE IF NOT EXISTS notice_objections_legacy (id INTEGER PRIMARY KEY AUTOINCREMENT, case_id INTEGER NOT NULL, item_id INTEGER NULL, channel VARCHAR(12) NOT NULL, content VARCHAR(1000) NOT NULL, status VARCHAR(10) NOT NULL, received_by_user_id INTEGER NOT NULL, received_at DATETIME NOT NULL, resolution VARCHAR(1000) NULL, upheld BOOLEAN NULL, resolved_by_user_id INTEGER NULL, resolved_at DATETIME NULL)',
      );
      const n = await moveLegacyObjections((sql, params) => m.query(sql, params), new Set(oldObjections), 'notice_objections_legacy');
      for (const table of oldObjections) await m.query(`DROP TABLE ${table}`);
      return n;
    });
    done.push(`${moved} objections moved into notice_objections`);
  }
  if ((await tablesOf(ds)).has('notice_objections_legacy') && tables.has('notice_objections')) {
    const n = await ds.transaction(async (m) => {
      const caseIds = await openLegacyObjectionCases((sql, params) => m.query(sql, params), 'notice_objections_legacy');
      await m.query(
        `INSERT INTO notice_objections (id, case_id, notice_case_id, item_id, channel, content, received_by_user_id, received_at, resolution, upheld)
         SELECT l.id, (SELECT c.id FROM workflow_cases c WHERE c.subject_type = 'notice_objections' AND c.subject_id = l.id), l.case_id, l.item_id,
                l.channel, l.content, l.received_by_user_id, l.received_at, l.resolution, l.upheld
         FROM notice_objections_legacy l ORDER BY l.id`,
      );
      await m.query('DROP TABLE notice_objections_legacy');
      return caseIds.size;
    });
    done.push(`cases for ${n} objections`);
  }
  const oldNotices = ['hardship_public_notices', 'legacy_notice_ends'].filter((t) => tables.has(t));
  if (oldNotices.length && tables.has('public_notices')) {
    const moved = await ds.transaction(async (m) => {
      const columns = 'case_id, case_type, organization_path, starts_at, ends_at, content, created_at';
      if (tables.has('hardship_public_notices')) {
        await m.query(
          `INSERT INTO public_notices (${columns})
           SELECT a.case_id, 'hardship_application', n.organization_path, n.starts_at, n.ends_at, n.content, n.created_at
           FROM hardship_public_notices n JOIN hardship_applications a ON a.id = n.application_id ORDER BY n.id`,
        );
      }
      if (tables.has('legacy_notice_ends')) {
        await m.query(
          `INSERT INTO public_notices (${columns})
           SELECT case_id, case_type, organization_path, starts_at, ends_at, NULL, starts_at FROM legacy_notice_ends ORDER BY case_id`,
        );
      }
      for (const table of oldNotices) await m.query(`DROP TABLE ${table}`);
      const [{ n }] = (await m.query('SELECT COUNT(*) AS n FROM public_notices')) as { n: number }[];
      return Number(n);
    });
    done.push(`${moved} public notices in public_notices`);
  }
  if (tables.has('members_legacy')) {
    const n = await bringBack(ds, 'members', 'membership', openLegacyMembershipCases);
    done.push(`cases for the memberships of ${n} members`);
  }
  if (tables.has('competition_entries_legacy')) {
    const n = await bringBack(ds, 'competition_entries', 'competition_entry', openLegacyEntryCases);
    done.push(`cases for ${n} competition entries`);
  }
  // As MarkRevokedModelWorkers: a model worker whose nomination was revoked before is marked revoked
  // (when the revoking step was taken, and why), so they leave the registry of current model workers.
  if (tables.has('model_workers') && tables.has('honour_nominations')) {
    const revoked = `SELECT x.id FROM honour_nominations x JOIN workflow_cases c ON c.id = x.case_id WHERE c.state = 'revoked'`;
    const [{ n }] = (await ds.query(
      `SELECT COUNT(*) AS n FROM model_workers WHERE revoked_at IS NULL AND nomination_id IN (${revoked})`,
    )) as { n: number }[];
    if (Number(n) > 0) {
      await ds.query(
        `UPDATE model_workers SET
           revoked_at = (SELECT COALESCE((SELECT MAX(h.created_at) FROM case_history h WHERE h.case_id = c.id AND h.action = 'revoke'), c.updated_at)
                         FROM honour_nominations x JOIN workflow_cases c ON c.id = x.case_id WHERE x.id = model_workers.nomination_id),
           revoked_reason = (SELECT x.revoked_reason FROM honour_nominations x WHERE x.id = model_workers.nomination_id)
         WHERE revoked_at IS NULL AND nomination_id IN (${revoked})`,
      );
      done.push(`${Number(n)} model workers of revoked nominations marked revoked`);
    }
  }
  // As AddCaseSearch: a membership application's case takes the masked name it was filed under
  // (its title) and the ID index it was filed with, so staff find it by the applicant's ID.
  if (tables.has('membership_applications')) {
    const [{ n }] = (await ds.query(
      "SELECT COUNT(*) AS n FROM workflow_cases c JOIN membership_applications a ON a.case_id = c.id WHERE c.case_type = 'membership_application' AND c.applicant_id_index IS NULL",
    )) as { n: number }[];
    if (Number(n) > 0) {
      await ds.query(
        "UPDATE workflow_cases SET applicant_name_masked = substr(title, 1, 50), applicant_id_index = (SELECT a.id_number_index FROM membership_applications a WHERE a.case_id = workflow_cases.id) WHERE case_type = 'membership_application' AND applicant_id_index IS NULL AND EXISTS (SELECT 1 FROM membership_applications a WHERE a.case_id = workflow_cases.id)",
      );
      done.push(`ID indexes for ${Number(n)} membership applications`);
    }
  }
  const unnamed = (await ds.query(
    "SELECT DISTINCT u.id AS id, u.display_name AS name FROM workflow_cases c JOIN users u ON u.id = c.applicant_user_id WHERE c.applicant_name_masked = ''",
  )) as { id: number; name: string }[];
  if (unnamed.length) {
    await ds.transaction(async (m) => {
      for (let i = 0; i < unnamed.length; i += 200) {
        const chunk = unnamed.slice(i, i + 200);
        await m.query(
          `UPDATE workflow_cases SET applicant_name_masked = CASE applicant_user_id ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END
           WHERE applicant_name_masked = '' AND applicant_user_id IN (${chunk.map(() => '?').join(', ')})`,
          [...chunk.flatMap((u) => [u.id, maskName(u.name).slice(0, 50)]), ...chunk.map((u) => u.id)],
        );
      }
    });
    done.push(`masked applicant names for the cases of ${unnamed.length} applicants`);
  }
  // As AddCaseQueue: the staff's queues are filled from the cases waiting now, on a database from
  // before them, and again after any step above opened cases of its own.
  if ((await tablesOf(ds)).has('case_queue')) {
    const opened = done.some((d) => d.startsWith('cases for'));
    const [{ queued }] = (await ds.query('SELECT COUNT(*) AS queued FROM (SELECT 1 FROM case_queue LIMIT 1) q')) as { queued: number }[];
    const [{ waiting }] = (await ds.query(
      "SELECT COUNT(*) AS waiting FROM (SELECT 1 FROM workflow_cases WHERE holder = 'staff' AND due_at IS NOT NULL LIMIT 1) w",
    )) as { waiting: number }[];
    if (opened || (Number(queued) === 0 && Number(waiting) > 0)) {
      const rows = await ds.transaction((m) => rebuildCaseQueue((sql, params) => m.query(sql, params), 'sqlite'));
      if (rows > 0) done.push(`${rows} rows in the staff's queues`);
    } else if (Number(queued) > 0) {
      const [{ counted }] = (await ds.query('SELECT COUNT(*) AS counted FROM (SELECT 1 FROM case_queue_counts LIMIT 1) k')) as {
        counted: number;
      }[];
      if (Number(counted) === 0) {
        await ds.transaction((m) => rebuildQueueCounts((sql, params) => m.query(sql, params)));
        done.push("the staff's queues counted");
      }
    }
  }
  return done;
}

import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { dataSourceOptions } from './data-source';
import { upgradeEmbeddedData } from './embedded-upgrades';

/** An embedded database with today's schema, as the synchronising data source makes it. */
async function embedded(): Promise<DataSource> {
  return new DataSource(dataSourceOptions({ url: null, logging: false } as never, ENTITIES)).initialize();
}

const OLD_HARDSHIP =
  'CREATE TABLE hardship_rule_sets (id integer PRIMARY KEY AUTOINCREMENT, county_organization_id int, version int, year int, effective_from varchar, rules text, created_by_user_id int, created_by_name varchar, created_at datetime)';
const OLD_LEGAL =
  'CREATE TABLE legal_rule_sets (id integer PRIMARY KEY AUTOINCREMENT, county_organization_id int, version int, effective_from varchar, rules text, created_by_user_id int, created_by_name varchar, created_at datetime)';

describe('the embedded database kept from an earlier version', () => {
  let ds: DataSource;
  beforeEach(async () => {
    ds = await embedded();
  });
  afterEach(() => ds.destroy());

  it('does nothing on a new database', async () => {
    expect(await upgradeEmbeddedData(ds)).toEqual([]);
  });

  it('moves the rule versions of the two old tables into rule_sets, hardship ids kept, once', async () => {
    await ds.query(OLD_HARDSHIP);
    await ds.query(OLD_LEGAL);
    const at = '2026-01-01 00:00:00.000';
    await ds.query(
      "INSERT INTO hardship_rule_sets VALUES (7, 1, 1, 2026, '2026-01-01', '{\"a\":1}', 3, '县总工会', ?), (9, 1, 2, 2026, '2026-07-01', '{\"a\":2}', 3, '县总工会', ?)",
      [at, at],
    );
    await ds.query("INSERT INTO legal_rule_sets VALUES (4, 1, 1, '2026-03-01', '{\"b\":1}', 3, '中心', ?)", [at]);

    expect(await upgradeEmbeddedData(ds)).toEqual(['rule sets moved into rule_sets']);
    const rows = (await ds.query(
      'SELECT id, kind, version, year, effective_from AS f, rules FROM rule_sets ORDER BY kind, version',
    )) as Record<string, unknown>[];
    expect(rows.map((r) => [r.kind, r.version, r.year, r.f, r.rules])).toEqual([
      ['hardship', 1, 2026, '2026-01-01', '{"a":1}'],
      ['hardship', 2, 2026, '2026-07-01', '{"a":2}'],
      ['legal_aid', 1, null, '2026-03-01', '{"b":1}'],
    ]);
    expect(rows.filter((r) => r.kind === 'hardship').map((r) => r.id)).toEqual([7, 9]);
    const tables = ((await ds.query("SELECT name FROM sqlite_master WHERE type = 'table'")) as { name: string }[]).map((t) => t.name);
    expect(tables).not.toContain('hardship_rule_sets');
    expect(tables).not.toContain('legal_rule_sets');
    expect(await upgradeEmbeddedData(ds)).toEqual([]);
  });

  it("gives the cases without one their applicant's masked name", async () => {
    const at = '2026-01-01 00:00:00.000';
    await ds.query("INSERT INTO users (id, display_name, roles, created_at) VALUES (5, '王建国', 'worker', ?)", [at]);
    await ds.query(
      "INSERT INTO workflow_cases (case_type, state, subject_type, subject_id, version, holder, organization_id, organization_path, applicant_user_id, applicant_name_masked, title, submitted_at, updated_at) VALUES ('legal_thread', 'waiting_centre', 'legal_threads', 1, 1, 'staff', 1, '/1/', 5, '', '在线咨询', ?, ?)",
      [at, at],
    );
    expect(await upgradeEmbeddedData(ds)).toEqual(['masked applicant names for the cases of 1 applicants']);
    expect(await ds.query('SELECT applicant_name_masked AS n FROM workflow_cases')).toEqual([{ n: '王**' }]);
    expect(await upgradeEmbeddedData(ds)).toEqual([]);
  });

  it('gives membership applications the ID index and masked name they were filed with, as the migration does', async () => {
    const at = '2026-01-01 00:00:00.000';
    await ds.query("INSERT INTO users (id, display_name, roles, created_at) VALUES (6, '微信用户', 'worker', ?)", [at]);
    await ds.query(
      "INSERT INTO workflow_cases (id, case_type, state, subject_type, subject_id, version, holder, organization_id, organization_path, applicant_user_id, applicant_name_masked, title, submitted_at, updated_at) VALUES (40, 'membership_application', 'submitted', 'membership_applications', 1, 1, 'staff', 1, '/1/', 6, '', '李**', ?, ?)",
      [at, at],
    );
    const columns = (await ds.query('PRAGMA table_info(membership_applications)')) as { name: string; notnull: number }[];
    const values: Record<string, unknown> = { case_id: 40, id_number_index: 'idx-of-the-id', user_id: 6 };
    // Every other required column gets a placeholder of its kind: the upgrade reads only these two.
    for (const c of columns.filter((c) => c.notnull && !(c.name in values) && c.name !== 'id'))
      values[c.name] = c.name.endsWith('_at') ? at : c.name.startsWith('hide') ? 0 : 'x';
    await ds.query(
      `INSERT INTO membership_applications (${Object.keys(values).join(', ')}) VALUES (${Object.keys(values)
        .map(() => '?')
        .join(', ')})`,
      Object.values(values),
    );
    expect(await upgradeEmbeddedData(ds)).toEqual(['ID indexes for 1 membership applications']);
    expect(await ds.query('SELECT applicant_name_masked AS n, applicant_id_index AS x FROM workflow_cases WHERE id = 40')).toEqual([
      { n: '李**', x: 'idx-of-the-id' },
    ]);
    expect(await upgradeEmbeddedData(ds)).toEqual([]);
  });
});

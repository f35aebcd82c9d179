import { DataSource } from 'typeorm';
import { ENTITIES } from '../entities';
import { dataSourceOptions } from './data-source';
import { setAsideBeforeSynchronize, upgradeEmbeddedData } from './embedded-upgrades';

/** An embedded database with today's schema, as the synchronising data source makes it. */
async function embedded(): Promise<DataSource> {
  return new DataSource(dataSourceOptions({ url: null, logging: false } as never, ENTITIES)).initialize();
}

const OLD_HARDSHIP =
  'CREATE TABLE hardship_rule_sets (id integer PRIMARY KEY AUTOINCREMENT, county_organization_id int, version int, year int, effective_from varchar, rules text, created_by_user_id int, created_by_name varchar, created_at datetime)';
const OLD_LEGAL =
  'CREATE TABLE legal_rule_sets (id integer PRIMARY KEY AUTOINCREMENT, county_organization_id int, version int, effective_from varchar, rules text, created_by_user_id int, created_by_name varchar, created_at datetime)';

/** A row of `table` with these values and a placeholder of its kind in every other required column. */
async function insertRow(ds: DataSource, table: string, values: Record<string, unknown>, at = '2026-01-01 00:00:00.000'): Promise<void> {
  const columns = (await ds.query(`PRAGMA table_info(${table})`)) as { name: string; notnull: number; type: string }[];
  for (const c of columns.filter((c) => c.notnull && !(c.name in values) && c.name !== 'id'))
    values[c.name] = c.name.endsWith('_at') ? at : /int|bool|double/i.test(c.type) ? 0 : `${table}-${c.name}-${String(values.id)}`;
  await ds.query(
    `INSERT INTO ${table} (${Object.keys(values).join(', ')}) VALUES (${Object.keys(values)
      .map(() => '?')
      .join(', ')})`,
    Object.values(values),
  );
}

/** Replace today's `table` by the shape it had before `column` moved into its case (plus `extra`), with `indexes`. */
async function legacyShape(ds: DataSource, table: string, extra: string, indexes: string[] = []): Promise<void> {
  const today = (await ds.query(`PRAGMA table_info(${table})`)) as { name: string; type: string; notnull: number }[];
  const legacy = today
    .filter((c) => c.name !== 'case_id')
    .map((c) => (c.name === 'id' ? 'id integer PRIMARY KEY AUTOINCREMENT' : `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}`));
  await ds.query(`DROP TABLE ${table}`);
  await ds.query(`CREATE TABLE ${table} (${[...legacy, extra].join(', ')})`);
  for (const index of indexes) await ds.query(index);
}

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

  it("fills the staff's queues from the cases waiting for staff, a row per organisation on the path, once", async () => {
    for (const [id, path] of [
      [1, '/1/'],
      [3, '/1/3/'],
      [8, '/1/3/8/'],
    ] as const) {
      await insertRow(ds, 'organizations', { id, path, name: `工会${id}`, level: 'town' });
    }
    const kase = (id: number, holder: string, due: string | null) =>
      insertRow(ds, 'workflow_cases', {
        id,
        case_type: 'membership_application',
        state: 'submitted',
        subject_type: 'membership_applications',
        subject_id: id,
        holder,
        organization_id: 8,
        organization_path: '/1/3/8/',
        applicant_user_id: 6,
        due_at: due,
      });
    await kase(40, 'staff', '2026-01-20 15:59:59.999');
    await kase(41, 'staff', null); // waits for staff, but its step has no deadline
    await kase(42, 'applicant', '2026-01-20 15:59:59.999');
    expect(await upgradeEmbeddedData(ds)).toEqual(["3 rows in the staff's queues"]);
    expect(
      await ds.query('SELECT organization_id AS org, case_id AS kase, state, due_at AS due FROM case_queue ORDER BY organization_id'),
    ).toEqual([
      { org: 1, kase: 40, state: 'submitted', due: '2026-01-20 15:59:59.999' },
      { org: 3, kase: 40, state: 'submitted', due: '2026-01-20 15:59:59.999' },
      { org: 8, kase: 40, state: 'submitted', due: '2026-01-20 15:59:59.999' },
    ]);
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

  it('gives the household files of an earlier version their cases, with their states, due instants and steps, once', async () => {
    const at = '2026-01-01 00:00:00.000';
    // The application the files were filed from, and the county cadre who filed them.
    const columns = (await ds.query('PRAGMA table_info(hardship_applications)')) as { name: string; notnull: number }[];
    for (const [id, caseId] of [
      [1, 11],
      [2, 12],
      [3, 13],
    ]) {
      const values: Record<string, unknown> = { id, case_id: caseId, uid: `uid-${id}`, applicant_name_masked: '钱**' };
      for (const c of columns.filter((c) => c.notnull && !(c.name in values)))
        values[c.name] = c.name.endsWith('_at') ? at : /^(is|has|hide)_/.test(c.name) ? 0 : c.name.endsWith('_id') ? 1 : 'x';
      await ds.query(
        `INSERT INTO hardship_applications (${Object.keys(values).join(', ')}) VALUES (${Object.keys(values)
          .map(() => '?')
          .join(', ')})`,
        Object.values(values),
      );
      await ds.query(
        "INSERT INTO case_history (case_id, action, from_state, to_state, actor_user_id, actor_name, comment, created_at) VALUES (?, 'approve_and_file', 'county_review', 'filed', 9, '县总工会干部', NULL, ?)",
        [caseId, at],
      );
    }
    // The tables as they were: the lifecycle on the file row, its steps in hardship_file_events.
    await ds.query('DROP TABLE hardship_files');
    await ds.query(
      'CREATE TABLE hardship_files (id integer PRIMARY KEY AUTOINCREMENT, file_no varchar NOT NULL, application_id int NOT NULL, applicant_user_id int NOT NULL, organization_id int NOT NULL, organization_path varchar NOT NULL, category varchar NOT NULL, rule_set_id int NOT NULL, rule_set_version int NOT NULL, status varchar NOT NULL, version int NOT NULL DEFAULT 1, filed_at datetime NOT NULL, recheck_due_at datetime NOT NULL, closed_at datetime, close_reason varchar, close_note varchar, follow_up_due_at datetime)',
    );
    await ds.query('CREATE INDEX idx_hardship_files_scope ON hardship_files (organization_path, status, id)');
    await ds.query('CREATE INDEX idx_hardship_files_recheck ON hardship_files (status, recheck_due_at, id)');
    await ds.query(
      'CREATE TABLE hardship_file_events (id integer PRIMARY KEY AUTOINCREMENT, file_id int NOT NULL, outcome varchar NOT NULL, category varchar, close_reason varchar, note varchar NOT NULL, actor_user_id int NOT NULL, actor_name varchar NOT NULL, created_at datetime NOT NULL)',
    );
    const due = '2027-01-01 00:00:00.000';
    const later = '2026-06-01 00:00:00.000';
    await ds.query(
      `INSERT INTO hardship_files VALUES
        (5, 'KN202600005', 1, 7, 3, '/1/2/3/', 'severe', 1, 1, 'active', 2, ?, ?, NULL, NULL, NULL, NULL),
        (6, 'KN202600006', 2, 8, 3, '/1/2/3/', 'relative', 1, 1, 'closed', 2, ?, ?, ?, 'recovered', '已脱困', ?),
        (7, 'KN202600007', 3, 9, 3, '/1/2/3/', 'relative', 1, 1, 'closed', 3, ?, ?, ?, 'retired', '已退休', NULL)`,
      [at, due, at, due, later, due, at, due, later],
    );
    await ds.query(
      `INSERT INTO hardship_file_events (file_id, outcome, category, close_reason, note, actor_user_id, actor_name, created_at) VALUES
        (5, 'change_category', 'severe', NULL, '病情加重', 4, '镇干部', ?),
        (6, 'close', NULL, 'recovered', '孩子工作了', 4, '镇干部', ?),
        (7, 'close', NULL, 'retired', '已退休', 4, '镇干部', ?),
        (7, 'follow_up', NULL, NULL, '电话回访', 4, '镇干部', ?)`,
      [later, later, later, later],
    );

    expect(await setAsideBeforeSynchronize(ds)).toEqual(['household files of an earlier version set aside']);
    await ds.synchronize();
    expect(await upgradeEmbeddedData(ds)).toEqual(['cases for 3 household files']);
    const files = (await ds.query(
      "SELECT f.id AS id, f.file_no AS no, f.category AS category, f.close_reason AS reason, c.state AS state, c.version AS version, c.due_at AS due, c.holder AS holder, c.title AS title FROM hardship_files f JOIN workflow_cases c ON c.id = f.case_id AND c.subject_id = f.id AND c.case_type = 'hardship_file' ORDER BY f.id",
    )) as Record<string, unknown>[];
    expect(files).toEqual([
      {
        id: 5,
        no: 'KN202600005',
        category: 'severe',
        reason: null,
        state: 'active',
        version: 2,
        due,
        holder: 'staff',
        title: '困难档案 KN202600005',
      },
      {
        id: 6,
        no: 'KN202600006',
        category: 'relative',
        reason: 'recovered',
        state: 'exited',
        version: 2,
        due,
        holder: 'staff',
        title: '困难档案 KN202600006',
      },
      {
        id: 7,
        no: 'KN202600007',
        category: 'relative',
        reason: 'retired',
        state: 'closed',
        version: 3,
        due: null,
        holder: 'none',
        title: '困难档案 KN202600007',
      },
    ]);
    const steps = (await ds.query(
      "SELECT c.subject_id AS file, h.action AS action, h.to_state AS state, h.actor_name AS actor, h.comment AS comment FROM case_history h JOIN workflow_cases c ON c.id = h.case_id WHERE c.case_type = 'hardship_file' ORDER BY c.subject_id, h.id",
    )) as Record<string, unknown>[];
    expect(steps).toEqual([
      { file: 5, action: 'submit', state: 'active', actor: '县总工会干部', comment: null },
      { file: 5, action: 'change_category', state: 'active', actor: '镇干部', comment: '调整为深度困难：病情加重' },
      { file: 6, action: 'submit', state: 'active', actor: '县总工会干部', comment: null },
      { file: 6, action: 'close', state: 'exited', actor: '镇干部', comment: '已脱困：孩子工作了' },
      { file: 7, action: 'submit', state: 'active', actor: '县总工会干部', comment: null },
      { file: 7, action: 'close', state: 'exited', actor: '镇干部', comment: '已退休：已退休' },
      { file: 7, action: 'follow_up', state: 'closed', actor: '镇干部', comment: '电话回访' },
    ]);
    const tables = ((await ds.query("SELECT name FROM sqlite_master WHERE type = 'table'")) as { name: string }[]).map((t) => t.name);
    expect(tables).not.toContain('hardship_files_legacy');
    expect(tables).not.toContain('hardship_file_events');
    // Done once: a second start finds nothing to set aside or move, and the schema agrees.
    expect(await setAsideBeforeSynchronize(ds)).toEqual([]);
    expect(await upgradeEmbeddedData(ds)).toEqual([]);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('gives the members of an earlier version the cases of their memberships, once', async () => {
    const at = '2026-01-01 00:00:00.000';
    const left = '2026-05-01 00:00:00.000';
    const insert = (table: string, values: Record<string, unknown>) => insertRow(ds, table, values);
    await insert('organizations', { id: 3, path: '/1/3/', name: '建筑公司工会' });
    await insert('users', { id: 21, display_name: '张建国', roles: 'worker' });
    await insert('users', { id: 22, display_name: '李秀英', roles: 'worker' });
    await insert('membership_applications', { id: 1, case_id: 51 });
    await ds.query(
      "INSERT INTO case_history (case_id, action, from_state, to_state, actor_user_id, actor_name, comment, created_at) VALUES (51, 'approve', 'submitted', 'approved', 9, '工会主席', NULL, ?)",
      [at],
    );
    // The table as it was: the time a member left on the row, no case.
    await legacyShape(ds, 'members', 'withdrawn_at datetime', ['CREATE INDEX idx_members_user ON members (user_id)']);
    await insert('members', {
      id: 7,
      member_no: '202600000007',
      user_id: 21,
      real_name: '张建国',
      organization_id: 3,
      application_id: 1,
      status: 'active',
      joined_at: at,
      id_number_index: 'idx-7',
    });
    await insert('members', {
      id: 8,
      member_no: '202600000008',
      user_id: 22,
      real_name: '李秀英',
      organization_id: 3,
      application_id: 2,
      status: 'withdrawn',
      joined_at: at,
      withdrawn_at: left,
      id_number_index: 'idx-8',
    });

    expect(await setAsideBeforeSynchronize(ds)).toEqual(['members of an earlier version set aside']);
    await ds.synchronize();
    expect(await upgradeEmbeddedData(ds)).toEqual(['cases for the memberships of 2 members']);
    const rows = (await ds.query(
      "SELECT m.id AS id, m.member_no AS no, m.status AS status, c.state AS state, c.organization_path AS path, c.applicant_name_masked AS name, c.applicant_id_index AS idx, c.closed_at AS closed FROM members m JOIN workflow_cases c ON c.id = m.case_id AND c.subject_id = m.id AND c.case_type = 'membership' ORDER BY m.id",
    )) as Record<string, unknown>[];
    expect(rows).toEqual([
      { id: 7, no: '202600000007', status: 'active', state: 'active', path: '/1/3/', name: '张**', idx: 'idx-7', closed: null },
      { id: 8, no: '202600000008', status: 'withdrawn', state: 'withdrawn', path: '/1/3/', name: '李**', idx: 'idx-8', closed: left },
    ]);
    const steps = (await ds.query(
      "SELECT c.subject_id AS member, h.action AS action, h.actor_name AS actor, h.created_at AS at FROM case_history h JOIN workflow_cases c ON c.id = h.case_id WHERE c.case_type = 'membership' ORDER BY c.subject_id, h.id",
    )) as Record<string, unknown>[];
    expect(steps).toEqual([
      { member: 7, action: 'submit', actor: '工会主席', at },
      { member: 8, action: 'submit', actor: '', at },
      { member: 8, action: 'withdraw', actor: '李秀英', at: left },
    ]);
    expect(await setAsideBeforeSynchronize(ds)).toEqual([]);
    expect(await upgradeEmbeddedData(ds)).toEqual([]);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  /** A case row of union 3 (/1/3/), applicant 21, held by staff, with the columns the upgrades read. */
  const aCase = (id: number, caseType: string, subjectType: string, subjectId: number, state: string, over: Record<string, unknown> = {}) =>
    insertRow(ds, 'workflow_cases', {
      id,
      case_type: caseType,
      state,
      subject_type: subjectType,
      subject_id: subjectId,
      holder: 'staff',
      organization_id: 3,
      organization_path: '/1/3/',
      applicant_user_id: 21,
      version: 2,
      ...over,
    });

  /** The cases on notice the objections are about (an application, a competition, a nomination). */
  async function casesOnNotice(insert: (table: string, values: Record<string, unknown>) => Promise<void>) {
    for (const [id, caseType, subjectType, subjectId] of [
      [61, 'hardship_application', 'hardship_applications', 1],
      [62, 'competition', 'competitions', 2],
      [63, 'honour_nomination', 'honour_nominations', 3],
    ] as const) {
      await aCase(id, caseType, subjectType, subjectId, 'public_notice', { title: `公示${id}`, version: 3 });
    }
    await insert('users', { id: 5, display_name: '张建国', roles: 'worker' });
    await insert('users', { id: 4, display_name: '赵部长', roles: 'grassroots_cadre' });
  }

  /** Each objection with its own case, as the upgrade leaves them. */
  const objectionsWithCases = () =>
    ds.query(
      `SELECT o.id, o.notice_case_id AS notice, o.item_id AS item, o.channel, o.content, o.received_by_user_id AS who, o.resolution, o.upheld,
              c.case_type AS type, c.state, c.applicant_user_id AS applicant, c.applicant_name_masked AS name, c.organization_path AS path,
              c.closed_at AS closed, c.title, (SELECT GROUP_CONCAT(h.action || ':' || h.actor_name, '|') FROM case_history h WHERE h.case_id = c.id) AS steps
       FROM notice_objections o JOIN workflow_cases c ON c.id = o.case_id AND c.subject_type = 'notice_objections' AND c.subject_id = o.id ORDER BY o.id`,
    ) as Promise<Record<string, unknown>[]>;

  it('moves the objections of the three old tables onto the cases on notice, each a case of its own, hardship ids kept, once', async () => {
    const at = '2026-01-01 00:00:00.000';
    const insert = (table: string, values: Record<string, unknown>) => insertRow(ds, table, values);
    await casesOnNotice(insert);
    await insert('hardship_applications', { id: 1, case_id: 61 });
    await insert('competitions', { id: 2, case_id: 62 });
    await insert('honour_nominations', { id: 3, case_id: 63 });
    await ds.query(
      'CREATE TABLE hardship_notice_objections (id integer PRIMARY KEY AUTOINCREMENT, notice_id int NOT NULL, application_id int NOT NULL, channel varchar NOT NULL, content varchar NOT NULL, status varchar NOT NULL, received_by_user_id int NOT NULL, received_at datetime NOT NULL, resolution varchar, upheld boolean, resolved_by_user_id int, resolved_at datetime)',
    );
    await ds.query(
      'CREATE TABLE competition_objections (id integer PRIMARY KEY AUTOINCREMENT, competition_id int NOT NULL, entry_id int, user_id int NOT NULL, content varchar NOT NULL, resolution varchar, created_at datetime NOT NULL, resolved_at datetime)',
    );
    await ds.query(
      'CREATE TABLE nomination_objections (id integer PRIMARY KEY AUTOINCREMENT, nomination_id int NOT NULL, user_id int NOT NULL, content varchar NOT NULL, resolution varchar, created_at datetime NOT NULL, resolved_at datetime)',
    );
    await ds.query(
      "INSERT INTO hardship_notice_objections VALUES (9, 1, 1, 'phone', '邻居反映有车', 'resolved', 4, ?, '车是单位的', 0, 4, ?)",
      [at, at],
    );
    await ds.query("INSERT INTO competition_objections VALUES (1, 2, 77, 5, '名次有误', NULL, ?, NULL)", [at]);
    await ds.query("INSERT INTO nomination_objections VALUES (1, 3, 5, '有事故', '经核实无事故', ?, ?)", [at, at]);

    expect(await upgradeEmbeddedData(ds)).toEqual(['3 objections moved into notice_objections', 'cases for 3 objections']);
    const common = { path: '/1/3/', who: undefined };
    expect((await objectionsWithCases()).map((r) => ({ ...r, who: undefined }))).toEqual([
      {
        ...common,
        id: 9,
        notice: 61,
        item: null,
        channel: 'phone',
        content: '邻居反映有车',
        resolution: '车是单位的',
        upheld: 0,
        type: 'hardship_objection',
        state: 'resolved',
        applicant: 4,
        name: '线下收到',
        closed: at,
        title: '对“公示61”的公示异议',
        steps: 'submit:赵部长|resolve:赵部长',
      },
      {
        ...common,
        id: 10,
        notice: 62,
        item: 77,
        channel: 'online',
        content: '名次有误',
        resolution: null,
        upheld: null,
        type: 'competition_objection',
        state: 'open',
        applicant: 5,
        name: '张**',
        closed: null,
        title: '对“公示62”的公示异议',
        steps: 'submit:张建国',
      },
      {
        ...common,
        id: 11,
        notice: 63,
        item: null,
        channel: 'online',
        content: '有事故',
        resolution: '经核实无事故',
        upheld: null,
        type: 'nomination_objection',
        state: 'resolved',
        applicant: 5,
        name: '张**',
        closed: at,
        title: '对“公示63”的公示异议',
        steps: 'submit:张建国|resolve:工会',
      },
    ]);
    const tables = ((await ds.query("SELECT name FROM sqlite_master WHERE type = 'table'")) as { name: string }[]).map((t) => t.name);
    expect(tables).not.toEqual(expect.arrayContaining(['hardship_notice_objections']));
    expect(tables.filter((t) => t.includes('_objections'))).toEqual(['notice_objections']);
    expect(await upgradeEmbeddedData(ds)).toEqual([]);
  });

  it('gives the objections kept open or answered on their rows their own cases, once', async () => {
    const at = '2026-01-01 00:00:00.000';
    const answeredAt = '2026-01-03 08:00:00.000';
    const insert = (table: string, values: Record<string, unknown>) => insertRow(ds, table, values);
    await casesOnNotice(insert);
    await ds.query('DROP TABLE notice_objections');
    await ds.query(
      'CREATE TABLE notice_objections (id integer PRIMARY KEY AUTOINCREMENT, case_id int NOT NULL, item_id int, channel varchar NOT NULL, content varchar NOT NULL, status varchar NOT NULL, received_by_user_id int NOT NULL, received_at datetime NOT NULL, resolution varchar, upheld boolean, resolved_by_user_id int, resolved_at datetime)',
    );
    await ds.query('CREATE INDEX idx_notice_objections_case ON notice_objections (case_id, status, id)');
    await ds.query(
      "INSERT INTO notice_objections VALUES (3, 61, NULL, 'online', '他家有车', 'resolved', 5, ?, '车是单位的', 0, 4, ?), (4, 63, NULL, 'online', '有事故', 'open', 5, ?, NULL, NULL, NULL, NULL)",
      [at, answeredAt, at],
    );

    expect(await setAsideBeforeSynchronize(ds)).toEqual(['objections of an earlier version set aside']);
    await ds.synchronize();
    expect(await upgradeEmbeddedData(ds)).toEqual(['cases for 2 objections']);
    expect(
      (await objectionsWithCases()).map((r) => [r.id, r.notice, r.type, r.state, r.who, r.applicant, r.closed, r.resolution, r.steps]),
    ).toEqual([
      [3, 61, 'hardship_objection', 'resolved', 5, 5, answeredAt, '车是单位的', 'submit:张建国|resolve:赵部长'],
      [4, 63, 'nomination_objection', 'open', 5, 5, null, null, 'submit:张建国'],
    ]);
    expect(await setAsideBeforeSynchronize(ds)).toEqual([]);
    expect(await upgradeEmbeddedData(ds)).toEqual([]);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('gives the competition entries of an earlier version their cases, once', async () => {
    const at = '2026-01-01 00:00:00.000';
    const day = '2026-02-01 09:00:00.000';
    const insert = (table: string, values: Record<string, unknown>) => insertRow(ds, table, values);
    await insert('organizations', { id: 3, path: '/1/3/', name: '建筑公司工会' });
    await insert('users', { id: 21, display_name: '张建国', roles: 'worker' });
    await insert('users', { id: 30, display_name: '县总工会干部', roles: 'county_cadre' });
    await insert('workflow_cases', {
      id: 70,
      case_type: 'competition',
      state: 'running',
      subject_type: 'competitions',
      subject_id: 2,
      holder: 'staff',
      organization_id: 1,
      organization_path: '/1/',
      applicant_user_id: 30,
      version: 1,
    });
    await insert('competitions', { id: 2, case_id: 70 });
    await insert('competition_events', { id: 5, competition_id: 2, name: '砌筑' });
    await legacyShape(ds, 'competition_entries', 'checked_in_at datetime', [
      'CREATE INDEX idx_competition_entries_event ON competition_entries (event_id, status, id)',
    ]);
    const entry = {
      competition_id: 2,
      event_id: 5,
      kind: 'individual',
      registrant_user_id: 21,
      organization_id: 3,
      registered_at: at,
      members: '[]',
    };
    await insert('competition_entries', { ...entry, id: 1, uid: 'e1', entrant_name: '张建国', status: 'checked_in', checked_in_at: day });
    await insert('competition_entries', { ...entry, id: 2, uid: 'e2', entrant_name: '张建国', status: 'withdrawn' });

    expect(await setAsideBeforeSynchronize(ds)).toEqual(['competition entries of an earlier version set aside']);
    await ds.synchronize();
    expect(await upgradeEmbeddedData(ds)).toEqual(['cases for 2 competition entries']);
    const rows = (await ds.query(
      "SELECT e.id AS id, e.status AS status, c.state AS state, c.title AS title, c.applicant_name_masked AS name, c.closed_at AS closed FROM competition_entries e JOIN workflow_cases c ON c.id = e.case_id AND c.subject_id = e.id AND c.case_type = 'competition_entry' ORDER BY e.id",
    )) as Record<string, unknown>[];
    expect(rows).toEqual([
      { id: 1, status: 'checked_in', state: 'checked_in', title: '砌筑：张建国', name: '张**', closed: day },
      { id: 2, status: 'withdrawn', state: 'withdrawn', title: '砌筑：张建国', name: '张**', closed: at },
    ]);
    const steps = (await ds.query(
      "SELECT c.subject_id AS entry, h.action AS action, h.actor_name AS actor FROM case_history h JOIN workflow_cases c ON c.id = h.case_id WHERE c.case_type = 'competition_entry' ORDER BY c.subject_id, h.id",
    )) as Record<string, unknown>[];
    expect(steps).toEqual([
      { entry: 1, action: 'submit', actor: '张建国' },
      { entry: 1, action: 'check_in', actor: '县总工会干部' },
      { entry: 2, action: 'submit', actor: '张建国' },
      { entry: 2, action: 'withdraw', actor: '张建国' },
    ]);
    expect(await setAsideBeforeSynchronize(ds)).toEqual([]);
    expect(await upgradeEmbeddedData(ds)).toEqual([]);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });

  it('moves the hardship notices and the ends of competition and nomination notices into public_notices, once', async () => {
    const insert = (table: string, values: Record<string, unknown>) => insertRow(ds, table, values);
    await aCase(80, 'hardship_application', 'hardship_applications', 4, 'public_notice');
    await aCase(81, 'competition', 'competitions', 2, 'public_notice');
    await aCase(82, 'honour_nomination', 'honour_nominations', 6, 'awarded');
    await insert('hardship_applications', { id: 4, case_id: 80 });
    await ds.query(
      'CREATE TABLE hardship_public_notices (id integer PRIMARY KEY AUTOINCREMENT, application_id int NOT NULL, organization_path varchar NOT NULL, starts_at datetime NOT NULL, ends_at datetime NOT NULL, content varchar NOT NULL, created_at datetime NOT NULL)',
    );
    await ds.query('CREATE INDEX idx_public_notices_scope ON hardship_public_notices (organization_path, ends_at, id)');
    await ds.query(
      "INSERT INTO hardship_public_notices VALUES (1, 4, '/1/3/', '2026-03-01 02:00:00.000', '2026-03-06 02:00:00.000', '拟将 宋** 家庭认定为困难职工家庭', '2026-03-01 02:00:00.000')",
    );
    // The competition's notice started with its step; the nomination's step is not recorded, so it started five days before its end.
    await insert('case_history', {
      case_id: 81,
      action: 'start_notice',
      from_state: 'checking',
      to_state: 'public_notice',
      actor_user_id: 30,
      actor_name: '干部',
      created_at: '2026-04-01 01:00:00.000',
    });
    await legacyShape(ds, 'competitions', 'notice_ends_at datetime');
    await legacyShape(ds, 'honour_nominations', 'notice_ends_at datetime');
    await ds.query('ALTER TABLE competitions ADD COLUMN case_id int');
    await ds.query('ALTER TABLE honour_nominations ADD COLUMN case_id int');
    await insert('competitions', { id: 2, case_id: 81, notice_days: 3, notice_ends_at: '2026-04-04 01:00:00.000' });
    await insert('competitions', { id: 3, case_id: 83, notice_days: 3, notice_ends_at: null });
    await insert('honour_nominations', { id: 6, case_id: 82, notice_ends_at: '2026-05-10 00:00:00.000' });

    expect(await setAsideBeforeSynchronize(ds)).toEqual(['the ends of 2 competition and nomination notices set aside']);
    await ds.synchronize();
    expect(await upgradeEmbeddedData(ds)).toEqual(['3 public notices in public_notices']);
    const rows = (await ds.query(
      'SELECT case_id AS caseId, case_type AS caseType, organization_path AS path, starts_at AS startsAt, ends_at AS endsAt, content FROM public_notices ORDER BY case_id',
    )) as Record<string, unknown>[];
    expect(rows).toEqual([
      {
        caseId: 80,
        caseType: 'hardship_application',
        path: '/1/3/',
        startsAt: '2026-03-01 02:00:00.000',
        endsAt: '2026-03-06 02:00:00.000',
        content: '拟将 宋** 家庭认定为困难职工家庭',
      },
      {
        caseId: 81,
        caseType: 'competition',
        path: '/1/3/',
        startsAt: '2026-04-01 01:00:00.000',
        endsAt: '2026-04-04 01:00:00.000',
        content: null,
      },
      {
        caseId: 82,
        caseType: 'honour_nomination',
        path: '/1/3/',
        startsAt: '2026-05-05 00:00:00.000',
        endsAt: '2026-05-10 00:00:00.000',
        content: null,
      },
    ]);
    const tables = ((await ds.query("SELECT name FROM sqlite_master WHERE type = 'table'")) as { name: string }[]).map((t) => t.name);
    expect(tables.filter((t) => ['hardship_public_notices', 'legacy_notice_ends'].includes(t))).toEqual([]);
    expect(await setAsideBeforeSynchronize(ds)).toEqual([]);
    expect(await upgradeEmbeddedData(ds)).toEqual([]);
    expect((await ds.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
  });
  it('marks the model workers of nominations revoked before as revoked, when and why, keeping them and their records, once', async () => {
    const at = '2026-01-01 00:00:00.000';
    for (const [id, state] of [
      [70, 'revoked'],
      [71, 'awarded'],
    ] as const) {
      await insertRow(
        ds,
        'workflow_cases',
        {
          id,
          case_type: 'honour_nomination',
          state,
          subject_type: 'honour_nominations',
          subject_id: id,
          updated_at: '2026-06-02 03:00:00.000',
        },
        at,
      );
      await insertRow(ds, 'honour_nominations', { id, case_id: id, revoked_reason: state === 'revoked' ? '事迹材料虚报' : null }, at);
      await insertRow(ds, 'model_workers', { id, nomination_id: id, name: `劳模${id}` }, at);
    }
    await insertRow(ds, 'case_history', {
      case_id: 70,
      action: 'revoke',
      from_state: 'awarded',
      to_state: 'revoked',
      created_at: '2026-06-01 02:00:00.000',
    });
    await insertRow(ds, 'model_worker_records', { id: 1, model_worker_id: 70, kind: 'care_visit', date: '2026-05-01' }, at);

    expect(await upgradeEmbeddedData(ds)).toEqual(['1 model workers of revoked nominations marked revoked']);
    expect(await ds.query('SELECT id, revoked_at AS at, revoked_reason AS reason FROM model_workers ORDER BY id')).toEqual([
      { id: 70, at: '2026-06-01 02:00:00.000', reason: '事迹材料虚报' },
      { id: 71, at: null, reason: null },
    ]);
    expect(await ds.query('SELECT model_worker_id AS w FROM model_worker_records')).toEqual([{ w: 70 }]);
    expect(await upgradeEmbeddedData(ds)).toEqual([]);
  });
});

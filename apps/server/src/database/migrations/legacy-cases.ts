import { FILE_CLOSE_REASON_LABEL, HARDSHIP_CATEGORY_LABEL, maskName, type FileCloseReason, type HardshipCategory } from '@union/shared';

/** A raw query on the database being upgraded (a migration's query runner, or the embedded data source). */
export type RawQuery = (sql: string, params?: unknown[]) => Promise<unknown>;

/** A household file as the tables before `AddHardshipFileCases` kept it (its lifecycle on the file row). */
interface LegacyFile {
  id: number;
  applicant_user_id: number;
  organization_id: number;
  organization_path: string;
  status: string;
  version: number;
  filed_at: unknown;
  recheck_due_at: unknown;
  closed_at: unknown;
  follow_up_due_at: unknown;
  file_no: string;
  name_masked: string | null;
  application_case_id: number;
}

interface LegacyEvent {
  file_id: number;
  outcome: 'keep' | 'change_category' | 'close' | 'follow_up';
  category: HardshipCategory | null;
  close_reason: FileCloseReason | null;
  note: string;
  actor_user_id: number;
  actor_name: string;
  created_at: unknown;
}

const FROM_TO = {
  keep: ['active', 'active'],
  change_category: ['active', 'active'],
  close: ['active', 'exited'],
  follow_up: ['exited', 'closed'],
};

/**
 * Give every household file of `legacyTable` its workflow case (`hardship_file`), as filing does
 * today: the state from the file's status (active; closed and waiting for the follow-up: exited;
 * closed and called: closed), the due instant of the next re-check or of the follow-up, the file's
 * version, and a history of the filing (by whoever approved and filed it) and of each re-check,
 * closing and follow-up from `hardship_file_events`, with the comment the step writes today.
 * Plain SQL both MySQL and SQLite run; case ids are given explicitly. Answers file id → case id.
 */
export async function openLegacyFileCases(query: RawQuery, legacyTable: string): Promise<Map<number, number>> {
  const files = (await query(
    `SELECT f.id AS id, f.applicant_user_id AS applicant_user_id, f.organization_id AS organization_id, f.organization_path AS organization_path,
            f.status AS status, f.version AS version, f.filed_at AS filed_at, f.recheck_due_at AS recheck_due_at, f.closed_at AS closed_at,
            f.follow_up_due_at AS follow_up_due_at, f.file_no AS file_no, a.applicant_name_masked AS name_masked, a.case_id AS application_case_id
     FROM ${legacyTable} f JOIN hardship_applications a ON a.id = f.application_id ORDER BY f.id`,
  )) as LegacyFile[];
  const caseIds = new Map<number, number>();
  if (files.length === 0) return caseIds;
  const events = (await query(
    'SELECT file_id, outcome, category, close_reason, note, actor_user_id, actor_name, created_at FROM hardship_file_events ORDER BY id',
  )) as LegacyEvent[];
  const filers = new Map(
    (
      (await query("SELECT case_id, actor_user_id, actor_name FROM case_history WHERE action = 'approve_and_file' ORDER BY id")) as {
        case_id: number;
        actor_user_id: number;
        actor_name: string;
      }[]
    ).map((h) => [Number(h.case_id), h]),
  );
  let next = await firstFreeCaseId(query);
  const byFile = new Map<number, LegacyEvent[]>();
  for (const e of events) byFile.set(Number(e.file_id), [...(byFile.get(Number(e.file_id)) ?? []), e]);
  const cases: CaseRow[] = [];
  const history: HistoryRow[] = [];
  for (const f of files) {
    const id = next++;
    caseIds.set(Number(f.id), id);
    const own = byFile.get(Number(f.id)) ?? [];
    const calledAt = own.filter((e) => e.outcome === 'follow_up').at(-1)?.created_at;
    const state = f.status === 'active' ? 'active' : f.follow_up_due_at !== null ? 'exited' : 'closed';
    cases.push({
      id,
      state,
      subjectId: f.id,
      version: f.version,
      holder: state === 'closed' ? 'none' : 'staff',
      organizationId: f.organization_id,
      organizationPath: f.organization_path,
      applicantUserId: f.applicant_user_id,
      applicantNameMasked: f.name_masked ?? '',
      applicantIdIndex: null,
      title: `困难档案 ${f.file_no}`,
      submittedAt: f.filed_at,
      dueAt: state === 'active' ? f.recheck_due_at : state === 'exited' ? f.follow_up_due_at : null,
      closedAt: state === 'closed' ? (calledAt ?? f.closed_at) : null,
      updatedAt: own.at(-1)?.created_at ?? f.filed_at,
    });
    const filer = filers.get(Number(f.application_case_id));
    history.push([id, 'submit', null, 'active', filer?.actor_user_id ?? f.applicant_user_id, filer?.actor_name ?? '', null, f.filed_at]);
    for (const e of own) {
      const [from, to] = FROM_TO[e.outcome];
      const comment =
        e.outcome === 'change_category' && e.category
          ? `调整为${HARDSHIP_CATEGORY_LABEL[e.category]}：${e.note}`
          : e.outcome === 'close' && e.close_reason
            ? `${FILE_CLOSE_REASON_LABEL[e.close_reason]}：${e.note}`
            : e.note;
      history.push([id, e.outcome, from, to, e.actor_user_id, e.actor_name, comment.slice(0, 500), e.created_at]);
    }
  }
  await writeCases(query, 'hardship_file', 'hardship_files', cases, history);
  return caseIds;
}

/** A member as the tables before `AddMembershipCases` kept them (the leaving time on the row). */
interface LegacyMember {
  id: number;
  member_no: string;
  user_id: number;
  real_name: string;
  id_number_index: string;
  organization_id: number;
  organization_path: string;
  status: string;
  joined_at: unknown;
  withdrawn_at: unknown;
  application_case_id: number | null;
  display_name: string | null;
}

/**
 * Give every member of `legacyTable` the case of their membership (`membership`), as approval does
 * today: active or withdrawn, ended at the time they left, with a history of joining (by the
 * cadre who approved the application) and of leaving (by the member). Plain SQL both MySQL and
 * SQLite run; case ids are given explicitly. Answers member id → case id.
 */
export async function openLegacyMembershipCases(query: RawQuery, legacyTable: string): Promise<Map<number, number>> {
  const members = (await query(
    `SELECT m.id AS id, m.member_no AS member_no, m.user_id AS user_id, m.real_name AS real_name, m.id_number_index AS id_number_index,
            m.organization_id AS organization_id, o.path AS organization_path, m.status AS status, m.joined_at AS joined_at,
            m.withdrawn_at AS withdrawn_at, a.case_id AS application_case_id, u.display_name AS display_name
     FROM ${legacyTable} m JOIN organizations o ON o.id = m.organization_id
     LEFT JOIN membership_applications a ON a.id = m.application_id LEFT JOIN users u ON u.id = m.user_id ORDER BY m.id`,
  )) as LegacyMember[];
  const caseIds = new Map<number, number>();
  if (members.length === 0) return caseIds;
  const approvers = new Map(
    (
      (await query("SELECT case_id, actor_user_id, actor_name FROM case_history WHERE action = 'approve' ORDER BY id")) as {
        case_id: number;
        actor_user_id: number;
        actor_name: string;
      }[]
    ).map((h) => [Number(h.case_id), h]),
  );
  let next = await firstFreeCaseId(query);
  const cases: CaseRow[] = [];
  const history: HistoryRow[] = [];
  for (const m of members) {
    const id = next++;
    caseIds.set(Number(m.id), id);
    const left = m.status !== 'active';
    const leftAt = m.withdrawn_at ?? m.joined_at;
    cases.push({
      id,
      state: left ? 'withdrawn' : 'active',
      subjectId: m.id,
      version: left ? 2 : 1,
      holder: 'none',
      organizationId: m.organization_id,
      organizationPath: m.organization_path,
      applicantUserId: m.user_id,
      applicantNameMasked: maskName(m.real_name),
      applicantIdIndex: m.id_number_index,
      title: `会员 ${m.member_no}`,
      submittedAt: m.joined_at,
      dueAt: null,
      closedAt: left ? leftAt : null,
      updatedAt: left ? leftAt : m.joined_at,
    });
    const approver = m.application_case_id === null ? undefined : approvers.get(Number(m.application_case_id));
    history.push([id, 'submit', null, 'active', approver?.actor_user_id ?? m.user_id, approver?.actor_name ?? '', null, m.joined_at]);
    if (left) history.push([id, 'withdraw', 'active', 'withdrawn', m.user_id, m.display_name ?? maskName(m.real_name), null, leftAt]);
  }
  await writeCases(query, 'membership', 'members', cases, history);
  return caseIds;
}

/** An entry as the tables before `AddEntryCases` kept it (the check-in time on the row). */
interface LegacyEntry {
  id: number;
  kind: string;
  registrant_user_id: number;
  organization_id: number;
  organization_path: string;
  entrant_name: string;
  status: string;
  registered_at: unknown;
  checked_in_at: unknown;
  event_name: string;
  registrant_name: string | null;
  organiser_user_id: number | null;
  organiser_name: string | null;
}

/**
 * Give every competition entry of `legacyTable` its case (`competition_entry`), as registering does
 * today: registered, checked in (by the organiser, at the time it was) or withdrawn, with its
 * history. Plain SQL both MySQL and SQLite run; case ids are given explicitly. Answers entry id →
 * case id.
 */
export async function openLegacyEntryCases(query: RawQuery, legacyTable: string): Promise<Map<number, number>> {
  const entries = (await query(
    `SELECT e.id AS id, e.kind AS kind, e.registrant_user_id AS registrant_user_id, e.organization_id AS organization_id, o.path AS organization_path,
            e.entrant_name AS entrant_name, e.status AS status, e.registered_at AS registered_at, e.checked_in_at AS checked_in_at,
            ev.name AS event_name, u.display_name AS registrant_name, k.applicant_user_id AS organiser_user_id, ou.display_name AS organiser_name
     FROM ${legacyTable} e JOIN organizations o ON o.id = e.organization_id JOIN competition_events ev ON ev.id = e.event_id
     JOIN competitions c ON c.id = e.competition_id LEFT JOIN workflow_cases k ON k.id = c.case_id
     LEFT JOIN users u ON u.id = e.registrant_user_id LEFT JOIN users ou ON ou.id = k.applicant_user_id ORDER BY e.id`,
  )) as LegacyEntry[];
  const caseIds = new Map<number, number>();
  if (entries.length === 0) return caseIds;
  let next = await firstFreeCaseId(query);
  const cases: CaseRow[] = [];
  const history: HistoryRow[] = [];
  for (const e of entries) {
    const id = next++;
    caseIds.set(Number(e.id), id);
    const state = e.status === 'checked_in' ? 'checked_in' : e.status === 'withdrawn' ? 'withdrawn' : 'registered';
    // The old table kept no time of withdrawal: the case ends when the entry was made.
    const endedAt = state === 'checked_in' ? (e.checked_in_at ?? e.registered_at) : state === 'withdrawn' ? e.registered_at : null;
    const registrant = e.registrant_name ?? '';
    cases.push({
      id,
      state,
      subjectId: e.id,
      version: state === 'registered' ? 1 : 2,
      holder: 'none',
      organizationId: e.organization_id,
      organizationPath: e.organization_path,
      applicantUserId: e.registrant_user_id,
      applicantNameMasked: e.kind === 'individual' ? maskName(e.entrant_name) : e.entrant_name,
      applicantIdIndex: null,
      title: `${e.event_name}：${e.entrant_name}`,
      submittedAt: e.registered_at,
      dueAt: null,
      closedAt: endedAt,
      updatedAt: endedAt ?? e.registered_at,
    });
    history.push([id, 'submit', null, 'registered', e.registrant_user_id, registrant, null, e.registered_at]);
    if (state === 'checked_in') {
      history.push([
        id,
        'check_in',
        'registered',
        'checked_in',
        e.organiser_user_id ?? e.registrant_user_id,
        e.organiser_name ?? '',
        null,
        endedAt,
      ]);
    }
    if (state === 'withdrawn') history.push([id, 'withdraw', 'registered', 'withdrawn', e.registrant_user_id, registrant, null, endedAt]);
  }
  await writeCases(query, 'competition_entry', 'competition_entries', cases, history);
  return caseIds;
}

/** Point each row of `table` at its case (`case_id`), a few hundred rows per statement (MySQL). */
export async function setCaseIds(query: RawQuery, table: string, caseIds: Map<number, number>): Promise<void> {
  const pairs = [...caseIds];
  for (let i = 0; i < pairs.length; i += 500) {
    const chunk = pairs.slice(i, i + 500);
    await query(
      `UPDATE \`${table}\` SET \`case_id\` = CASE \`id\` ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE \`id\` IN (${chunk.map(() => '?').join(', ')})`,
      [...chunk.flat(), ...chunk.map(([rowId]) => rowId)],
    );
  }
}

/** A case written for a row of an earlier version (the columns of `workflow_cases` it sets). */
interface CaseRow {
  id: number;
  state: string;
  subjectId: number;
  version: number;
  holder: 'staff' | 'none';
  organizationId: number;
  organizationPath: string;
  applicantUserId: number;
  applicantNameMasked: string;
  applicantIdIndex: string | null;
  title: string;
  submittedAt: unknown;
  dueAt: unknown;
  closedAt: unknown;
  updatedAt: unknown;
}

/** A step of such a case, in `case_history`. */
type HistoryRow = [
  caseId: number,
  action: string,
  from: string | null,
  to: string,
  actorUserId: number,
  actorName: string,
  comment: string | null,
  at: unknown,
];

/** The first free case id: the cases written for earlier rows take ids from here, in order. */
async function firstFreeCaseId(query: RawQuery): Promise<number> {
  const [{ top }] = (await query('SELECT COALESCE(MAX(id), 0) AS top FROM workflow_cases')) as { top: number | string }[];
  return Number(top) + 1;
}

/** Write the cases of `caseType` (about rows of `subjectType`) and their steps, a few hundred rows per statement. */
async function writeCases(query: RawQuery, caseType: string, subjectType: string, cases: CaseRow[], history: HistoryRow[]): Promise<void> {
  await insertRows(
    query,
    'workflow_cases (id, case_type, state, subject_type, subject_id, version, holder, organization_id, organization_path, applicant_user_id, applicant_name_masked, applicant_id_index, assignee_user_id, title, submitted_at, due_at, closed_at, updated_at)',
    '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?)',
    cases.map((c) => [
      c.id,
      caseType,
      c.state,
      subjectType,
      c.subjectId,
      c.version,
      c.holder,
      c.organizationId,
      c.organizationPath,
      c.applicantUserId,
      c.applicantNameMasked.slice(0, 50),
      c.applicantIdIndex,
      c.title.slice(0, 100),
      c.submittedAt,
      c.dueAt,
      c.closedAt,
      c.updatedAt,
    ]),
  );
  // Each case's steps stay oldest first (the history is read in id order).
  await insertRows(
    query,
    'case_history (case_id, action, from_state, to_state, actor_user_id, actor_name, comment, created_at)',
    '(?, ?, ?, ?, ?, ?, ?, ?)',
    history,
  );
}

/** `INSERT INTO <into> VALUES <row>, <row>, …` in chunks of 200 rows. */
async function insertRows(query: RawQuery, into: string, row: string, rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const chunk = rows.slice(i, i + 200);
    await query(`INSERT INTO ${into} VALUES ${chunk.map(() => row).join(', ')}`, chunk.flat());
  }
}

/**
 * The objections of the three tables before `MoveObjectionsToNotices` (hardship notices, competition
 * results, nominations) into `notice_objections`, each on the case whose notice it is about:
 * hardship objections keep their ids (links point at them), the others follow. Plain SQL both
 * MySQL and SQLite run; `present` names the old tables there are; `into` is the table of the shape
 * before `AddObjectionCases`. Answers how many were moved.
 */
export async function moveLegacyObjections(query: RawQuery, present: Set<string>, into = 'notice_objections'): Promise<number> {
  const columns =
    'case_id, item_id, channel, content, status, received_by_user_id, received_at, resolution, upheld, resolved_by_user_id, resolved_at';
  const [{ n: before }] = (await query(`SELECT COUNT(*) AS n FROM ${into}`)) as { n: number | string }[];
  if (present.has('hardship_notice_objections')) {
    await query(
      `INSERT INTO ${into} (id, ${columns})
       SELECT o.id, a.case_id, NULL, o.channel, o.content, o.status, o.received_by_user_id, o.received_at, o.resolution, o.upheld, o.resolved_by_user_id, o.resolved_at
       FROM hardship_notice_objections o JOIN hardship_applications a ON a.id = o.application_id ORDER BY o.id`,
    );
  }
  const answered = "CASE WHEN o.resolved_at IS NULL THEN 'open' ELSE 'resolved' END";
  if (present.has('competition_objections')) {
    await query(
      `INSERT INTO ${into} (${columns})
       SELECT c.case_id, o.entry_id, 'online', o.content, ${answered}, o.user_id, o.created_at, o.resolution, NULL, NULL, o.resolved_at
       FROM competition_objections o JOIN competitions c ON c.id = o.competition_id ORDER BY o.id`,
    );
  }
  if (present.has('nomination_objections')) {
    await query(
      `INSERT INTO ${into} (${columns})
       SELECT n.case_id, NULL, 'online', o.content, ${answered}, o.user_id, o.created_at, o.resolution, NULL, NULL, o.resolved_at
       FROM nomination_objections o JOIN honour_nominations n ON n.id = o.nomination_id ORDER BY o.id`,
    );
  }
  const [{ n: after }] = (await query(`SELECT COUNT(*) AS n FROM ${into}`)) as { n: number | string }[];
  return Number(after) - Number(before);
}

/** An objection as the tables before `AddObjectionCases` kept it (open or answered on its row), with its notice's case. */
interface LegacyObjection {
  id: number;
  notice_case_id: number;
  notice_case_type: string;
  notice_title: string;
  organization_id: number;
  organization_path: string;
  channel: string;
  status: string;
  received_by_user_id: number;
  received_at: unknown;
  resolution: string | null;
  resolved_by_user_id: number | null;
  resolved_at: unknown;
  objector_name: string | null;
  resolver_name: string | null;
}

/** The objection case type of the case type on notice (as `OBJECTION_CASE_TYPE` of the shared tables). */
const OBJECTION_TYPE: Record<string, string> = {
  hardship_application: 'hardship_objection',
  competition: 'competition_objection',
  honour_nomination: 'nomination_objection',
};

/**
 * Give every objection of `legacyTable` (whose `case_id` is still the case on notice) its own case,
 * as raising one does today: open, or answered at the time it was answered (by whoever answered
 * it, when the row kept that), in the notice case's organisation; the objector online is its
 * applicant, a cadre who recorded one received offline is its applicant too ("线下收到"). Plain SQL
 * both MySQL and SQLite run; case ids are given explicitly. Answers objection id → case id.
 */
export async function openLegacyObjectionCases(query: RawQuery, legacyTable: string): Promise<Map<number, number>> {
  const rows = (await query(
    `SELECT o.id AS id, o.case_id AS notice_case_id, n.case_type AS notice_case_type, n.title AS notice_title,
            n.organization_id AS organization_id, n.organization_path AS organization_path, o.channel AS channel, o.status AS status,
            o.received_by_user_id AS received_by_user_id, o.received_at AS received_at, o.resolution AS resolution,
            o.resolved_by_user_id AS resolved_by_user_id, o.resolved_at AS resolved_at, u.display_name AS objector_name, r.display_name AS resolver_name
     FROM ${legacyTable} o JOIN workflow_cases n ON n.id = o.case_id
     LEFT JOIN users u ON u.id = o.received_by_user_id LEFT JOIN users r ON r.id = o.resolved_by_user_id ORDER BY o.id`,
  )) as LegacyObjection[];
  const caseIds = new Map<number, number>();
  let next = await firstFreeCaseId(query);
  const byType = new Map<string, { cases: CaseRow[]; history: HistoryRow[] }>();
  for (const o of rows) {
    const caseType = OBJECTION_TYPE[o.notice_case_type];
    if (!caseType) continue;
    const id = next++;
    caseIds.set(Number(o.id), id);
    const answered = o.status !== 'open';
    const answeredAt = o.resolved_at ?? o.received_at;
    const group = byType.get(caseType) ?? { cases: [], history: [] };
    byType.set(caseType, group);
    group.cases.push({
      id,
      state: answered ? 'resolved' : 'open',
      subjectId: Number(o.id),
      version: answered ? 2 : 1,
      holder: answered ? 'none' : 'staff',
      organizationId: o.organization_id,
      organizationPath: o.organization_path,
      applicantUserId: o.received_by_user_id,
      applicantNameMasked: o.channel === 'online' ? maskName(o.objector_name ?? '') || '线上提出' : '线下收到',
      applicantIdIndex: null,
      title: `对“${o.notice_title}”的公示异议`,
      submittedAt: o.received_at,
      dueAt: null,
      closedAt: answered ? answeredAt : null,
      updatedAt: answered ? answeredAt : o.received_at,
    });
    group.history.push([id, 'submit', null, 'open', o.received_by_user_id, o.objector_name ?? '', null, o.received_at]);
    if (answered) {
      // Competitions and nominations kept no one who answered: the step is the union's.
      group.history.push([id, 'resolve', 'open', 'resolved', o.resolved_by_user_id ?? 0, o.resolver_name ?? '工会', null, answeredAt]);
    }
  }
  for (const [caseType, { cases, history }] of byType) await writeCases(query, caseType, 'notice_objections', cases, history);
  return caseIds;
}

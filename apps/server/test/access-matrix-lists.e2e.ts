import { handlesCaseType, WORKFLOWS, type Permission } from '@union/shared';
import { DataSource } from 'typeorm';
import { DEMO_PERSONAS, newIdNumber, newPhone, startTestApp, type DemoPersona, type TestApp } from './harness';

/**
 * The authorisation matrix of lists, generated from the OpenAPI document: every GET operation
 * without path parameters that is not public × every demo persona. Each route has one expectation
 * per persona:
 * - `rows`: they read it as staff (200) and every row lies within their place (organisation
 *   subtree) AND function (case type or domain), with assignment and the own-case rule, checked
 *   against the database;
 * - `mine`: a list of one's own records (200): every row is the persona's own (checked in the DB);
 * - `public`: the same for every signed-in person (200); staff in `rows` may see more, checked;
 * - `empty`: 200 with nothing in it (no function for it, nothing assigned);
 * - `refused`: 403 (or 404);
 * - a number: a documented other answer (409 not_a_member for GET /membership/me).
 * A new list route fails this test until its expectation is written here (or it is in ELSEWHERE).
 */
const PERSONAS = DEMO_PERSONAS;
type Persona = DemoPersona;
type Outcome = 'rows' | 'mine' | 'public' | 'empty' | 'refused' | number;
type Row = Record<string, unknown>;
type Body = unknown;

/** Union staff (hardship, membership, proposals, honours) of every level. */
const UNION: Persona[] = ['grassroots_cadre', 'town_cadre', 'town2_cadre', 'industry_cadre', 'county_cadre', 'county_admin'];
/** Staff of a town or an industry federation and above (competition.manage). */
const TOWNS_UP: Persona[] = ['town_cadre', 'town2_cadre', 'industry_cadre', 'county_cadre', 'county_admin'];
const COUNTY: Persona[] = ['county_cadre', 'county_admin'];
const LEGAL_CONSULT: Persona[] = ['lawyer', 'legal_staff', 'town_lawyer'];
const WORKBENCH: Persona[] = [...UNION, 'lawyer', 'legal_staff', 'town_lawyer', 'judge'];

interface Expectation {
  /** A valid query string (required parameters; a page big enough for the demo county). */
  query?: string;
  /** The outcome for each persona; the rest are refused. */
  outcomes: Partial<Record<Persona, Outcome>>;
  /** Problems of a 200 body for a persona with `rows`, `mine` or (staff beyond the public view) `public`. */
  check?: (persona: Persona, body: Body) => Promise<string[]>;
  /** Personas for whom the list must not be empty (so that the row check proves something). */
  nonEmpty?: Persona[];
}

let t: TestApp;
const tokens = {} as Record<Persona, string>;
const ds = () => t.app.get(DataSource);

interface Who {
  userId: number;
  permissions: Permission[];
  orgId: number | null;
  orgPath: string | null;
  orgName: string | null;
}
const who = {} as Record<Persona, Who>;
let orgs: { id: number; name: string; path: string }[] = [];

async function q<T = Row>(sql: string, args: unknown[] = []): Promise<T[]> {
  return (await ds().query(sql, args)) as T[];
}
const orgByName = (name: unknown) => orgs.find((o) => o.name === name);
const orgById = (id: unknown) => orgs.find((o) => o.id === Number(id));

/** Does the persona's subtree cover the organisation of this path? */
const covers = (p: Persona, path: string | undefined | null) => !!path && !!who[p].orgPath && path.startsWith(who[p].orgPath as string);

// ---------------------------------------------------------------------------------------------
// Cases: the row-level rule of src/common/case-access.ts, restated over the raw table.

/** The domain table of each case type (every one has a `case_id`). */
const CASE_TABLES: Record<string, string> = {
  membership_application: 'membership_applications',
  membership_transfer: 'membership_transfers',
  hardship_application: 'hardship_applications',
  assistance_record: 'hardship_assistance_records',
  grant_application: 'hardship_grant_applications',
  legal_consultation: 'legal_consultations',
  legal_aid_application: 'legal_aid_applications',
  legal_thread: 'legal_threads',
  petition: 'petitions',
  competition: 'competitions',
  proposal: 'proposals',
  honour_nomination: 'honour_nominations',
};
const LEGAL_TYPES = ['legal_consultation', 'legal_aid_application', 'legal_thread', 'petition'];
const HARDSHIP_TYPES = ['hardship_application', 'assistance_record', 'grant_application'];

interface Kase {
  id: number;
  caseType: string;
  state: string;
  path: string;
  applicant: number;
  assignee: number | null;
}
const CASE_COLUMNS = `c.id AS id, c.case_type AS caseType, c.state AS state, c.organization_path AS path,
  c.applicant_user_id AS applicant, c.assignee_user_id AS assignee`;
const toKase = (r: Row): Kase => ({
  id: Number(r.id),
  caseType: String(r.caseType),
  state: String(r.state),
  path: String(r.path),
  applicant: Number(r.applicant),
  assignee: r.assignee === null || r.assignee === undefined ? null : Number(r.assignee),
});

async function caseOfRecord(caseType: string, id: unknown): Promise<Kase | null> {
  const table = CASE_TABLES[caseType];
  if (!table) return null;
  const found = await q(`SELECT ${CASE_COLUMNS} FROM ${table} d JOIN workflow_cases c ON c.id = d.case_id WHERE d.id = ?`, [Number(id)]);
  return found.length ? toKase(found[0]) : null;
}

/** Null when the persona may handle the case as staff in a list; else why not. */
function staffProblem(p: Persona, k: Kase): string | null {
  const me = who[p];
  const def = WORKFLOWS[k.caseType];
  if (!def) return `unknown case type ${k.caseType}`;
  if (!covers(p, k.path)) return `outside their place (${k.path} not under ${me.orgPath})`;
  if (!handlesCaseType(def, me.permissions)) return `not their function (${k.caseType})`;
  if (def.assignment && !me.permissions.includes(def.assignment.supervisor) && k.assignee !== me.userId)
    return `assigned to user ${k.assignee}, not to them`;
  if (!def.openedByStaff && k.applicant === me.userId) return 'their own case';
  return null;
}

/** Problems of a list of rows that are records of cases of `caseType` (or of the row's `caseType`). */
async function caseRows(p: Persona, rows: Row[], caseType?: string): Promise<string[]> {
  const problems: string[] = [];
  for (const row of rows) {
    const type = caseType ?? String(row.caseType);
    const kase = await caseOfRecord(type, row.id);
    if (!kase) {
      problems.push(`${type} #${String(row.id)}: no such record`);
      continue;
    }
    const why = staffProblem(p, kase);
    if (why) problems.push(`${type} #${String(row.id)}: ${why}`);
    if (row.organizationName !== undefined && !covers(p, orgByName(row.organizationName)?.path))
      problems.push(`${type} #${String(row.id)}: organisation ${String(row.organizationName)} outside their place`);
  }
  return problems;
}

/** Problems of rows that name their organisation: each must lie in the persona's subtree. */
function placeRows(p: Persona, rows: Row[], field = 'organizationName'): string[] {
  return rows
    .filter((r) => !covers(p, orgByName(r[field])?.path))
    .map((r) => `#${String(r.id)}: ${field} ${String(r[field])} outside ${who[p].orgName ?? 'no organisation'}`);
}

const items = (body: Body): Row[] => {
  if (Array.isArray(body)) return body as Row[];
  if (body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items)) return (body as { items: Row[] }).items;
  return [];
};
const isEmpty = (body: Body): boolean => {
  if (body === null || body === undefined) return true;
  if (Array.isArray(body)) return body.length === 0;
  if (typeof body === 'object' && Array.isArray((body as { items?: unknown }).items))
    return (body as { items: unknown[] }).items.length === 0;
  return false;
};

// ---------------------------------------------------------------------------------------------
// `mine`: the owner of each row, from the database.

function ownedRows(ownerSql: string, { idOf = (r: Row) => r.id }: { idOf?: (r: Row) => unknown } = {}) {
  return async (p: Persona, body: Body): Promise<string[]> => {
    const problems: string[] = [];
    for (const row of items(body)) {
      const found = await q<{ owner: number | string }>(ownerSql, [Number(idOf(row))]);
      const owners = found.map((f) => Number(f.owner));
      if (!owners.includes(who[p].userId))
        problems.push(`#${String(idOf(row))} belongs to user ${owners.join('/') || '?'}, not ${who[p].userId}`);
    }
    return problems;
  };
}
const ownerThroughCase = (table: string) =>
  ownedRows(`SELECT c.applicant_user_id AS owner FROM ${table} d JOIN workflow_cases c ON c.id = d.case_id WHERE d.id = ?`);

const everyone = (outcome: Outcome): Partial<Record<Persona, Outcome>> => Object.fromEntries(PERSONAS.map((p) => [p, outcome]));
const only = (personas: Persona[], outcome: Outcome = 'rows'): Partial<Record<Persona, Outcome>> =>
  Object.fromEntries(personas.map((p) => [p, outcome]));

/** Users holding a role (a directory of judges, experts or lawyers must list nobody else). */
async function usersWithRole(role: string): Promise<number[]> {
  const users = await q<{ id: number; roles: string }>('SELECT id, roles FROM users');
  return users.filter((u) => String(u.roles).includes(role)).map((u) => Number(u.id));
}
const directoryOf =
  (...roles: string[]) =>
  async (_p: Persona, body: Body): Promise<string[]> => {
    const allowed = (await Promise.all(roles.map(usersWithRole))).flat();
    return items(body)
      .filter((r) => !allowed.includes(Number(r.userId)))
      .map((r) => `user ${String(r.userId)} (${String(r.name)}) is not a ${roles.join('/')}`);
  };

// ---------------------------------------------------------------------------------------------
// Data the seed lacks: proposals of two places, a staff member's own case.

let consultationDays: string[] = [];

async function loginSeeded(key: string): Promise<string> {
  const res = await t.http<{ accessToken: string }>('POST', '/auth/wechat-login', { body: { code: `user-${key}-seed` } });
  if (res.status !== 200) throw new Error(`login ${key}: ${res.status}`);
  return res.body.accessToken;
}

async function prepare(): Promise<void> {
  const proposal = (title: string) => ({
    title,
    problem: '夏天工地上喝水要走很远。',
    suggestion: '每个作业面设一个饮水点。',
    expectedBenefit: '减少中暑',
  });
  // 李会员 (县城建筑公司, 城关镇) and 韩师傅 (县人民医院, the health industry federation) make proposals.
  const a = await t.http('POST', '/proposals', { token: tokens.member, body: proposal('工地饮水点') });
  if (a.status !== 201) throw new Error(`proposal: ${a.status} ${JSON.stringify(a.body)}`);
  const b = await t.http('POST', '/proposals', { token: await loginSeeded('han'), body: proposal('病区饮水点') });
  if (b.status !== 201) throw new Error(`proposal: ${b.status} ${JSON.stringify(b.body)}`);
  // 陈主席 (town cadre of 城关镇) applies to join a union of his own town: nobody handles their own case.
  const c = await t.http('POST', '/membership/applications', {
    token: tokens.town_cadre,
    body: {
      realName: '陈主席',
      idNumber: newIdNumber(),
      phone: newPhone(),
      employerName: '城关纺织有限公司',
      employmentType: 'employee',
      organizationId: orgByName('城关纺织有限公司工会')?.id,
      hideFromEmployer: false,
    },
  });
  if (c.status !== 201) throw new Error(`membership: ${c.status} ${JSON.stringify(c.body)}`);
  // 张干事 (县城建筑公司's union) nominates a worker of his company: 城关镇's, not 万安镇's.
  const kinds = (await t.http<Row[]>('GET', '/honours/kinds', { token: tokens.grassroots_cadre })).body;
  const d = await t.http('POST', '/honours/nominations', {
    token: tokens.grassroots_cadre,
    body: {
      kindId: Number(kinds[0].id),
      nomineeName: '宋师傅',
      employerName: '县城建筑公司',
      deeds: '带领班组连续安全生产一千天，带出十二名高级工，推广新工法节约成本三十万元。',
      year: 2026,
    },
  });
  if (d.status !== 201) throw new Error(`nomination: ${d.status} ${JSON.stringify(d.body)}`);
  const starts = await q<{ s: string | Date }>('SELECT starts_at AS s FROM legal_consultations');
  consultationDays = [...new Set(starts.map((r) => new Date(new Date(r.s).getTime() + 8 * 3600_000).toISOString().slice(0, 10)))];
}

beforeAll(async () => {
  t = await startTestApp();
  orgs = (await q<{ id: number; name: string; path: string }>('SELECT id, name, path FROM organizations')).map((o) => ({
    id: Number(o.id),
    name: String(o.name),
    path: String(o.path),
  }));
  for (const p of PERSONAS) {
    tokens[p] = await t.loginAs(p);
    const me = (
      await t.http<{ id: number; permissions: Permission[]; organization: { id: number; name: string } | null }>('GET', '/me', {
        token: tokens[p],
      })
    ).body;
    const org = me.organization ? orgById(me.organization.id) : undefined;
    who[p] = { userId: me.id, permissions: me.permissions, orgId: org?.id ?? null, orgPath: org?.path ?? null, orgName: org?.name ?? null };
  }
  await prepare();
}, 60_000);
afterAll(async () => {
  await t?.close();
});

async function get(persona: Persona, path: string): Promise<{ status: number; body: Body }> {
  return t.http<Body>('GET', path, { token: tokens[persona] });
}

// ---------------------------------------------------------------------------------------------
// The expectations.

const EXPECTED: Record<string, Expectation> = {
  // ---- one's own ----
  '/api/me': {
    outcomes: everyone('mine'),
    check: async (p, body) => (Number((body as Row).id) === who[p].userId ? [] : [`/me is user ${String((body as Row).id)}`]),
  },
  '/api/messages': {
    query: '?limit=50',
    outcomes: everyone('mine'),
    check: ownedRows('SELECT user_id AS owner FROM messages WHERE id = ?'),
    nonEmpty: ['member', 'lawyer', 'legal_staff', 'county_cadre'],
  },
  '/api/messages/unread-count': {
    outcomes: everyone('mine'),
    check: async (p, body) => {
      const [row] = await q<{ n: number | string }>('SELECT COUNT(*) AS n FROM messages WHERE user_id = ? AND read_at IS NULL', [
        who[p].userId,
      ]);
      return Number((body as Row).count) === Number(row.n) ? [] : [`count ${String((body as Row).count)}, own unread ${Number(row.n)}`];
    },
  },
  '/api/membership/applications/mine': {
    outcomes: everyone('mine'),
    check: ownerThroughCase('membership_applications'),
    nonEmpty: ['member', 'town_cadre'],
  },
  '/api/membership/me': {
    // 李会员 is the only member among the personas; everyone else: 409 not_a_member.
    outcomes: { ...everyone(409), member: 'mine' },
    check: ownedRows('SELECT user_id AS owner FROM members WHERE id = ?', { idOf: (r) => r.memberId }),
  },
  '/api/hardship/draft': {
    outcomes: everyone('mine'),
    check: async (p, body) => {
      if (body === null) return [];
      const drafts = await q('SELECT id FROM hardship_drafts WHERE user_id = ?', [who[p].userId]);
      return drafts.length ? [] : ['a draft returned to someone who has none'];
    },
  },
  '/api/hardship/applications/mine': {
    outcomes: everyone('mine'),
    check: ownerThroughCase('hardship_applications'),
    nonEmpty: ['member'],
  },
  '/api/hardship/grants/mine': {
    outcomes: everyone('mine'),
    check: ownedRows('SELECT applicant_user_id AS owner FROM hardship_grant_applications WHERE id = ?'),
  },
  '/api/hardship/files/mine': {
    outcomes: everyone('mine'),
    check: ownedRows('SELECT applicant_user_id AS owner FROM hardship_files WHERE id = ?'),
  },
  '/api/legal/consultations/mine': {
    outcomes: everyone('mine'),
    check: ownedRows('SELECT applicant_user_id AS owner FROM legal_consultations WHERE id = ?'),
    nonEmpty: ['member'],
  },
  '/api/legal/aid-applications/mine': {
    outcomes: everyone('mine'),
    check: ownerThroughCase('legal_aid_applications'),
  },
  '/api/legal/threads/mine': {
    outcomes: everyone('mine'),
    check: ownerThroughCase('legal_threads'),
    nonEmpty: ['member'],
  },
  '/api/competitions/entries/mine': {
    outcomes: everyone('mine'),
    // The registrant, or a member of a team entry.
    check: async (p, body) => {
      const problems: string[] = [];
      for (const row of items(body)) {
        const [entry] = await q<{ r: number; m: string | null }>(
          'SELECT registrant_user_id AS r, members AS m FROM competition_entries WHERE id = ?',
          [Number(row.id)],
        );
        if (!entry) problems.push(`entry #${String(row.id)} not found`);
        else if (Number(entry.r) !== who[p].userId && !new RegExp(`"userId":\\s*${who[p].userId}\\b`).test(String(entry.m ?? '')))
          problems.push(`entry #${String(row.id)} registered by user ${entry.r}`);
      }
      return problems;
    },
    nonEmpty: ['member'],
  },
  '/api/proposals/mine': {
    outcomes: everyone('mine'),
    check: ownedRows('SELECT submitter_user_id AS owner FROM proposals WHERE id = ?'),
    nonEmpty: ['member'],
  },

  // ---- the workbench ----
  '/api/workbench/queue': {
    query: '?limit=50',
    outcomes: only(WORKBENCH),
    check: async (p, body) => caseRows(p, items(body)),
    nonEmpty: ['grassroots_cadre', 'town_cadre', 'town2_cadre', 'county_cadre', 'county_admin', 'lawyer', 'legal_staff'],
  },
  '/api/workbench/summary': {
    outcomes: only(WORKBENCH),
    // Counts per case type and state: never more than the cases of that state the persona handles.
    check: async (p, body) => {
      const all = (await q(`SELECT ${CASE_COLUMNS} FROM workflow_cases c`)).map(toKase);
      return (body as Row[])
        .map((s) => {
          const mine = all.filter((k) => k.caseType === s.caseType && k.state === s.state && staffProblem(p, k) === null).length;
          return Number(s.count) > mine ? `${String(s.caseType)}/${String(s.state)}: ${String(s.count)} counted, ${mine} handled` : null;
        })
        .filter((x): x is string => x !== null);
    },
    nonEmpty: ['town_cadre', 'lawyer', 'legal_staff'],
  },
  '/api/workbench/assignments': {
    outcomes: only(WORKBENCH),
    // Scoring and review tasks are a judge's or an expert's: nobody else has any.
    check: async (p, body) => {
      const b = body as { scoring: number; reviews: number };
      const judge = who[p].permissions.includes('competition.judge');
      const expert = who[p].permissions.includes('proposal.review');
      return [
        ...(!judge && b.scoring !== 0 ? [`scoring ${b.scoring} without competition.judge`] : []),
        ...(!expert && b.reviews !== 0 ? [`reviews ${b.reviews} without proposal.review`] : []),
      ];
    },
  },

  // ---- hardship ----
  '/api/hardship/files': {
    query: '?limit=50',
    outcomes: only(UNION),
    check: async (p, body) => {
      const problems = placeRows(p, items(body));
      // Exactly the files of their subtree.
      const files = await q<{ id: number; path: string }>('SELECT id, organization_path AS path FROM hardship_files');
      const want = files.filter((f) => covers(p, String(f.path))).map((f) => Number(f.id));
      const got = items(body).map((r) => Number(r.id));
      if (JSON.stringify([...got].sort()) !== JSON.stringify([...want].sort()))
        problems.push(`files ${got.join(',')}, in scope ${want.join(',')}`);
      return problems;
    },
    nonEmpty: ['town_cadre', 'county_cadre', 'county_admin'],
  },
  '/api/hardship/files/recheck-due': {
    query: '?limit=50',
    outcomes: only(UNION),
    check: async (p, body) => placeRows(p, items(body)),
  },
  '/api/hardship/files/follow-up-due': {
    query: '?limit=50',
    outcomes: only(UNION),
    check: async (p, body) => placeRows(p, items(body)),
  },
  '/api/hardship/statistics': {
    outcomes: only(UNION),
    // Figures of their own organisation's subtree (another organisation: see the test below).
    check: async (p, body) =>
      (body as Row).organizationName === who[p].orgName ? [] : [`figures of ${String((body as Row).organizationName)}`],
  },
  '/api/calendar/days': {
    // The county's own calendar days: every member of staff reads them (deadlines count with them).
    outcomes: only(WORKBENCH),
  },
  '/api/hardship/rule-sets': {
    // The rules of the county: their keepers only (hardship.rules.manage).
    outcomes: only(COUNTY),
  },
  '/api/hardship/notices': {
    // Public notices (名单公示) are posted to everyone; masked.
    query: '?limit=50',
    outcomes: everyone('public'),
    nonEmpty: ['worker'],
  },
  '/api/hardship/campaigns': {
    // Campaigns are open to every worker; the county's hardship staff see their budget figures too.
    outcomes: { ...everyone('public'), county_cadre: 'rows', county_admin: 'rows' },
    check: async (_p, body) => {
      const publicIds = items((await get('worker', '/hardship/campaigns')).body).map((c) => c.id);
      return items(body)
        .filter((c) => !publicIds.includes(c.id))
        .map((c) => `campaign #${String(c.id)} not public`);
    },
  },

  // ---- legal ----
  '/api/legal/aid-applications': {
    query: '?limit=50',
    outcomes: only(LEGAL_CONSULT),
    check: async (p, body) => caseRows(p, items(body), 'legal_aid_application'),
    nonEmpty: ['lawyer', 'legal_staff'],
  },
  '/api/legal/threads': {
    query: '?limit=50',
    outcomes: only(LEGAL_CONSULT),
    check: async (p, body) => caseRows(p, items(body), 'legal_thread'),
    nonEmpty: ['lawyer', 'legal_staff'],
  },
  '/api/legal/petitions': {
    query: '?limit=50',
    // The centre's staff and the county federation (legal.petition.manage); the lawyers are not given petitions.
    outcomes: only(['legal_staff', ...COUNTY]),
    check: async (p, body) => caseRows(p, items(body), 'petition'),
    nonEmpty: ['legal_staff', 'county_cadre'],
  },
  '/api/legal/consultations/day': {
    // Every day with a seeded consultation is asked for (see dayQueries); here the first.
    query: '?date=DAY',
    outcomes: only(LEGAL_CONSULT),
    check: async (p, body) => caseRows(p, items(body), 'legal_consultation'),
    nonEmpty: ['lawyer', 'legal_staff'],
  },
  '/api/legal/statistics': {
    // The centre's figures: its staff only (not the federation, not the lawyers).
    outcomes: only(['legal_staff']),
  },
  '/api/legal/lawyers': {
    // The centre's roster and weekly hours (the same hours the public slots show): who consults.
    outcomes: only(LEGAL_CONSULT),
    check: directoryOf('lawyer', 'legal_staff'),
    nonEmpty: ['legal_staff'],
  },
  '/api/legal/slots': {
    // Free consultation times: for every worker to book.
    query: '?days=7',
    outcomes: everyone('public'),
  },

  // ---- competitions ----
  '/api/competitions': {
    // Published competitions are public; an organiser also sees their own drafts (the county's here).
    outcomes: { ...everyone('public'), ...only(TOWNS_UP, 'rows') },
    check: async (p, body) => {
      const publicIds = items((await get('worker', '/competitions?limit=50')).body).map((c) => c.id);
      const problems: string[] = [];
      for (const c of items(body)) {
        if (publicIds.includes(c.id)) continue;
        const kase = await caseOfRecord('competition', c.id);
        const why = kase ? staffProblem(p, kase) : 'no such competition';
        if (why) problems.push(`competition #${String(c.id)} (${String(c.state)}): ${why}`);
      }
      return problems;
    },
  },
  '/api/competitions/statistics': {
    outcomes: only(TOWNS_UP),
  },
  '/api/competitions/judges': {
    outcomes: only(TOWNS_UP),
    check: directoryOf('judge'),
    nonEmpty: ['town_cadre'],
  },
  '/api/competitions/employer-flags': {
    // The register of excluded employers is county-wide (an exclusion applies in every competition and nomination):
    // every competition organiser reads it; lifting a flag is checked by test/access-matrix-writes.e2e.ts.
    outcomes: only(TOWNS_UP),
    nonEmpty: ['town2_cadre'],
  },

  // ---- proposals ----
  '/api/proposals': {
    // Union staff: proposals of their scope; an expert (the judge): those sent to them (none here);
    // the legal centre: no proposal function, an empty list.
    outcomes: { ...only(UNION), lawyer: 'empty', legal_staff: 'empty', town_lawyer: 'empty', judge: 'empty' },
    check: async (p, body) => caseRows(p, items(body), 'proposal'),
    nonEmpty: ['grassroots_cadre', 'town_cadre', 'industry_cadre', 'county_cadre', 'county_admin'],
  },
  '/api/proposals/statistics': {
    outcomes: only(UNION),
    // 李会员's proposal is 城关镇's, 韩师傅's the health federation's: 万安镇 counts none.
    check: async (p, body) => {
      const submitted = Number((body as Row).submitted);
      const cases = (await q(`SELECT ${CASE_COLUMNS} FROM workflow_cases c WHERE c.case_type = 'proposal'`)).map(toKase);
      const inScope = cases.filter((k) => covers(p, k.path)).length;
      return submitted > inScope ? [`${submitted} submitted counted, ${inScope} in their place`] : [];
    },
  },
  '/api/proposals/experts': {
    outcomes: only(UNION),
    check: directoryOf('judge'),
  },

  // ---- honours ----
  '/api/honours/nominations': {
    outcomes: only(UNION),
    // A nomination's case sits at the county (the county decides); a nominating union sees the nominations
    // made in its subtree, the county's honour staff every one.
    check: async (p, body) => {
      const problems: string[] = [];
      for (const row of items(body)) {
        const [n] = await q<{ org: number }>('SELECT nominated_by_organization_id AS org FROM honour_nominations WHERE id = ?', [
          Number(row.id),
        ]);
        const place = orgById(n?.org)?.path;
        if (!who[p].permissions.includes('honour.manage') && !covers(p, place))
          problems.push(`nomination #${String(row.id)}: nominated by ${place ?? '?'}, outside ${who[p].orgPath}`);
        if (!who[p].permissions.includes('honour.nominate')) problems.push(`nomination #${String(row.id)}: no honour function`);
      }
      return problems;
    },
    nonEmpty: ['grassroots_cadre', 'town_cadre', 'county_cadre', 'county_admin'],
  },
  '/api/honours/model-workers': {
    outcomes: only(COUNTY),
  },
  '/api/honours/statistics': {
    outcomes: only(COUNTY),
  },
  '/api/honours/kinds': { outcomes: everyone('public') },
  '/api/honours/roll': { outcomes: everyone('public') },
  '/api/honours/notices': { outcomes: everyone('public') },

  // ---- the rest ----
  '/api/notifications/subscribe-templates': { outcomes: everyone('public') },
  // The deployment's counties, to choose from before signing in (test/province.e2e.ts: a province's several).
  '/api/organizations/counties': { outcomes: everyone('public') },
  '/api/organizations/route': {
    // Where a worker of this employer joins: the same answer for everybody.
    query: `?employerName=${encodeURIComponent('县城建筑公司')}`,
    outcomes: everyone('public'),
  },
};

/** List routes checked by another test. */
const ELSEWHERE: Record<string, string> = {};

/** GET routes anyone may call (declared @Public), as in test/access-matrix.e2e.ts. */
const PUBLIC_GET = new Set([
  '/api/health',
  '/api/membership/cards/verify',
  '/api/hardship/rule-sets/current',
  '/api/legal/rule-sets/current',
  '/api/legal/evidence-checklist',
  '/api/auth/demo-personas',
  '/api/organizations/search',
  // Behind its own token (METRICS_TOKEN), not a sign-in: test/metrics.e2e.ts.
  '/api/metrics',
]);

/** Real access bugs found by this matrix: the route is skipped (only it) until fixed. */
const KNOWN_BUGS: Record<string, string> = {};

const withoutRequestId = (body: Body) => JSON.stringify(body, (k, v: unknown) => (k === 'requestId' ? undefined : v));

describe('the authorisation matrix of lists', () => {
  it('has an expectation for every GET route without path parameters in the OpenAPI document', async () => {
    const doc = (await t.http<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs/openapi.json')).body;
    const templates = Object.entries(doc.paths)
      .filter(([path, ops]) => !path.includes('{') && 'get' in ops && !PUBLIC_GET.has(path) && !path.startsWith('/api/docs'))
      .map(([path]) => path);
    expect(templates.length).toBeGreaterThan(40);
    expect(templates.filter((p) => !EXPECTED[p] && !ELSEWHERE[p] && !KNOWN_BUGS[p])).toEqual([]);
    // And no stale expectation.
    expect(Object.keys(EXPECTED).filter((p) => !templates.includes(p))).toEqual([]);
  });

  for (const [template, expectation] of Object.entries(EXPECTED)) {
    const run = KNOWN_BUGS[template] ? it.skip : it;
    run(`GET ${template}`, async () => {
      const queries = expectation.query?.includes('DAY')
        ? consultationDays.map((d) => (expectation.query as string).replace('DAY', d))
        : [expectation.query ?? ''];
      expect(queries.length).toBeGreaterThan(0);
      const got: Record<string, string> = {};
      const want: Record<string, string> = {};
      const problems: string[] = [];
      const seen = new Set<Persona>();
      for (const query of queries) {
        const path = template.replace(/^\/api/, '') + query;
        const publicBody = withoutRequestId((await get('worker', path)).body);
        for (const persona of PERSONAS) {
          const outcome = expectation.outcomes[persona] ?? 'refused';
          const res = await get(persona, path);
          const key = queries.length > 1 ? `${persona} ${query}` : persona;
          want[key] = outcome === 'refused' ? 'refused' : String(typeof outcome === 'number' ? outcome : 200);
          got[key] = outcome === 'refused' && (res.status === 403 || res.status === 404) ? 'refused' : String(res.status);
          if (res.status !== 200) continue;
          if (outcome === 'empty' && !isEmpty(res.body)) problems.push(`${key}: not empty: ${JSON.stringify(res.body).slice(0, 200)}`);
          if (outcome === 'public' && withoutRequestId(res.body) !== publicBody) problems.push(`${key}: differs from what a worker sees`);
          if ((outcome === 'rows' || outcome === 'mine') && expectation.check)
            for (const problem of await expectation.check(persona, res.body)) problems.push(`${key}: ${problem}`);
          if (!isEmpty(res.body)) seen.add(persona);
        }
      }
      expect(got).toEqual(want);
      expect(problems).toEqual([]);
      expect((expectation.nonEmpty ?? []).filter((p) => !seen.has(p))).toEqual([]);
    });
  }
});

describe('place and function in the lists, spelled out', () => {
  const queue = async (p: Persona) => items((await get(p, '/workbench/queue?limit=50')).body);

  it('the legal centre sees no hardship or union case in its queue; the union cadres no legal case', async () => {
    for (const p of LEGAL_CONSULT) expect((await queue(p)).filter((r) => !LEGAL_TYPES.includes(String(r.caseType)))).toEqual([]);
    // The county federation registers petitions (legal.petition.manage) but holds none of the centre's functions.
    const centreOnly = LEGAL_TYPES.filter((x) => x !== 'petition');
    for (const p of UNION) expect((await queue(p)).filter((r) => centreOnly.includes(String(r.caseType)))).toEqual([]);
    for (const p of UNION.filter((x) => !COUNTY.includes(x)))
      expect((await queue(p)).filter((r) => LEGAL_TYPES.includes(String(r.caseType)))).toEqual([]);
    for (const p of LEGAL_CONSULT) expect((await get(p, '/hardship/files?limit=50')).status).toBe(403);
    for (const p of UNION) expect((await get(p, '/legal/aid-applications?limit=50')).status).toBe(403);
    // The county federation sees hardship work; the centre sees legal work.
    expect((await queue('county_cadre')).some((r) => HARDSHIP_TYPES.includes(String(r.caseType)))).toBe(true);
    expect((await queue('legal_staff')).some((r) => LEGAL_TYPES.includes(String(r.caseType)))).toBe(true);
  });

  it('a town cadre sees no row of another town (queue, household files)', async () => {
    const chengguan = orgByName('城关镇总工会')?.path as string;
    const wanan = orgByName('万安镇总工会')?.path as string;
    const place = (r: Row) => orgByName(r.organizationName)?.path ?? '?';
    const own = await queue('town_cadre');
    const other = await queue('town2_cadre');
    expect(own.length).toBeGreaterThan(0);
    expect(other.length).toBeGreaterThan(0);
    expect(own.filter((r) => !place(r).startsWith(chengguan))).toEqual([]);
    expect(other.filter((r) => !place(r).startsWith(wanan))).toEqual([]);
    expect(items((await get('town2_cadre', '/hardship/files?limit=50')).body)).toEqual([]);
    const health = orgByName('县卫生行业工会联合会')?.path as string;
    expect((await queue('industry_cadre')).filter((r) => !place(r).startsWith(health))).toEqual([]);
  });

  it('nobody handles their own case: 陈主席 does not find his own membership application in his queue', async () => {
    const [own] = await q<{ id: number }>(
      `SELECT d.id AS id FROM membership_applications d JOIN workflow_cases c ON c.id = d.case_id WHERE c.applicant_user_id = ?`,
      [who.town_cadre.userId],
    );
    expect(own).toBeDefined();
    const isOwn = (r: Row) => r.caseType === 'membership_application' && Number(r.id) === Number(own.id);
    expect((await queue('town_cadre')).filter(isOwn)).toEqual([]);
    expect((await queue('county_cadre')).filter(isOwn)).toHaveLength(1);
  });

  it('a lawyer lists only the cases assigned to them (孙律师, not 吴律师); the centre lists both', async () => {
    for (const path of ['/legal/aid-applications?limit=50', '/legal/threads?limit=50']) {
      const sun = items((await get('lawyer', path)).body);
      expect(sun.length).toBeGreaterThan(0);
      expect(sun.filter((r) => r.lawyerName !== '孙律师')).toEqual([]);
      expect(items((await get('town_lawyer', path)).body)).toEqual([]);
    }
    const centre = items((await get('legal_staff', '/legal/threads?limit=50')).body).map((r) => r.lawyerName);
    expect(centre).toEqual(expect.arrayContaining(['孙律师', '吴律师']));
    for (const day of consultationDays) {
      const sun = items((await get('lawyer', `/legal/consultations/day?date=${day}`)).body);
      expect(sun.filter((r) => Number(r.lawyerUserId) !== who.lawyer.userId)).toEqual([]);
    }
  });

  it("statistics of another organisation's subtree are refused; of one's own subtree given", async () => {
    const id = (name: string) => orgByName(name)?.id as number;
    for (const base of ['/hardship/statistics', '/competitions/statistics']) {
      const status = async (p: Persona, org: string) => (await get(p, `${base}?organizationId=${id(org)}`)).status;
      const refused = [403, 404];
      expect(refused).toContain(await status('town_cadre', '万安镇总工会'));
      expect(refused).toContain(await status('town_cadre', '万安食品有限公司工会'));
      expect(refused).toContain(await status('town2_cadre', '城关镇总工会'));
      expect(refused).toContain(await status('town2_cadre', '县城建筑公司工会'));
      expect(refused).toContain(await status('industry_cadre', '城关镇总工会'));
      expect(refused).toContain(await status('town_cadre', '示范县总工会'));
      expect(await status('town_cadre', '县城建筑公司工会')).toBe(200);
      expect(await status('county_cadre', '万安镇总工会')).toBe(200);
    }
    expect(refused_(await get('grassroots_cadre', `/hardship/statistics?organizationId=${id('城关镇总工会')}`))).toBe(true);
    const wanan = (await get('county_cadre', `/hardship/statistics?organizationId=${id('万安镇总工会')}`)).body as Row;
    expect(wanan.organizationName).toBe('万安镇总工会');
  });

  it('the legal statistics are refused to every union cadre (no legal function) and to the lawyers', async () => {
    for (const p of [...UNION, 'lawyer', 'town_lawyer', 'judge'] as Persona[])
      expect(refused_(await get(p, '/legal/statistics'))).toBe(true);
    expect((await get('legal_staff', '/legal/statistics')).status).toBe(200);
  });
});

function refused_(res: { status: number }): boolean {
  return res.status === 403 || res.status === 404;
}

import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { CONSENT_VERSIONS, idCheckDigit, type ActionView, type Role, type TokenPair } from '@union/shared';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { MovableClock } from '../src/common/clock';
import { IdentityService } from '../src/modules/identity/identity.service';
import { loadConfig } from '../src/config/configuration';
import { startWechatStandIn, type StandInState } from '../src/modules/wechat/wechat-standin';
import { scratchDatabase } from './scratch-database';
import { queueRowsOf } from '../src/modules/workflow/case-queue';
import { CaseQueueEntry } from '../src/modules/workflow/entities/case-queue-entry.entity';
import { CaseQueueCount, QUEUE_COUNT_SHARDS } from '../src/modules/workflow/entities/case-queue-count.entity';
import { WorkflowCase } from '../src/modules/workflow/entities/workflow-case.entity';

/** Every persona of the demo county (README: 演示身份), for access matrices. */
export const DEMO_PERSONAS = [
  'worker',
  'member',
  'grassroots_cadre',
  'town_cadre',
  'town2_cadre',
  'industry_cadre',
  'county_cadre',
  'county_admin',
  'lawyer',
  'legal_staff',
  'town_lawyer',
  'judge',
] as const;

/** One demo persona. */
export type DemoPersona = (typeof DEMO_PERSONAS)[number];

/** The database the e2e tests run on: MySQL/MariaDB when DATABASE_URL is set, else embedded. */
export const ON_MYSQL = !!process.env.DATABASE_URL;

/**
 * A test of two people acting on one case at the same moment. It runs on MySQL/MariaDB only: the
 * embedded database runs one transaction at a time, so there the second request simply finds the
 * case already moved and never meets the compare-and-set the test is about. CI runs every suite on
 * MariaDB too, so each race test runs there.
 */
export const itRaces: jest.It = ON_MYSQL ? it : it.skip;

export interface TestApp {
  app: NestFastifyApplication;
  baseUrl: string;
  wechat: { baseUrl: string; state: StandInState };
  /** A JSON request; resolves with status and parsed body. */
  http: <T = Record<string, unknown>>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> },
  ) => Promise<{ status: number; body: T }>;
  /**
   * A plain step on the case of a domain record, as the clients take it: the record's case (from
   * `workflow_cases.subject_*`), `POST /api/cases/:caseId/transitions`, then the record as the same
   * user sees it now (the case view when they no longer see the record). A refusal is answered as is.
   */
  step: <T = Record<string, unknown>>(
    recordPath: string,
    options: { token?: string; body?: unknown },
  ) => Promise<{ status: number; body: T }>;
  /** What the user may do now on a domain record: the `actions` of its view (the status of the GET when refused). */
  actionsOf: (recordPath: string, options: { token?: string }) => Promise<{ status: number; body: ActionView[] }>;
  /**
   * Sign in. With one argument, as a seeded demo persona. With two, as a new member of staff made
   * for the test: `role` at the organisation named by its path of names from the county
   * federation down (`'县总工会/城关镇总工会/县城建筑公司工会'`; the first segment always names the county
   * federation, whatever the county is called), appointed through a real invitation.
   */
  loginAs: (personaOrRole: string, organisationPath?: string) => Promise<string>;
  /**
   * The business clock of the app (deadlines, notice periods, registration windows). A test moves
   * it (`t.clock.advance(6 * DAY_MS)`) instead of writing past dates into rows; it is set back to the
   * real time after every test.
   */
  clock: MovableClock;
  /** The id of the organisation at a path of names (as for `loginAs`). */
  organisationAt: (organisationPath: string) => Promise<number>;
  /** The path of names of an organisation, as `loginAs` takes it. */
  organisationPathOf: (organizationId: number) => Promise<string>;
  /**
   * A new worker logging in through WeChat (the stand-in), with the consents given (`consents:
   * false`: straight after the first login, before accepting any notice).
   */
  newWorker: (name?: string, options?: { consents?: boolean }) => Promise<string>;
  /** Count rows of a table (to prove a refused request wrote nothing). */
  count: (table: string) => Promise<number>;
  close: () => Promise<void>;
}

/** The clocks of the running test apps: each is set back to the real time after every test. */
const liveClocks = new Set<MovableClock>();
if (typeof afterEach === 'function') {
  afterEach(() => {
    for (const clock of liveClocks) clock.reset();
  });
}

/** Domain record paths → the subject type of their cases (the workflow tables' `subjectType`). */
const RECORD_SUBJECTS: Record<string, string> = {
  '/membership/applications': 'membership_applications',
  '/membership/transfers': 'membership_transfers',
  '/hardship/applications': 'hardship_applications',
  '/hardship/aid': 'hardship_assistance_records',
  '/hardship/grants': 'hardship_grant_applications',
  '/legal/consultations': 'legal_consultations',
  '/legal/aid-applications': 'legal_aid_applications',
  '/legal/threads': 'legal_threads',
  '/legal/petitions': 'petitions',
  '/competitions': 'competitions',
  '/proposals': 'proposals',
  '/honours/nominations': 'honour_nominations',
};

let idSeq = Math.floor(Math.random() * 500);

/** A fresh valid ID number (checksum correct). */
export function newIdNumber(): string {
  idSeq += 1;
  const first17 = `4201061990${String(1 + (idSeq % 12)).padStart(2, '0')}${String(10 + (idSeq % 18)).padStart(2, '0')}${String(idSeq % 1000).padStart(3, '0')}`;
  return first17 + idCheckDigit(first17);
}

/** A fresh mobile number. */
export function newPhone(): string {
  return `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** Write the (case type, action) pairs the tests of this app took, for the coverage check. */
async function recordTransitionsTaken(ds: DataSource, after: number): Promise<void> {
  const dir = process.env.UNION_TRANSITION_LOG_DIR;
  if (!dir) return;
  const rows = (await ds.query(
    'SELECT DISTINCT c.case_type AS caseType, h.action AS action FROM case_history h JOIN workflow_cases c ON c.id = h.case_id WHERE h.id > ?',
    [after],
  )) as { caseType: string; action: string }[];
  writeFileSync(join(dir, `${process.pid}-${randomBytes(4).toString('hex')}.txt`), rows.map((r) => `${r.caseType} ${r.action}\n`).join(''));
}

/**
 * The staff's queues hold exactly the rows the cases call for (a row per waiting case and per
 * organisation on its path, with its type, step, deadline, applicant and assignee): the rows that
 * differ, as text (empty when all is well). Every test app checks it when it closes.
 */
export async function queueMismatches(ds: DataSource): Promise<string[]> {
  const key = (r: CaseQueueEntry) =>
    [r.organizationId, r.caseType, r.state, new Date(r.dueAt).toISOString(), r.caseId, r.applicantUserId, r.assigneeUserId ?? '-'].join(
      ' ',
    );
  const expected = new Set((await ds.getRepository(WorkflowCase).find()).flatMap((c) => queueRowsOf(c).map(key)));
  const actual = new Set((await ds.getRepository(CaseQueueEntry).find()).map(key));
  // The queues' counts are the queue rows counted (per organisation, type, step and shard).
  const counted = new Map<string, number>();
  for (const r of await ds.getRepository(CaseQueueEntry).find()) {
    const k = [r.organizationId, r.caseType, r.state, r.caseId % QUEUE_COUNT_SHARDS].join(' ');
    counted.set(k, (counted.get(k) ?? 0) + 1);
  }
  const counts = new Map(
    (await ds.getRepository(CaseQueueCount).find()).map((c) => [[c.organizationId, c.caseType, c.state, c.shard].join(' '), c.waiting]),
  );
  const wrongCounts = [...new Set([...counted.keys(), ...counts.keys()])]
    .filter((k) => (counted.get(k) ?? 0) !== (counts.get(k) ?? 0))
    .map((k) => `count ${k}: ${counts.get(k) ?? 0}, rows ${counted.get(k) ?? 0}`);
  return [
    ...[...expected].filter((k) => !actual.has(k)).map((k) => `missing: ${k}`),
    ...[...actual].filter((k) => !expected.has(k)).map((k) => `stale: ${k}`),
    ...wrongCounts,
  ];
}

/**
 * Every case knows its domain row (`workflow_cases.subject_*`) and that row points back at the
 * case: the ids of the cases that do not, as `type#id` (empty when all is well). Every test app
 * checks it when it closes, over every case its tests opened.
 */
export async function casesWithoutTheirRow(ds: DataSource): Promise<string[]> {
  const cases = (await ds.query('SELECT id, case_type AS type, subject_type AS st, subject_id AS sid FROM workflow_cases')) as {
    id: number;
    type: string;
    st: string | null;
    sid: number | null;
  }[];
  const broken = cases.filter((c) => c.sid === null || !c.st).map((c) => `${c.type}#${c.id}`);
  for (const table of [...new Set(cases.map((c) => c.st).filter((st): st is string => !!st))]) {
    const rows = (await ds.query(`SELECT id, case_id AS caseId FROM ${table}`)) as { id: number; caseId: number }[];
    const caseOf = new Map(rows.map((r) => [Number(r.id), Number(r.caseId)]));
    for (const c of cases.filter((k) => k.st === table)) {
      if (caseOf.get(Number(c.sid)) !== Number(c.id)) broken.push(`${c.type}#${c.id}`);
    }
  }
  return broken;
}

/** Boot the real app on a fresh database, with the demo county, a WeChat stand-in and HTTP. */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const wechat = await startWechatStandIn('wx-test-app', 'test-app-secret');
  const mysqlDb = ON_MYSQL ? await scratchDatabase(process.env.DATABASE_URL as string, 'union_e2e') : null;
  const dataDir = mkdtempSync(join(tmpdir(), 'union-e2e-'));
  const key = () => randomBytes(32).toString('base64');
  const config = loadConfig({
    DEMO_MODE: 'true',
    DATA_DIR: dataDir,
    EMBEDDED_DB_FILE: ':memory:',
    ...(mysqlDb ? { DATABASE_URL: mysqlDb.url } : {}),
    JWT_SECRET: key(),
    CARD_SECRET: key(),
    PII_KEYS: `t1:${key()}`,
    PII_INDEX_KEY: key(),
    WECHAT_API_BASE: wechat.baseUrl,
    WECHAT_APP_ID: 'wx-test-app',
    WECHAT_APP_SECRET: 'test-app-secret',
    OUTBOX_POLL_MS: '0',
    JOBS_TICK_MS: '0',
    // Tests change users' rows directly (names, roles): read the acting user on every request (test/actor-cache.e2e.ts sets its own).
    AUTH_ACTOR_CACHE_MS: '0',
    // The jobs on the database even where a test sets REDIS_URL (test/jobs-bullmq.e2e.ts sets bullmq itself).
    JOBS_BACKEND: 'database',
    OUTBOX_BASE_BACKOFF_MS: '0',
    H5_DIR: '',
    // Every test client is 127.0.0.1: limits high enough not to throttle a suite (hardening.e2e.ts sets its own).
    RATE_LIMIT_LOGIN: '100000',
    RATE_LIMIT_REFRESH: '100000',
    RATE_LIMIT_REDEEM: '100000',
    RATE_LIMIT_SELF_TEST: '100000',
    ...env,
  });
  const clock = new MovableClock();
  liveClocks.add(clock);
  const app = await createApp(config, { logLevel: 'silent', clock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // Transitions after this row are the tests' own (the demo seed's come before): see transition-coverage.js.
  const seededHistory = Number(((await app.get(DataSource).query('SELECT MAX(id) AS n FROM case_history')) as { n: unknown }[])[0]?.n ?? 0);
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;

  const http: TestApp['http'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(`${baseUrl}/api${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as never };
  };

  const step: TestApp['step'] = async (recordPath, options) => {
    const match = /^(.*)\/(\d+)$/.exec(recordPath);
    const subjectType = match ? RECORD_SUBJECTS[match[1]] : undefined;
    if (!match || !subjectType) throw new Error(`step: ${recordPath} is not the path of a case record`);
    const [row] = (await app
      .get(DataSource)
      .query('SELECT id FROM workflow_cases WHERE subject_type = ? AND subject_id = ?', [subjectType, Number(match[2])])) as {
      id: number;
    }[];
    // A record that does not exist has a case that does not exist.
    const caseId = row ? Number(row.id) : 2_000_000_000;
    const res = await http('POST', `/cases/${caseId}/transitions`, options);
    if (res.status !== 200) return res as never;
    const after = await http('GET', recordPath, { token: options.token });
    return (after.status === 200 ? after : res) as never;
  };

  const actionsOf: TestApp['actionsOf'] = async (recordPath, options) => {
    const res = await http<{ actions: ActionView[] }>('GET', recordPath, options);
    return res.status === 200 ? { status: 200, body: res.body.actions } : (res as never);
  };

  const organisations = async () =>
    (await app.get(DataSource).query('SELECT id, name, parent_id AS parentId FROM organizations')) as {
      id: number;
      name: string;
      parentId: number | null;
    }[];

  /** The organisation at a path of names ('县总工会/城关镇总工会'), by walking the tree. */
  const organisationAt = async (organisationPath: string): Promise<number> => {
    const rows = await organisations();
    const [, ...below] = organisationPath.split('/').map((n) => n.trim());
    let at = rows.find((o) => o.parentId === null);
    for (const name of below) {
      at = rows.find((o) => Number(o.parentId) === Number(at?.id) && o.name === name);
      if (!at) throw new Error(`loginAs: no organisation ${name} in ${organisationPath}`);
    }
    if (!at) throw new Error('loginAs: no county federation');
    return Number(at.id);
  };

  /** The path of names of an organisation ('县总工会/城关镇总工会/县城建筑公司工会'): the inverse of organisationAt. */
  const organisationPathOf = async (organizationId: number): Promise<string> => {
    const rows = await organisations();
    const names: string[] = [];
    for (let at = rows.find((o) => Number(o.id) === organizationId); at; at = rows.find((o) => Number(o.id) === Number(at?.parentId))) {
      names.unshift(at.parentId === null ? '县总工会' : at.name);
    }
    if (!names.length) throw new Error(`organisationPathOf: no organisation ${organizationId}`);
    return names.join('/');
  };

  let staffSeq = 0;
  /** A new user appointed `role` at the organisation through a one-time invitation, signed in. */
  const staffAt = async (role: Role, organisationPath: string): Promise<string> => {
    staffSeq += 1;
    const code = await app.get(IdentityService).createInvitation(null, await organisationAt(organisationPath), role);
    const token = await t.newWorker(`staff${role.replace(/_/g, '')}${staffSeq}`);
    const res = await http('POST', '/auth/invitations/redeem', { token, body: { code } });
    if (res.status !== 200) throw new Error(`loginAs ${role} at ${organisationPath}: ${res.status} ${JSON.stringify(res.body)}`);
    return token;
  };

  let workerSeq = 0;
  const t: TestApp = {
    app,
    step,
    actionsOf,
    baseUrl,
    wechat,
    http,
    loginAs: async (persona, organisationPath) => {
      if (organisationPath !== undefined) return staffAt(persona as Role, organisationPath);
      const res = await http<TokenPair>('POST', '/auth/demo-login', { body: { persona } });
      if (res.status !== 200) throw new Error(`demo login ${persona} failed: ${res.status}`);
      return res.body.accessToken;
    },
    clock,
    organisationAt,
    organisationPathOf,
    newWorker: async (name = 'w', options = {}) => {
      workerSeq += 1;
      const res = await http<TokenPair>('POST', '/auth/wechat-login', {
        // The stand-in reads the openid up to the first dash after `user-`: keep the name free of dashes.
        body: { code: `user-${name.replace(/[^A-Za-z0-9]/g, '')}${workerSeq}${randomBytes(3).toString('hex')}-${workerSeq}` },
      });
      if (res.status !== 200) throw new Error(`wechat login failed: ${res.status} ${JSON.stringify(res.body)}`);
      const token = res.body.accessToken;
      if (options.consents === false) return token;
      for (const kind of Object.keys(CONSENT_VERSIONS) as (keyof typeof CONSENT_VERSIONS)[]) {
        await http('POST', '/me/consents', { token, body: { kind, version: CONSENT_VERSIONS[kind] } });
      }
      return token;
    },
    count: async (table) => {
      const ds = app.get(DataSource);
      const result = (await ds.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[];
      return Number(result[0].n);
    },
    close: async () => {
      liveClocks.delete(clock);
      const broken = await casesWithoutTheirRow(app.get(DataSource));
      const queue = await queueMismatches(app.get(DataSource));
      await recordTransitionsTaken(app.get(DataSource), seededHistory);
      await app.close();
      await wechat.close();
      await mysqlDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
      if (broken.length) throw new Error(`cases that do not know their domain row, or whose row does not point back: ${broken.join(', ')}`);
      if (queue.length) throw new Error(`the staff's queues do not match the cases:\n${queue.slice(0, 20).join('\n')}`);
    },
  };
  return t;
}

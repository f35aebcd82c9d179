import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Page, TokenPair } from '@union/shared';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { encodeCursor } from '../src/common/cursor';
import { loadConfig } from '../src/config/configuration';
import { OutboxEntry } from '../src/modules/notifications/entities/outbox.entity';
import { OutboxSender } from '../src/modules/notifications/outbox-sender.service';
import { PiiCipher } from '../src/modules/pii/pii-cipher';
import { startWechatStandIn } from '../src/modules/wechat/wechat-standin';
import { APPROVALS, BUDGETS, DETAIL, KNOWN_PER_ROW_QUERIES, NO_FULL_SCAN, OUTBOX, QUEUE, STARTUP, WRITE_COST } from './budgets';
import { measureDetailRatio } from './detail-ratio';
import { measureStartup } from './startup';
import { addLegalVolume } from './legal-volume';
import { addVolume, BENCH_WORKER, BENCH_WORKER_ONE, multiplyCases, type Volume } from './volume';
import { measureWriteCosts, type WriteCost } from './write-cost';
import { scratchDatabase } from '../test/scratch-database';

/**
 * `npm run bench`: boots the real app (embedded database, or a scratch MySQL/MariaDB database
 * created and dropped here when DATABASE_URL is set), adds BENCH_CASES membership cases in
 * batched inserts, then measures the hot lists over HTTP (Fastify inject) and checks them against
 * bench/budgets.ts: p95 time, SQL queries per request (must not grow with the page size), and on
 * MySQL/MariaDB the EXPLAIN plan (no full scan of a big table). Exits 1 when anything is over.
 */

type ListName = keyof typeof BUDGETS;

interface Recorded {
  sql: string;
  parameters: unknown[];
}

interface Timing {
  name: ListName;
  label: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  queries: number;
}

const WARMUP = 5;
/** Tables whose plans the report prints for every list (and any table scanned in full). */
const PLANNED = ['workflow_cases', 'case_queue'];
const failures: string[] = [];
const warnings: string[] = [];

function envInt(name: string, fallback: number, min: number): number {
  const value = process.env[name];
  if (!value) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number of at least ${min}`);
  return n;
}

/** Records every SQL statement TypeORM sends (its logger sees all of them, logging on or off). */
function recordQueries(ds: DataSource): { take: () => Recorded[] } {
  let log: Recorded[] = [];
  const logger = ds.logger;
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (sql, parameters, runner) => {
    log.push({ sql, parameters: Array.isArray(parameters) ? parameters : [] });
    return original(sql, parameters, runner);
  };
  return {
    take: () => {
      const taken = log;
      log = [];
      return taken;
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const cases = envInt('BENCH_CASES', 20_000, 200);
  const requests = envInt('BENCH_REQUESTS', 50, 10);
  const serverUrl = process.env.DATABASE_URL || null;
  const started = performance.now();

  const dataDir = mkdtempSync(join(tmpdir(), 'union-bench-'));
  const scratch = serverUrl ? await scratchDatabase(serverUrl, 'union_bench') : null;
  let app: NestFastifyApplication | null = null;
  // The WeChat stand-in on its own port: the outbox measure sends to it over HTTP.
  const wechat = await startWechatStandIn('wx-bench-appid', 'bench-secret');
  const cleanup = async () => {
    await app?.close().catch(() => undefined);
    app = null;
    await wechat.close().catch(() => undefined);
    await scratch?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: dropping the scratch database\n`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    const key = () => randomBytes(32).toString('base64');
    const config = loadConfig({
      DEMO_MODE: 'true',
      DATA_DIR: dataDir,
      EMBEDDED_DB_FILE: ':memory:',
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
      JWT_SECRET: key(),
      CARD_SECRET: key(),
      PII_KEYS: `b1:${key()}`,
      PII_INDEX_KEY: key(),
      WECHAT_STANDIN: 'false',
      WECHAT_API_BASE: wechat.baseUrl,
      WECHAT_APP_ID: 'wx-bench-appid',
      WECHAT_APP_SECRET: 'bench-secret',
      OUTBOX_POLL_MS: '0',
      JOBS_TICK_MS: '0',
      // The acting users stay read for the whole run, so that no request of the query-count checks reads one and another not.
      AUTH_ACTOR_CACHE_MS: '60000',
      H5_DIR: '',
    });
    app = await createApp(config, { logLevel: 'silent' });
    await app.getHttpAdapter().getInstance().ready();
    const ds = app.get(DataSource);
    const onMysql = ds.options.type !== 'sqljs';
    const dbLabel = onMysql ? `MySQL/MariaDB (scratch database ${scratch?.name})` : 'embedded (sql.js, in memory)';
    const bootSeconds = (performance.now() - started) / 1000;

    const volume = await addVolume(ds, app.get(PiiCipher), cases);
    // BENCH_SCALE copies the membership cases (and their queue rows) in SQL: 50 × 20,000 is 10^6.
    const scaleStarted = performance.now();
    volume.copies = await multiplyCases(ds, envInt('BENCH_SCALE', 1, 1));
    volume.seconds += (performance.now() - scaleStarted) / 1000;
    const legalVolume = await addLegalVolume(ds, app.get(PiiCipher), envInt('BENCH_LEGAL_CASES', 5_000, 100));
    const queries = recordQueries(ds);

    const inject = async <T>(url: string, token: string): Promise<T> => {
      const res = await (app as NestFastifyApplication).inject({
        method: 'GET',
        url: `/api${url}`,
        headers: { authorization: `Bearer ${token}` },
      });
      if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
      return res.json() as T;
    };
    const login = async (persona: string): Promise<string> => {
      const res = await (app as NestFastifyApplication).inject({ method: 'POST', url: '/api/auth/demo-login', payload: { persona } });
      if (res.statusCode !== 200) throw new Error(`demo login ${persona}: ${res.statusCode}`);
      return (res.json() as TokenPair).accessToken;
    };
    const admin = await login('county_admin');
    const worker = await login(BENCH_WORKER);
    const legalStaff = await login('legal_staff');
    const lawyer = await login('lawyer');
    const workerOne = await login(BENCH_WORKER_ONE);

    // A keyset cursor about 90 % down the county's queue (the cursor is [dueAt ISO, case id]).
    const [{ n: queueSize }] = (await ds.query(
      `SELECT COUNT(*) AS n FROM workflow_cases WHERE holder = 'staff' AND due_at IS NOT NULL`,
    )) as { n: number }[];
    const [deepRow] = (await ds.query(
      `SELECT id, due_at AS due FROM workflow_cases WHERE holder = 'staff' AND due_at IS NOT NULL ORDER BY due_at, id LIMIT 1 OFFSET ${Math.floor(Number(queueSize) * 0.9)}`,
    )) as { id: number; due: Date | string }[];
    const deepDue = deepRow.due instanceof Date ? deepRow.due : new Date(`${String(deepRow.due).replace(' ', 'T')}Z`);
    const deepCursor = encodeURIComponent(encodeCursor([deepDue.toISOString(), Number(deepRow.id)]));

    const lists: { name: ListName; label: string; url: string; token: string }[] = [
      { name: 'queueFirst', label: 'workbench queue, first page (county admin)', url: '/workbench/queue?limit=20', token: admin },
      {
        name: 'queueDeep',
        label: 'workbench queue, keyset page ~90% down',
        url: `/workbench/queue?limit=20&after=${deepCursor}`,
        token: admin,
      },
      {
        name: 'queueSummary',
        label: 'workbench queues per step with overdue counts (county admin)',
        url: '/workbench/summary',
        token: admin,
      },
      {
        name: 'statsHardship',
        label: 'hardship statistics, first half-year, county',
        url: '/hardship/statistics?from=2026-01-01&to=2026-06-30',
        token: admin,
      },
      {
        name: 'statsLegal',
        label: `legal-aid statistics, first half-year (of ${legalVolume.cases} cases)`,
        url: '/legal/statistics?from=2026-01-01&to=2026-06-30',
        token: legalStaff,
      },
      {
        name: 'statsCompetitions',
        label: 'competition statistics, first half-year, county',
        url: '/competitions/statistics?from=2026-01-01&to=2026-06-30',
        token: admin,
      },
      {
        name: 'statsHonours',
        label: 'honours statistics, first half-year, county',
        url: '/honours/statistics?from=2026-01-01&to=2026-06-30',
        token: admin,
      },
      {
        name: 'myApplications',
        label: `my applications (${volume.benchWorker.applications})`,
        url: '/membership/applications/mine',
        token: worker,
      },
      { name: 'messages', label: `messages, first page (of ${volume.benchWorker.messages})`, url: '/messages?limit=20', token: worker },
      {
        name: 'legalCases',
        label: `legal-aid cases, first page (of ${legalVolume.cases})`,
        url: '/legal/aid-applications?limit=20',
        token: legalStaff,
      },
      {
        name: 'legalClock',
        label: `a lawyer's cases with a clock within 7 days (of ${legalVolume.lawyerCases})`,
        url: '/legal/aid-applications?clockWithinDays=7&limit=20',
        token: lawyer,
      },
    ];

    // Query counts and plans, one request each, before timing.
    const perRequest = new Map<ListName, Recorded[]>();
    for (const list of lists) {
      queries.take();
      const body = await inject<Page<unknown> | unknown[]>(list.url, list.token);
      perRequest.set(list.name, queries.take());
      // Statistics answer one object of figures; lists a page or an array.
      const items = Array.isArray(body) ? body : Array.isArray(body.items) ? body.items : [body];
      if (items.length === 0) failures.push(`${list.name}: the list came back empty, nothing was measured`);
    }

    // No query per row: the count must be the same for pages of 5, 20 and 50.
    const growth: string[] = [];
    const pageSizes = [5, 20, 50];
    for (const [name, url, token] of [
      ['queueFirst', '/workbench/queue', admin],
      ['queueDeep', `/workbench/queue?after=${deepCursor}`, admin],
      ['messages', '/messages', worker],
      ['legalCases', '/legal/aid-applications', legalStaff],
      ['legalClock', '/legal/aid-applications?clockWithinDays=7', lawyer],
    ] as [ListName, string, string][]) {
      const counts: number[] = [];
      for (const size of pageSizes) {
        queries.take();
        const page = await inject<Page<unknown>>(`${url}${url.includes('?') ? '&' : '?'}limit=${size}`, token);
        counts.push(queries.take().length);
        if (page.items.length !== size) failures.push(`${name}: a page of ${size} held ${page.items.length} rows; add volume`);
      }
      growth.push(`${name}: ${pageSizes.map((s, i) => `${counts[i]} queries for ${s} rows`).join(', ')}`);
      if (new Set(counts).size !== 1)
        failures.push(`${name}: SQL queries grow with the page size (${counts.join(' / ')}): a query per row`);
    }
    {
      queries.take();
      await inject('/membership/applications/mine', workerOne);
      const one = queries.take().length;
      const many = (perRequest.get('myApplications') ?? []).length;
      growth.push(`myApplications: ${one} queries for 1 application, ${many} for ${volume.benchWorker.applications}`);
      if (many !== one) {
        const known = KNOWN_PER_ROW_QUERIES.myApplications;
        const message = `myApplications: SQL queries grow with the rows (${one} for 1, ${many} for ${volume.benchWorker.applications})`;
        if (known) warnings.push(`${message}; known: ${known}`);
        else failures.push(message);
      }
    }

    // Plans of every SELECT the lists ran.
    const plans: string[] = [];
    for (const [name, recorded] of perRequest) {
      for (const q of recorded.filter((r) => /^\s*SELECT/i.test(r.sql))) {
        const aliases = new Map<string, string>();
        for (const m of q.sql.matchAll(/(?:FROM|JOIN)\s+[`"](\w+)[`"](?:\s+(?:AS\s+)?[`"](\w+)[`"])?/gi)) aliases.set(m[2] ?? m[1], m[1]);
        const tables = [...new Set(aliases.values())];
        if (onMysql) {
          const rows = (await ds.query(`EXPLAIN ${q.sql}`, q.parameters)) as {
            table: string | null;
            type: string | null;
            key: string | null;
            rows: number | string | null;
            Extra: string | null;
          }[];
          for (const row of rows) {
            const table = aliases.get(row.table ?? '') ?? row.table ?? '';
            if (!tables.includes(table)) continue;
            const line = `${name}: ${table} type=${row.type} key=${row.key ?? '-'} rows=${row.rows} ${row.Extra ?? ''}`.trim();
            if (PLANNED.includes(table) || row.type === 'ALL') plans.push(line);
            if (row.type === 'ALL' && NO_FULL_SCAN.includes(table)) failures.push(`full table scan: ${line}`);
          }
        } else {
          const rows = (await ds.query(`EXPLAIN QUERY PLAN ${q.sql}`, q.parameters)) as { detail: string }[];
          for (const row of rows) {
            if (/TEMP B-TREE/.test(row.detail) && tables.some((t) => PLANNED.includes(t)))
              plans.push(`${name}: ${tables.join('+')}: ${row.detail}`);
            const m = /^(SCAN|SEARCH) (\w+)/.exec(row.detail);
            const table = m ? (aliases.get(m[2]) ?? m[2]) : '';
            if (!tables.includes(table)) continue;
            const line = `${name}: ${table}: ${row.detail}`;
            if (PLANNED.includes(table) || (m?.[1] === 'SCAN' && !/INDEX/.test(row.detail))) plans.push(line);
            if (m?.[1] === 'SCAN' && !/INDEX/.test(row.detail) && NO_FULL_SCAN.includes(table)) failures.push(`full table scan: ${line}`);
          }
        }
      }
    }

    // Timing.
    const timings: Timing[] = [];
    for (const list of lists) {
      for (let i = 0; i < WARMUP; i += 1) await inject(list.url, list.token);
      const times: number[] = [];
      for (let i = 0; i < requests; i += 1) {
        const t0 = performance.now();
        await inject(list.url, list.token);
        times.push(performance.now() - t0);
      }
      queries.take();
      times.sort((a, b) => a - b);
      const timing: Timing = {
        name: list.name,
        label: list.label,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        p99: percentile(times, 99),
        max: times[times.length - 1],
        queries: (perRequest.get(list.name) ?? []).length,
      };
      timings.push(timing);
      if (timing.p95 > BUDGETS[list.name].p95Ms) {
        failures.push(`${list.name}: p95 ${timing.p95.toFixed(1)} ms is over the budget of ${BUDGETS[list.name].p95Ms} ms`);
      }
    }

    // The queue stays flat: a page 90 % down costs what the first page costs. Measured in pairs, the
    // two pages one after the other (in turn first), so that the machine's drift over a run (a
    // collection, another process) falls on both alike instead of on whichever ran second.
    const firstList = lists.find((l) => l.name === 'queueFirst');
    const deepList = lists.find((l) => l.name === 'queueDeep');
    let queueRatio: { p50: number; p99: number } | null = null;
    if (firstList && deepList) {
      const firstTimes: number[] = [];
      const deepTimes: number[] = [];
      const timed = async (list: typeof firstList, into: number[]) => {
        const t0 = performance.now();
        await inject(list.url, list.token);
        into.push(performance.now() - t0);
      };
      for (let i = 0; i < requests * 2; i += 1) {
        if (i % 2 === 0) {
          await timed(firstList, firstTimes);
          await timed(deepList, deepTimes);
        } else {
          await timed(deepList, deepTimes);
          await timed(firstList, firstTimes);
        }
      }
      queries.take();
      firstTimes.sort((x, y) => x - y);
      deepTimes.sort((x, y) => x - y);
      queueRatio = {
        p50: percentile(deepTimes, 50) / percentile(firstTimes, 50),
        p99: percentile(deepTimes, 99) / percentile(firstTimes, 99),
      };
    }
    if (queueRatio && queueRatio.p50 > QUEUE.maxDeepRatio) {
      failures.push(`queue: a deep page's p50 is ${queueRatio.p50.toFixed(2)} times the first page's (budget <= ${QUEUE.maxDeepRatio})`);
    }

    const approvals = await measureApprovals(app, ds, admin);
    // The detail read against a raw server running the same SQL (MySQL/MariaDB only).
    let detail: Awaited<ReturnType<typeof measureDetailRatio>> | null = null;
    if (scratch) {
      const [row] = (await ds.query(
        "SELECT a.id AS id FROM membership_applications a JOIN workflow_cases c ON c.id = a.case_id WHERE c.state = 'submitted' ORDER BY a.id DESC LIMIT 1",
      )) as { id: number }[];
      detail = await measureDetailRatio(app, ds, scratch.url, `/api/membership/applications/${row.id}`, admin, DETAIL);
      if (detail.ratio < DETAIL.minRatio) {
        failures.push(`detail read: ${detail.ratio.toFixed(2)} of the raw server's rate is under the budget of ${DETAIL.minRatio}`);
      }
    }
    // Start-up of the built server (on MySQL/MariaDB against this scratch database, which is migrated and seeded).
    const startup = await measureStartup(scratch?.url ?? null);
    if (!startup) warnings.push('start-up: the server is not built (npm run build), not measured');
    const startupMs = startup ? [...startup.ms].sort((x, y) => x - y)[Math.floor(startup.ms.length / 2)] : null;
    if (startupMs !== null && startupMs > STARTUP.maxMs) {
      failures.push(`start-up: ${startupMs.toFixed(0)} ms to the first healthy answer is over the budget of ${STARTUP.maxMs} ms`);
    }
    const outbox = await measureOutbox(app, ds, wechat.state.sent);

    report({
      dbLabel,
      approvals,
      detail,
      startupMs,
      volume,
      requests,
      bootSeconds,
      timings,
      growth,
      plans,
      outbox,
      queueRatio,
      totalSeconds: (performance.now() - started) / 1000,
    });
  } catch (err) {
    failures.push(`the bench itself failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  } finally {
    await cleanup();
  }
  if (!serverUrl && process.env.BENCH_WRITE_CASES !== 'off') await writeCost();
  if (warnings.length) process.stdout.write(`\nWarnings:\n${warnings.map((w) => `  ! ${w}`).join('\n')}\n`);
  if (failures.length) {
    process.stdout.write(`\nBENCH FAILED:\n${failures.map((f) => `  x ${f}`).join('\n')}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write('\nbench: all within budget\n');
  }
}

/**
 * Approvals through the API: distinct submitted membership applications (the volume's own, with
 * their encrypted forms) approved by the county administrator, APPROVALS.concurrency requests at
 * once; then the database is checked for lost updates (every case approved once, its version moved
 * by one, one approve step in its history, one member).
 */
async function measureApprovals(
  app: NestFastifyApplication,
  ds: DataSource,
  token: string,
): Promise<{ count: number; perSecond: number; sqlPerApproval: number; lost: number }> {
  const targets = (await ds.query(
    `SELECT c.id AS id, c.version AS version, c.subject_id AS subject FROM workflow_cases c JOIN membership_applications a ON a.id = c.subject_id
     WHERE c.case_type = 'membership_application' AND c.state = 'submitted' ORDER BY c.id LIMIT ${APPROVALS.count}`,
  )) as { id: number; version: number; subject: number }[];
  if (targets.length < APPROVALS.count) failures.push(`approvals: only ${targets.length} submitted applications to approve; add volume`);
  let statements = 0;
  const logger = ds.logger;
  const original = logger.logQuery.bind(logger);
  // BENCH_TRACE=1 prints the statements of one approval (to see where they go).
  if (process.env.BENCH_TRACE) {
    const one: string[] = [];
    logger.logQuery = (sql) => void one.push(sql.replace(/\s+/g, ' ').slice(0, 160));
    const first = targets.shift();
    if (first) {
      await app.inject({
        method: 'POST',
        url: `/api/cases/${first.id}/transitions`,
        headers: { authorization: `Bearer ${token}` },
        payload: { action: 'approve', version: Number(first.version) },
      });
      process.stdout.write(`\none approval, ${one.length} statements:\n${one.map((q) => `  ${q}`).join('\n')}\n`);
    }
  }
  logger.logQuery = (sql, parameters, runner) => {
    statements += 1;
    return original(sql, parameters, runner);
  };
  const refused: string[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: APPROVALS.concurrency }, async () => {
      while (next < targets.length) {
        const target = targets[next++];
        const res = await app.inject({
          method: 'POST',
          url: `/api/cases/${target.id}/transitions`,
          headers: { authorization: `Bearer ${token}` },
          payload: { action: 'approve', version: Number(target.version) },
        });
        if (res.statusCode !== 200) refused.push(`${target.id}: ${res.statusCode} ${res.body.slice(0, 120)}`);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  logger.logQuery = original;
  if (refused.length) failures.push(`approvals: ${refused.length} refused, e.g. ${refused.slice(0, 3).join('; ')}`);
  const ids = targets.map((t) => Number(t.id));
  const [check] = (await ds.query(
    `SELECT
       (SELECT COUNT(*) FROM workflow_cases WHERE id IN (${ids.join(',')}) AND state = 'approved') AS approved,
       (SELECT COUNT(*) FROM workflow_cases WHERE id IN (${ids.join(',')}) AND version = 2) AS moved,
       (SELECT COUNT(*) FROM case_history WHERE case_id IN (${ids.join(',')}) AND action = 'approve') AS steps,
       (SELECT COUNT(*) FROM members WHERE application_id IN (${targets.map((t) => Number(t.subject)).join(',')})) AS members`,
  )) as { approved: number | string; moved: number | string; steps: number | string; members: number | string }[];
  const lost = ids.length * 4 - [check.approved, check.moved, check.steps, check.members].reduce<number>((n, v) => n + Number(v), 0);
  if (lost !== 0) failures.push(`approvals: lost updates (${JSON.stringify(check)} of ${ids.length})`);
  const perSecond = ids.length / seconds;
  if (perSecond < APPROVALS.minPerSecond) {
    failures.push(`approvals: ${perSecond.toFixed(0)} a second is under the budget of ${APPROVALS.minPerSecond}`);
  }
  return { count: ids.length, perSecond, sqlPerApproval: statements / Math.max(1, ids.length), lost };
}

/** A backlog of subscribe messages drained by one sender over HTTP to the stand-in: messages a second. */
async function measureOutbox(
  app: NestFastifyApplication,
  ds: DataSource,
  sent: unknown[],
): Promise<{ messages: number; perSecond: number }> {
  const [user] = (await ds.query('SELECT id FROM users WHERE openid IS NOT NULL ORDER BY id LIMIT 1')) as { id: number }[];
  if (!user) {
    failures.push('outbox: no user with a WeChat account to send to');
    return { messages: 0, perSecond: 0 };
  }
  const sender = app.get(OutboxSender);
  await sender.drain();
  sent.length = 0;
  const now = new Date();
  const at = now.toISOString();
  for (let i = 0; i < OUTBOX.messages; i += 500) {
    await ds.getRepository(OutboxEntry).insert(
      Array.from({ length: Math.min(500, OUTBOX.messages - i) }, (_, k) => ({
        topic: 'bench',
        userId: Number(user.id),
        payload: JSON.stringify({ title: `积压 ${i + k}`, status: '已办理', link: null, at }),
        status: 'pending' as const,
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
      })),
    );
  }
  const t0 = performance.now();
  const delivered = await sender.drain();
  const seconds = (performance.now() - t0) / 1000;
  const perSecond = delivered / seconds;
  if (delivered !== OUTBOX.messages || sent.length !== OUTBOX.messages) {
    failures.push(`outbox: ${delivered} of ${OUTBOX.messages} messages sent (${sent.length} reached WeChat)`);
  }
  if (perSecond < OUTBOX.minPerSecond) {
    failures.push(`outbox: ${perSecond.toFixed(0)} messages a second is under the budget of ${OUTBOX.minPerSecond}`);
  }
  return { messages: delivered, perSecond };
}

/** The embedded database with a file: one write must cost about the same at both sizes. */
async function writeCost(): Promise<void> {
  const sizes = process.env.BENCH_WRITE_CASES ? process.env.BENCH_WRITE_CASES.split(',').map(Number) : WRITE_COST.sizes;
  let costs: WriteCost[];
  try {
    costs = await measureWriteCosts(sizes);
  } catch (err) {
    failures.push(`the write-cost bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return;
  }
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
  const out = [
    '',
    'bench: one write on the embedded database in a file (POST /proposals, a transaction; journal + fdatasync)',
    ...costs.map(
      (c) =>
        `  ${String(c.cases).padStart(7)} cases, ${mb(c.fileBytes).padStart(6)} file: p50 ${c.p50.toFixed(1)} ms, p95 ${c.p95.toFixed(1)} ms, ` +
        `max ${c.max.toFixed(1)} ms; ${c.journalBytesPerWrite.toFixed(0)} journal bytes per write; ` +
        `a checkpoint (the whole file) ${c.checkpointMs.toFixed(0)} ms`,
    ),
  ];
  const [small, large] = [costs[0], costs[costs.length - 1]];
  const ratio = large.p50 / small.p50;
  out.push(`  p50 at ${large.cases} / p50 at ${small.cases}: ${ratio.toFixed(2)} (budget <= ${WRITE_COST.maxRatio})`);
  process.stdout.write(`${out.join('\n')}\n`);
  if (ratio > WRITE_COST.maxRatio) {
    failures.push(
      `write cost grows with the database: p50 ${large.p50.toFixed(1)} ms at ${large.cases} cases vs ${small.p50.toFixed(1)} ms at ${small.cases}`,
    );
  }
  for (const c of costs) {
    if (c.p95 > WRITE_COST.p95Ms)
      failures.push(`write at ${c.cases} cases: p95 ${c.p95.toFixed(1)} ms is over the budget of ${WRITE_COST.p95Ms} ms`);
  }
}

function report(r: {
  dbLabel: string;
  volume: Volume;
  requests: number;
  bootSeconds: number;
  timings: Timing[];
  growth: string[];
  plans: string[];
  outbox: { messages: number; perSecond: number };
  approvals: { count: number; perSecond: number; sqlPerApproval: number; lost: number };
  startupMs: number | null;
  detail: { app: number; raw: number; ratio: number; statements: number } | null;
  queueRatio: { p50: number; p99: number } | null;
  totalSeconds: number;
}): void {
  const v = r.volume;
  const out: string[] = [
    '',
    `bench: ${r.dbLabel}`,
    `  volume: ${v.cases} cases + applications${v.copies ? ` and ${v.copies} copies of the cases (${v.cases + v.copies} cases in all)` : ''}, ${v.history} history rows, ${v.messages} messages, ${v.users} workers ` +
      `(inserted in ${v.seconds.toFixed(1)} s; app boot ${r.bootSeconds.toFixed(1)} s)`,
    `  ${r.requests} requests per list after ${WARMUP} warm-up requests, Fastify inject, times in ms`,
    '',
  ];
  const header = ['list', 'p50', 'p95', 'p99', 'max', 'budget p95', 'SQL/req', ''];
  const rows = r.timings.map((t) => [
    `${t.name}: ${t.label}`,
    t.p50.toFixed(1),
    t.p95.toFixed(1),
    t.p99.toFixed(1),
    t.max.toFixed(1),
    `< ${BUDGETS[t.name].p95Ms}`,
    String(t.queries),
    t.p95 > BUDGETS[t.name].p95Ms ? 'OVER' : 'ok',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')}`;
  out.push(line(header), `  ${widths.map((w) => '-'.repeat(w)).join('  ')}`, ...rows.map(line));
  if (r.queueRatio) {
    out.push(
      '',
      `  queue, deep page over first page: p50 ${r.queueRatio.p50.toFixed(2)}, p99 ${r.queueRatio.p99.toFixed(2)} (budget p50 <= ${QUEUE.maxDeepRatio})`,
    );
  }
  out.push('', '  SQL queries per request by page size:', ...r.growth.map((g) => `    ${g}`));
  // The same plan line for several statements of a list (the queue's steps) is printed once, with how many.
  const planCounts = new Map<string, number>();
  for (const p of r.plans) planCounts.set(p, (planCounts.get(p) ?? 0) + 1);
  const planLines = [...planCounts].map(([p, n]) => (n > 1 ? `${p} (x${n})` : p));
  out.push(
    '',
    '  Query plans (workflow_cases, case_queue, and any full scan):',
    ...(planLines.length ? planLines : ['(none)']).map((p) => `    ${p}`),
  );
  out.push(
    '',
    `  outbox: ${r.outbox.messages} subscribe messages drained by one sender over HTTP to the WeChat stand-in: ` +
      `${r.outbox.perSecond.toFixed(0)} a second (budget >= ${OUTBOX.minPerSecond})`,
  );
  out.push(
    `  approvals: ${r.approvals.count} membership applications approved through the API, ${APPROVALS.concurrency} at once: ` +
      `${r.approvals.perSecond.toFixed(0)} a second (budget >= ${APPROVALS.minPerSecond}, goal ${APPROVALS.goalPerSecond}), ` +
      `${r.approvals.sqlPerApproval.toFixed(1)} SQL statements each, ${r.approvals.lost} lost updates`,
  );
  if (r.detail) {
    out.push(
      `  detail read (a cadre's GET of one application, ${DETAIL.concurrency} at once over HTTP): ${r.detail.app.toFixed(0)} a second; ` +
        `a raw Fastify + mysql2 server running its ${r.detail.statements} statements and answering the same bytes: ${r.detail.raw.toFixed(0)} a second; ` +
        `ratio ${r.detail.ratio.toFixed(2)} (budget >= ${DETAIL.minRatio}, goal ${DETAIL.goalRatio})`,
    );
  }
  if (r.startupMs !== null) {
    out.push(
      `  start-up: the built server restarted on its data answers /api/health after ${r.startupMs.toFixed(0)} ms (median of 3; ` +
        `budget <= ${STARTUP.maxMs}, goal ${STARTUP.goalMs})`,
    );
  }
  out.push('', `  total ${r.totalSeconds.toFixed(1)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
}

void main();

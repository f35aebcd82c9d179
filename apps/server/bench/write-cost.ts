import { rebuildQueueCounts } from '../src/database/migrations/case-queue-rows';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { TokenPair } from '@union/shared';
import { DataSource } from 'typeorm';
import { createApp } from '../src/app.factory';
import { loadConfig } from '../src/config/configuration';
import { journalOf } from '../src/database/embedded-journal';
import { PiiCipher } from '../src/modules/pii/pii-cipher';
import { addVolume } from './volume';

/**
 * The cost of one write on the embedded database kept in a FILE, at two database sizes: the
 * write must cost about the same at both (bench/budgets.ts WRITE_COST), since a commit appends
 * its statements to the journal instead of rewriting the whole file.
 *
 * Per size: the demo county plus `cases` membership cases are built in memory (quickly, without
 * journaling the bulk insert), exported as the snapshot union.sqlite of a fresh data folder; the
 * app then starts on that file as `npm start` does, and a member submits WRITE_REQUESTS proposals
 * (a transaction of several inserts: case, proposal, history, outbox) over Fastify inject after
 * WARMUP ones. A checkpoint (what every commit cost before the journal: export the database and
 * write the whole file) is timed once too, for the report.
 */

const WARMUP = 5;
const WRITE_REQUESTS = 40;

export interface WriteCost {
  cases: number;
  fileBytes: number;
  p50: number;
  p95: number;
  max: number;
  /** Journal bytes one write appended, on average. */
  journalBytesPerWrite: number;
  /** One full checkpoint (export + write + fsync + rename), milliseconds. */
  checkpointMs: number;
  buildSeconds: number;
}

function benchConfig(dataDir: string, keys: Record<string, string>, file: boolean) {
  return loadConfig({
    DEMO_MODE: 'true',
    DATA_DIR: dataDir,
    ...(file ? {} : { EMBEDDED_DB_FILE: ':memory:' }),
    ...keys,
    WECHAT_STANDIN: 'false',
    WECHAT_API_BASE: 'http://127.0.0.1:9/unused',
    OUTBOX_POLL_MS: '0',
    H5_DIR: '',
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/**
 * The membership volume, `factor` times over, by copying its rows in SQL (seconds, where building
 * 200,000 cases through the ORM would take minutes). The copies get their own ids, uids and case
 * ids and no open id-number index (unique); they only have to be there, nobody reads them.
 */
interface BaseVolume {
  maxCase: number;
  maxApp: number;
  maxMessage: number;
}

async function baseVolume(ds: DataSource): Promise<BaseVolume> {
  const [row] = (await ds.query(
    `SELECT (SELECT MAX(id) FROM workflow_cases) AS maxCase, (SELECT MAX(id) FROM membership_applications) AS maxApp, ` +
      `(SELECT MAX(id) FROM messages) AS maxMessage`,
  )) as BaseVolume[];
  return row;
}

/** Add copies number `from` .. `to - 1` of the base volume. */
async function multiplyVolume(ds: DataSource, base: BaseVolume, from: number, to: number): Promise<void> {
  const { maxCase, maxApp, maxMessage } = base;
  const caseCols =
    'case_type, subject_type, state, version, holder, organization_id, organization_path, applicant_user_id, assignee_user_id, title, submitted_at, due_at, closed_at, updated_at';
  const appCols =
    'user_id, real_name, id_number_enc, id_number_index, phone_enc, phone_index, employer_name, employment_type, chosen_organization_id, hide_from_employer, created_at';
  const historyCols = 'action, from_state, to_state, actor_user_id, actor_name, comment, created_at';
  await ds.transaction(async (m) => {
    for (let k = from; k < to; k += 1) {
      const caseOff = k * maxCase;
      await m.query(
        `INSERT INTO workflow_cases (id, subject_id, ${caseCols}) SELECT id + ${caseOff}, subject_id + ${k * maxApp}, ${caseCols} FROM workflow_cases ` +
          `WHERE case_type = 'membership_application' AND id <= ${maxCase}`,
      );
      await m.query(
        `INSERT INTO case_queue (organization_id, case_type, state, due_at, case_id, applicant_user_id, assignee_user_id) ` +
          `SELECT q.organization_id, q.case_type, q.state, q.due_at, q.case_id + ${caseOff}, q.applicant_user_id, q.assignee_user_id ` +
          `FROM case_queue q JOIN workflow_cases c ON c.id = q.case_id WHERE c.case_type = 'membership_application' AND c.id <= ${maxCase}`,
      );
      await rebuildQueueCounts((sql, params) => m.query(sql, params));
      await m.query(
        `INSERT INTO membership_applications (id, case_id, uid, open_id_number_index, ${appCols}) ` +
          `SELECT id + ${k * maxApp}, case_id + ${caseOff}, lower(hex(randomblob(16))), NULL, ${appCols} FROM membership_applications WHERE id <= ${maxApp}`,
      );
      await m.query(
        `INSERT INTO case_history (case_id, ${historyCols}) SELECT h.case_id + ${caseOff}, ${historyCols.replace(/(\w+)/g, 'h.$1')} ` +
          `FROM case_history h JOIN workflow_cases c ON c.id = h.case_id WHERE c.case_type = 'membership_application' AND c.id <= ${maxCase}`,
      );
      await m.query(
        `INSERT INTO messages (user_id, title, body, link, read_at, created_at) ` +
          `SELECT user_id, title, body, link, read_at, created_at FROM messages WHERE title LIKE '入会申请%' AND id <= ${maxMessage}`,
      );
    }
  });
}

/** Write cost at each size (ascending); the larger ones are copies of the smallest volume. */
export async function measureWriteCosts(sizes: number[]): Promise<WriteCost[]> {
  const [base, ...larger] = [...sizes].sort((a, b) => a - b);
  if (larger.some((n) => n % base !== 0)) throw new Error(`write-cost sizes must be multiples of ${base}`);
  const root = mkdtempSync(join(tmpdir(), 'union-bench-write-'));
  const key = () => randomBytes(32).toString('base64');
  const keys = { JWT_SECRET: key(), CARD_SECRET: key(), PII_KEYS: `w1:${key()}`, PII_INDEX_KEY: key() };
  const results: WriteCost[] = [];
  try {
    // Build the snapshots in memory, each into a data folder of its own.
    const t0 = performance.now();
    const folders: { cases: number; dir: string; seconds: number }[] = [];
    const builder = await createApp(benchConfig(join(root, 'build'), keys, false), { logLevel: 'silent' });
    try {
      const memory = builder.get(DataSource);
      await addVolume(memory, builder.get(PiiCipher), base);
      const volume = await baseVolume(memory);
      let factor = 1;
      for (const cases of [base, ...larger]) {
        await multiplyVolume(memory, volume, factor, cases / base);
        factor = cases / base;
        const dir = join(root, String(cases));
        mkdirSync(dir);
        writeFileSync(join(dir, 'union.sqlite'), (memory.driver as unknown as { export(): Uint8Array }).export());
        folders.push({ cases, dir, seconds: (performance.now() - t0) / 1000 });
      }
    } finally {
      await builder.close();
    }
    for (const folder of folders) results.push(await measureOn(folder.dir, keys, folder.cases, folder.seconds));
    return results;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function measureOn(dataDir: string, keys: Record<string, string>, cases: number, buildSeconds: number): Promise<WriteCost> {
  const file = join(dataDir, 'union.sqlite');
  let app: NestFastifyApplication | null = null;
  try {
    app = await createApp(benchConfig(dataDir, keys, true), { logLevel: 'silent' });
    await app.getHttpAdapter().getInstance().ready();
    const ds = app.get(DataSource);
    const journal = journalOf(ds);
    if (!journal) throw new Error('the app did not open the embedded database file through the journal');
    const inject = (app as NestFastifyApplication).inject.bind(app);
    const login = await inject({ method: 'POST', url: '/api/auth/demo-login', payload: { persona: 'member' } });
    if (login.statusCode !== 200) throw new Error(`demo login: ${login.statusCode}`);
    const token = (login.json() as TokenPair).accessToken;
    let n = 0;
    const write = async () => {
      n += 1;
      const res = await inject({
        method: 'POST',
        url: '/api/proposals',
        headers: { authorization: `Bearer ${token}` },
        payload: {
          title: `压测建议 ${n}`,
          problem: '现在钢筋下料凭经验，短料浪费多，每月损耗约 3 吨。',
          suggestion: '按图纸先排套裁表，长短料搭配下料，余料统一编号再用。',
          expectedBenefit: '每月少损耗钢材约 2 吨',
        },
      });
      if (res.statusCode !== 201) throw new Error(`POST /proposals: ${res.statusCode} ${res.body.slice(0, 200)}`);
    };
    for (let i = 0; i < WARMUP; i += 1) await write();
    const journalBefore = journal.journalBytes();
    const times: number[] = [];
    for (let i = 0; i < WRITE_REQUESTS; i += 1) {
      const t = performance.now();
      await write();
      times.push(performance.now() - t);
    }
    const journalBytesPerWrite = (journal.journalBytes() - journalBefore) / WRITE_REQUESTS;
    const c0 = performance.now();
    await journal.checkpoint();
    const checkpointMs = performance.now() - c0;
    times.sort((a, b) => a - b);
    return {
      cases,
      fileBytes: statSync(file).size,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: times[times.length - 1],
      journalBytesPerWrite,
      checkpointMs,
      buildSeconds,
    };
  } finally {
    await app?.close().catch(() => undefined);
  }
}

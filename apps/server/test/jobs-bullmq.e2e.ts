import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { JobRun } from '../src/modules/jobs/entities/job-run.entity';
import { JobScheduler } from '../src/modules/jobs/jobs.service';
import { ON_MYSQL, startTestApp, type TestApp } from './harness';

/** Redis database 6, flushed before and after: its own keys, whatever else runs. */
const REDIS_URL = 'redis://127.0.0.1:6379/6';
const TOKEN = 'metrics-token-for-the-bullmq-test-0123456789';
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * With REDIS_URL the scheduled jobs run on BullMQ (JOBS_BACKEND=bullmq, the default then): one run
 * per period however many processes there are (two on MySQL/MariaDB here, one on the embedded
 * database), retried with backoff, and written on the job's row and in /metrics like on the
 * database backend. Skipped when no Redis answers at 127.0.0.1:6379.
 */
describe('scheduled jobs on BullMQ (e2e)', () => {
  let redis: Redis | null = null;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    const probe = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    if (
      !(await probe.connect().then(
        () => true,
        () => false,
      ))
    ) {
      console.warn(`Redis is not running at ${REDIS_URL}: the BullMQ jobs test is skipped`);
      return;
    }
    redis = probe;
    await redis.flushdb();
    const key = () => randomBytes(32).toString('base64');
    const env = {
      REDIS_URL,
      JOBS_BACKEND: 'bullmq',
      JOBS_QUEUE_PREFIX: `union-test-${randomBytes(4).toString('hex')}`,
      JOBS_RETRY_BASE_MS: '100',
      METRICS_TOKEN: TOKEN,
      JWT_SECRET: key(),
      CARD_SECRET: key(),
      PII_KEYS: `t1:${key()}`,
      PII_INDEX_KEY: key(),
    };
    apps.push(await startTestApp(env));
    if (ON_MYSQL) {
      const url = (apps[0].app.get(DataSource).options as { url: string }).url;
      apps.push(await startTestApp({ ...env, DATABASE_URL: url }));
    }
  }, 60_000);
  afterAll(async () => {
    for (const t of apps.reverse()) await t.close();
    await redis?.flushdb();
    await redis?.quit();
  });

  const row = (name: string) => apps[0].app.get(DataSource).getRepository(JobRun).findOneByOrFail({ name });

  it('starts, answers and stops while Redis is down (the jobs wait for it; the server does not)', async () => {
    const down = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1/0', JOBS_BACKEND: 'bullmq' });
    try {
      expect((await down.http('GET', '/health')).status).toBe(200);
    } finally {
      await down.close();
    }
  }, 30_000);

  it('runs a job once per period across every process, and records each run on its row', async () => {
    if (!redis) return;
    const runs: { app: number; at: number }[] = [];
    apps.forEach((t, i) =>
      t.app.get(JobScheduler).register({
        name: 'test_every_300ms',
        everyMs: 300,
        run: () => Promise.resolve(void runs.push({ app: i, at: Date.now() })).then(() => 1),
      }),
    );
    await sleep(3_000);
    // About ten periods: one run each, not one per process.
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.length).toBeLessThanOrEqual(12);
    const state = await row('test_every_300ms');
    expect(state.runs).toBeGreaterThanOrEqual(runs.length - 1);
    expect(state.lastOutcome).toBe('1 handled');
    expect(state.leaseOwner).toBeNull();
  });

  it('retries a failing run with backoff until it succeeds, and shows it in /metrics', async () => {
    if (!redis) return;
    let calls = 0;
    const [t] = apps;
    for (const other of apps) {
      other.app.get(JobScheduler).register({
        name: 'test_flaky_hourly',
        everyMs: 3_600_000,
        run: () => {
          calls += 1;
          return calls <= 2 ? Promise.reject(new Error(`平台繁忙 ${calls}`)) : Promise.resolve(3);
        },
      });
    }
    for (let i = 0; i < 50 && calls < 3; i += 1) await sleep(100);
    await sleep(300);
    expect(calls).toBe(3);
    const state = await row('test_flaky_hourly');
    expect([state.runs, state.failures, state.consecutiveFailures, state.lastOutcome]).toEqual([3, 2, 0, '3 handled']);
    const metrics = await fetch(`${t.baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
    expect(metrics).toContain('union_job_runs{job="test_flaky_hourly",outcome="failed"} 2');
    expect(metrics).toMatch(/union_job_queue\{state="completed"\} [1-9]/);
  });
});

import { randomBytes } from 'node:crypto';
import type { MembershipApplicationView } from '@union/shared';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { JobRun } from '../src/modules/jobs/entities/job-run.entity';
import { JobScheduler } from '../src/modules/jobs/jobs.service';
import { ConsultationReminders } from '../src/modules/legal/consultation-reminders.job';
import { OutboxSender } from '../src/modules/notifications/outbox-sender.service';
import { aConsultation, CONSTRUCTION_UNION } from './factories';
import { newIdNumber, newPhone, ON_MYSQL, startTestApp, type TestApp } from './harness';
import { startRoundRobin } from './round-robin';

/** Redis database 5: its own keys, flushed before and after (the rate-limit suite cleans database 0). */
const REDIS_URL = 'redis://127.0.0.1:6379/5';
const SELF_TEST_LIMIT = 3;

/**
 * Two server processes' worth of the app on one MariaDB database (the same secrets, each its
 * own HTTP server, WeChat stand-in and outbox sender): the same case approved through both at
 * once has one winner, a token of one is good on the other, and every notification is sent once.
 * MySQL/MariaDB only (the embedded database belongs to one process).
 */
(ON_MYSQL ? describe : describe.skip)('two server processes on one database (e2e over HTTP, MySQL/MariaDB)', () => {
  let a: TestApp;
  let b: TestApp;
  let front: Awaited<ReturnType<typeof startRoundRobin>>;
  let redis: Redis | null = null;

  beforeAll(async () => {
    const key = () => randomBytes(32).toString('base64');
    const shared: Record<string, string> = { JWT_SECRET: key(), CARD_SECRET: key(), PII_KEYS: `t1:${key()}`, PII_INDEX_KEY: key() };
    // One Redis for both (a database of its own, so that no other suite's clean-up touches its keys).
    const probe = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    if (
      await probe.connect().then(
        () => true,
        () => false,
      )
    ) {
      redis = probe;
      await redis.flushdb();
      Object.assign(shared, { REDIS_URL, RATE_LIMIT_SELF_TEST: String(SELF_TEST_LIMIT) });
    } else {
      console.warn(`Redis is not running at ${REDIS_URL}: the shared rate limit test is skipped`);
    }
    a = await startTestApp(shared);
    const url = (a.app.get(DataSource).options as { url: string }).url;
    b = await startTestApp({ ...shared, DATABASE_URL: url });
    front = await startRoundRobin([a.baseUrl, b.baseUrl]);
  }, 120_000);
  afterAll(async () => {
    await front?.close();
    await b?.close();
    await a?.close();
    await redis?.flushdb();
    await redis?.quit();
  });

  /** A request through the round-robin front (the next process in turn answers it). */
  async function viaFront<T>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown } = {},
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${front.url}/api${path}`, {
      method,
      headers: {
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.body ? { 'content-type': 'application/json' } : {}),
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  }

  /** A membership application, sent to one process (`a`) or through the front (whichever is next). */
  async function anApplication(through: 'a' | 'front' = 'a'): Promise<MembershipApplicationView> {
    const worker = await a.newWorker('twoproc');
    const send = through === 'front' ? viaFront : a.http;
    const res = await send<MembershipApplicationView>('POST', '/membership/applications', {
      token: worker,
      body: {
        realName: '双机测试',
        idNumber: newIdNumber(),
        phone: newPhone(),
        employerName: '县城建筑公司',
        employmentType: 'employee',
        organizationId: await a.organisationAt(CONSTRUCTION_UNION),
        hideFromEmployer: false,
      },
    });
    if (res.status !== 201) throw new Error(`apply: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  it('approving one case through both at once: exactly one wins, once in the history', async () => {
    const cadre = await a.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    for (let round = 0; round < 5; round += 1) {
      const app = await anApplication();
      const body = { action: 'approve', version: app.version };
      const [one, other] = await Promise.all([
        a.http<{ code?: string }>('POST', `/cases/${app.caseId}/transitions`, { token: cadre, body }),
        b.http<{ code?: string }>('POST', `/cases/${app.caseId}/transitions`, { token: cadre, body }),
      ]);
      expect([one.status, other.status].sort()).toEqual([200, 409]);
      expect([one.body.code, other.body.code]).toContain('state_conflict');
      const history = await b.http<{ action: string }[]>('GET', `/cases/${app.caseId}/history`, { token: cadre });
      expect(history.body.filter((h) => h.action === 'approve')).toHaveLength(1);
      const [{ n }] = (await a.app.get(DataSource).query('SELECT COUNT(*) AS n FROM members WHERE application_id = ?', [app.id])) as {
        n: string;
      }[];
      expect(Number(n)).toBe(1);
    }
  }, 60_000);

  it('behind a round-robin front: the same case approved twice at once, one request to each process, has one winner', async () => {
    const cadre = await a.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    for (let round = 0; round < 5; round += 1) {
      const app = await anApplication();
      const body = { action: 'approve', version: app.version };
      const servedBefore = front.served.length;
      const answers = await Promise.all([
        viaFront<{ code?: string }>('POST', `/cases/${app.caseId}/transitions`, { token: cadre, body }),
        viaFront<{ code?: string }>('POST', `/cases/${app.caseId}/transitions`, { token: cadre, body }),
      ]);
      expect(new Set(front.served.slice(servedBefore))).toEqual(new Set([a.baseUrl, b.baseUrl].map((u) => new URL(u).origin)));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const history = await viaFront<{ action: string }[]>('GET', `/cases/${app.caseId}/history`, { token: cadre });
      expect(history.body.filter((h) => h.action === 'approve')).toHaveLength(1);
    }
  }, 60_000);

  it('behind the front, the rate limits are shared through Redis: the limit holds whichever process answers', async () => {
    if (!redis) return;
    const answers: number[] = [];
    for (let i = 0; i < SELF_TEST_LIMIT + 2; i += 1) answers.push((await viaFront('POST', '/hardship/self-test', { body: {} })).status);
    // Within the limit the (empty) form is refused as invalid; past it, with either process, the call is throttled.
    expect(answers).toEqual([...Array<number>(SELF_TEST_LIMIT).fill(400), 429, 429]);
    expect((await redis.keys('union-rate-limit-*')).length).toBeGreaterThan(0);
  });

  it('runs a scheduled job on both at once and its work is done once (a reminder per booking)', async () => {
    const { consultation, worker } = await aConsultation(a);
    const dayBefore = new Date(Date.parse(consultation.startsAt) - 20 * 3_600_000);
    await Promise.all([
      a.app.get(ConsultationReminders).sendReminders(dayBefore),
      b.app.get(ConsultationReminders).sendReminders(dayBefore),
    ]);
    const reminders = (await b.http<{ items: { title: string }[] }>('GET', '/messages', { token: worker })).body.items.filter((m) =>
      m.title.startsWith('法律咨询提醒'),
    );
    expect(reminders).toHaveLength(1);
  }, 60_000);

  it('ticks the job scheduler on both at once: each due job runs on exactly one of them, every round', async () => {
    const ds = a.app.get(DataSource);
    const runs = async () =>
      new Map(((await ds.getRepository(JobRun).find()) as JobRun[]).map((r) => [r.name, { runs: r.runs, next: r.nextRunAt.getTime() }]));
    for (let round = 0; round < 5; round += 1) {
      const before = await runs();
      // Both processes' clocks just past every job's next run.
      const due = new Date(Math.max(Date.now(), ...[...before.values()].map((r) => r.next)) + 1000);
      a.clock.set(due);
      b.clock.set(due);
      const [ranA, ranB] = await Promise.all([a.app.get(JobScheduler).tick(), b.app.get(JobScheduler).tick()]);
      const ran = [...ranA, ...ranB].sort();
      expect(ran).toEqual([...before.keys()].sort());
      const after = await runs();
      for (const [name, r] of before) expect(after.get(name)?.runs).toBe(r.runs + 1);
    }
  }, 60_000);

  it('sends every queued notification exactly once when both senders run', async () => {
    const senderA = a.app.get(OutboxSender);
    const senderB = b.app.get(OutboxSender);
    await Promise.all([senderA.drain(), senderB.drain()]);
    a.wechat.state.sent.length = 0;
    b.wechat.state.sent.length = 0;
    const ds = a.app.get(DataSource);
    const [{ n0: before }] = (await ds.query("SELECT COUNT(*) AS n0 FROM outbox WHERE status = 'sent'")) as { n0: string }[];
    // Written through the front: half of them by each process, each with its notification in the outbox.
    const servedBefore = front.served.length;
    for (let i = 0; i < 12; i += 1) await anApplication('front');
    expect(new Set(front.served.slice(servedBefore)).size).toBe(2);
    const [{ due }] = (await ds.query("SELECT COUNT(*) AS due FROM outbox WHERE status = 'pending'")) as { due: string }[];
    expect(Number(due)).toBeGreaterThanOrEqual(12);
    const [x, y] = await Promise.all([senderA.drain(), senderB.drain()]);
    const sent = [...a.wechat.state.sent, ...b.wechat.state.sent];
    expect(sent.length).toBeGreaterThanOrEqual(12);
    expect(x + y).toBe(sent.length);
    const [{ n1: after }] = (await ds.query("SELECT COUNT(*) AS n1 FROM outbox WHERE status = 'sent'")) as { n1: string }[];
    expect(Number(after) - Number(before)).toBe(sent.length);
    const [{ n2: left }] = (await ds.query("SELECT COUNT(*) AS n2 FROM outbox WHERE status IN ('pending', 'sending')")) as { n2: string }[];
    expect(Number(left)).toBe(0);
  }, 60_000);
});

import { DataSource } from 'typeorm';
import { JobRun } from '../src/modules/jobs/entities/job-run.entity';
import { APP_CONFIG, type AppConfig } from '../src/config/configuration';
import { JobScheduler, LEASE_MS } from '../src/modules/jobs/jobs.service';
import { startTestApp, type TestApp } from './harness';

const TOKEN = 'metrics-token-for-the-jobs-test-0123456789';
const MINUTE = 60_000;

/**
 * The scheduled jobs run through job_runs: once per period, retried with backoff when they fail,
 * not while another process holds a live lease, and visible in /metrics.
 */
describe('scheduled jobs (e2e)', () => {
  let t: TestApp;
  let jobs: JobScheduler;
  /** The first retry's wait (JOBS_retryBaseMs, 30 s by default). */
  let retryBaseMs: number;
  let ds: DataSource;
  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN: TOKEN });
    jobs = t.app.get(JobScheduler);
    retryBaseMs = t.app.get<AppConfig>(APP_CONFIG).jobs.retryBaseMs;
    ds = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  const row = (name: string) => ds.getRepository(JobRun).findOneByOrFail({ name });
  /** Every job due: the clock just past the latest next run (the harness sets the clock back after each test). */
  const allDue = async () => {
    const rows = await ds.getRepository(JobRun).find();
    t.clock.set(new Date(Math.max(t.clock.nowMs(), ...rows.map((r) => r.nextRunAt.getTime())) + 1000));
  };

  it('runs each job when it is due, once, and next after its period', async () => {
    const before = await Promise.all(['consultation_reminders', 'legal_aid_clocks'].map(row));
    await allDue();
    expect((await jobs.tick()).sort()).toEqual(expect.arrayContaining(['consultation_reminders', 'legal_aid_clocks']));
    // Not due again yet: nothing runs.
    expect(await jobs.tick()).toEqual([]);
    const after = await row('consultation_reminders');
    expect(after.runs).toBe(before[0].runs + 1);
    expect(after.leaseOwner).toBeNull();
    expect(after.lastOutcome).toMatch(/^\d+ handled$/);
    // Five minutes on, the reminders are due again and the clocks (every ten minutes) are not.
    t.clock.advance(5 * MINUTE + 1000);
    expect(await jobs.tick()).toEqual(['consultation_reminders']);
    expect((await row('consultation_reminders')).runs).toBe(before[0].runs + 2);
    expect((await row('legal_aid_clocks')).runs).toBe(before[1].runs + 1);
  });

  it('ticks that overlap in one process share a pass: the job runs once', async () => {
    await allDue();
    const [a, b] = await Promise.all([jobs.tick(), jobs.tick()]);
    expect(a).toBe(b);
    expect(a).toContain('legal_aid_clocks');
  });

  it('retries a failing job with a doubling wait, keeps the failure on its row and in /metrics, and clears it on success', async () => {
    let calls = 0;
    jobs.register({
      name: 'test_flaky',
      everyMs: 60 * MINUTE,
      run: () => {
        calls += 1;
        if (calls <= 2) return Promise.reject(new Error(`平台繁忙 ${calls}`));
        return Promise.resolve(7);
      },
    });
    await allDue();
    expect(await jobs.tick()).toContain('test_flaky');
    let state = await row('test_flaky');
    expect([state.failures, state.consecutiveFailures, state.lastOutcome]).toEqual([1, 1, 'failed: 平台繁忙 1']);
    expect(state.leaseOwner).toBeNull();
    // The first retry waits 30 s: not before.
    t.clock.advance(retryBaseMs - 2000);
    expect(await jobs.tick()).not.toContain('test_flaky');
    t.clock.advance(3000);
    expect(await jobs.tick()).toContain('test_flaky');
    state = await row('test_flaky');
    expect([state.failures, state.consecutiveFailures]).toEqual([2, 2]);
    // The second waits twice as long.
    expect(state.nextRunAt.getTime() - t.clock.nowMs()).toBeGreaterThan(2 * retryBaseMs - 2000);
    const metrics = await fetch(`${t.baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
    expect(metrics).toContain('union_job_runs{job="test_flaky",outcome="failed"} 2');
    expect(metrics).toContain('union_job_consecutive_failures{job="test_flaky"} 2');
    expect(metrics).toMatch(/union_job_overdue_seconds\{job="consultation_reminders"\} [\d.]+/);
    t.clock.advance(2 * retryBaseMs);
    expect(await jobs.tick()).toContain('test_flaky');
    state = await row('test_flaky');
    expect([state.runs, state.failures, state.consecutiveFailures, state.lastOutcome]).toEqual([3, 2, 0, '7 handled']);
    expect(calls).toBe(3);
  });

  it('leaves a job alone while another process holds a live lease, and takes it once the lease has run out', async () => {
    await allDue();
    await ds
      .getRepository(JobRun)
      .update({ name: 'legal_aid_clocks' }, { leaseOwner: 'another-process', leaseUntil: new Date(t.clock.nowMs() + LEASE_MS) });
    expect(await jobs.tick()).not.toContain('legal_aid_clocks');
    // The other process died mid-run: past its lease, this one runs the job.
    t.clock.advance(LEASE_MS + 1000);
    expect(await jobs.tick()).toContain('legal_aid_clocks');
    expect((await row('legal_aid_clocks')).leaseOwner).toBeNull();
  });
});

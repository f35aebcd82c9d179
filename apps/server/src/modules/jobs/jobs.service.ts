import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { In, IsNull, LessThan, LessThanOrEqual, Or } from 'typeorm';
import { Clock } from '../../common/clock';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';
import { Db } from '../../database/db.service';
import { BullJobs } from './bull-jobs';
import { JobRun } from './entities/job-run.entity';

/** A job run on a schedule: what it does answers how many items it handled. */
export interface ScheduledJob {
  /** Stable name (the row in job_runs, the label in /metrics). */
  name: string;
  /** Time between the end of one successful run and the next. */
  everyMs: number;
  run: (now: Date) => Promise<number>;
}

export type { JobRun } from './entities/job-run.entity';

/** A run that has not finished after this long is taken to have died with its process; another may take the job. */
export const LEASE_MS = 10 * 60_000;

/**
 * The scheduled jobs (reminders, deadline sweeps), run through the database so that every process
 * can tick and each run still happens once: a process takes a job's lease with one compare-and-set
 * (`next_run_at` due, no live lease), runs it, then writes the outcome and the next run. A failed
 * run is retried with backoff; counts, failures and the time of the last success are kept on the
 * row for /metrics. Works the same on the embedded database (one process) and on MySQL/MariaDB
 * with any number of processes. With JOBS_BACKEND=bullmq (the default when REDIS_URL is set) the
 * runs are scheduled, locked and retried by BullMQ instead (see BullJobs), and still written on the
 * same rows. A job's own steps stay idempotent as well (compare-and-set per item), so a run cut
 * short by a crash and run again sends nothing twice.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private readonly jobs = new Map<string, ScheduledJob>();
  /** This process's id as a lease holder. */
  readonly owner = randomUUID();
  private timer: NodeJS.Timeout | null = null;
  private ticking: Promise<string[]> | null = null;
  /** The BullMQ backend, when the jobs run on it (JOBS_BACKEND=bullmq, with REDIS_URL). */
  private bull: BullJobs | null = null;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Register a job (once per name, when its module starts; its row is made at start or at the next tick). */
  register(job: ScheduledJob): void {
    if (this.jobs.has(job.name)) throw new Error(`two jobs named ${job.name}`);
    this.jobs.set(job.name, job);
    // A job registered once BullMQ runs (a test's): its row, then its schedule.
    if (this.bull) {
      void this.ensureRows()
        .then(() => this.bull?.schedule(job))
        .catch((err: Error) => this.logger.error({ job: job.name, err: err.message }, 'scheduling a job on BullMQ failed'));
    }
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureRows();
    if (this.config.jobs.backend === 'bullmq' && this.config.redis.url) {
      this.bull = new BullJobs(
        this.config.redis.url,
        this.config.jobs.queuePrefix,
        {
          run: (name) => {
            const job = this.jobs.get(name);
            return job ? this.runAndRecord(job, { name }) : Promise.resolve(0);
          },
        },
        { attempts: 6, retryBaseMs: this.config.jobs.retryBaseMs },
      );
      // Not awaited: a Redis that is down must not keep the server from starting (BullMQ connects when it can).
      void this.bull.start([...this.jobs.values()]).catch((err: Error) => this.logger.error({ err: err.message }, 'BullMQ did not start'));
      return;
    }
    if (this.config.jobs.tickMs > 0) {
      void this.tick();
      this.timer = setInterval(() => void this.tick(), this.config.jobs.tickMs);
      this.timer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    await this.bull?.close();
  }

  /** Every registered job has its row (due now), whichever process starts first. */
  private async ensureRows(): Promise<void> {
    const repo = this.db.manager.getRepository(JobRun);
    const known = new Set((await repo.findBy({ name: In([...this.jobs.keys()]) })).map((r) => r.name));
    const missing = [...this.jobs.keys()].filter((name) => !known.has(name));
    if (missing.length === 0) return;
    await repo
      .createQueryBuilder()
      .insert()
      .values(missing.map((name) => ({ name, nextRunAt: this.clock.now() })))
      .orIgnore()
      .updateEntity(false)
      .execute();
  }

  /**
   * Run every job that is due and whose lease this process gets; resolves with the names of the
   * jobs this process ran. Overlapping ticks of one process share a pass.
   */
  tick(): Promise<string[]> {
    if (this.bull) return Promise.resolve([]); // BullMQ schedules the runs itself
    if (!this.ticking) {
      this.ticking = this.runDue()
        .catch((err: Error) => {
          this.logger.error({ err: err.message }, 'job tick failed');
          return [];
        })
        .finally(() => (this.ticking = null));
    }
    return this.ticking;
  }

  private async runDue(): Promise<string[]> {
    await this.ensureRows();
    const ran: string[] = [];
    for (const job of this.jobs.values()) {
      if (await this.claim(job)) {
        await this.runClaimed(job);
        ran.push(job.name);
      }
    }
    return ran;
  }

  /** Take the job's lease when it is due and nobody holds a live one: one statement, one winner. */
  private async claim(job: ScheduledJob): Promise<boolean> {
    const now = this.clock.now();
    const result = await this.db.manager
      .getRepository(JobRun)
      .update(
        { name: job.name, nextRunAt: LessThanOrEqual(now), leaseUntil: Or(IsNull(), LessThan(now)) },
        { leaseOwner: this.owner, leaseUntil: new Date(now.getTime() + LEASE_MS), lastStartedAt: now },
      );
    return result.affected === 1;
  }

  private async runClaimed(job: ScheduledJob): Promise<void> {
    await this.runAndRecord(job, { name: job.name, leaseOwner: this.owner }).catch(() => undefined);
  }

  /**
   * Run the job and write how it went on its row (`where` picks the row: the lease this process
   * holds, or the job's row on BullMQ): the next run after a success, the retry after a failure,
   * which is thrown again for BullMQ's own retry.
   */
  private async runAndRecord(job: ScheduledJob, where: { name: string; leaseOwner?: string }): Promise<number> {
    const started = this.clock.now();
    const repo = this.db.manager.getRepository(JobRun);
    try {
      const handled = await job.run(started);
      const done = this.clock.now();
      await repo.update(where, {
        leaseOwner: null,
        leaseUntil: null,
        lastStartedAt: started,
        nextRunAt: new Date(done.getTime() + job.everyMs),
        lastSucceededAt: done,
        lastOutcome: `${handled} handled`,
        consecutiveFailures: 0,
        runs: () => 'runs + 1',
      });
      return handled;
    } catch (err) {
      const row = await repo.findOneBy(where);
      const failures = (row?.consecutiveFailures ?? 0) + 1;
      const wait = Math.min(job.everyMs, this.config.jobs.retryBaseMs * 2 ** (failures - 1));
      const message = (err instanceof Error ? err.message : String(err)).slice(0, 180);
      this.logger.error({ job: job.name, err: message, retryInMs: wait }, 'scheduled job failed');
      await repo.update(where, {
        leaseOwner: null,
        leaseUntil: null,
        lastStartedAt: started,
        nextRunAt: new Date(this.clock.now().getTime() + wait),
        lastOutcome: `failed: ${message}`,
        consecutiveFailures: failures,
        runs: () => 'runs + 1',
        failures: () => 'failures + 1',
      });
      throw err;
    }
  }

  /** The BullMQ queue's jobs by state (empty on the database backend), for /metrics. */
  async queueCounts(): Promise<Record<string, number>> {
    return this.bull ? this.bull.counts() : {};
  }

  /** The state of every job (for /metrics and the tests). */
  async states(): Promise<JobRun[]> {
    return this.db.manager.getRepository(JobRun).find({ order: { name: 'ASC' } });
  }
}

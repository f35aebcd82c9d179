import type { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

/** What the BullMQ backend needs of the scheduler: run a job by its name and record how it went. */
export interface BullJobRunner {
  run(name: string): Promise<number>;
}

/** One job as BullMQ schedules it. */
export interface BullJobSpec {
  name: string;
  everyMs: number;
}

/**
 * The scheduled jobs on BullMQ, when REDIS_URL is set: one queue in Redis shared by every server
 * process, a job scheduler per job (one job per period, however many processes), a worker in each
 * process taking the jobs one at a time; a failed run is retried with exponential backoff
 * (`retryBaseMs`, doubling, `attempts` in all). BullMQ is loaded only when this backend is used.
 */
export class BullJobs {
  private queue: Queue | null = null;
  private worker: Worker | null = null;
  private readonly connections: Redis[] = [];
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly prefix: string,
    private readonly runner: BullJobRunner,
    private readonly retry: { attempts: number; retryBaseMs: number },
  ) {}

  private connection(): Redis {
    // BullMQ's workers block on Redis: no per-request retry limit (BullMQ's own requirement).
    const redis = new Redis(this.url, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined); // ioredis reconnects by itself; BullMQ reports what fails
    this.connections.push(redis);
    return redis;
  }

  async start(jobs: BullJobSpec[]): Promise<void> {
    const { Queue, Worker } = await import('bullmq');
    if (this.closed) return;
    this.queue = new Queue('scheduled-jobs', { connection: this.connection(), prefix: this.prefix });
    this.queue.on('error', () => undefined);
    for (const job of jobs) await this.schedule(job);
    if (this.closed) return;
    this.worker = new Worker('scheduled-jobs', (job) => this.runner.run(job.name), {
      connection: this.connection(),
      prefix: this.prefix,
      concurrency: 1,
    });
    this.worker.on('error', () => undefined);
  }

  /** Schedule (or re-schedule) one job: one run per period across every process. */
  async schedule(job: BullJobSpec): Promise<void> {
    if (!this.queue) return;
    await this.queue.upsertJobScheduler(
      job.name,
      { every: job.everyMs },
      {
        name: job.name,
        opts: {
          attempts: this.retry.attempts,
          backoff: { type: 'exponential', delay: this.retry.retryBaseMs },
          removeOnComplete: 100,
          removeOnFail: 500,
        },
      },
    );
  }

  /** The queue's jobs by state (waiting, delayed, active, completed, failed), for /metrics. */
  async counts(): Promise<Record<string, number>> {
    return this.queue ? this.queue.getJobCounts('waiting', 'delayed', 'active', 'completed', 'failed') : {};
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.worker?.close();
    await this.queue?.close();
    for (const redis of this.connections) await redis.quit().catch(() => redis.disconnect());
  }
}

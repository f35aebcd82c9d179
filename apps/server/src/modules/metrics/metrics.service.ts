import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { Clock } from '../../common/clock';
import { Db } from '../../database/db.service';
import { JobScheduler } from '../jobs/jobs.service';
import { OutboxSender } from '../notifications/outbox-sender.service';
import { WorkflowCases } from '../workflow/workflow-cases.service';

/**
 * The server's measurements in Prometheus' format: request latency per route (the route's
 * template, never the path with its ids or tokens), the queues waiting for staff, the outbox's
 * backlog and lag, the scheduled jobs (runs, failures, how overdue), the database pool (MySQL/MariaDB), and the process (CPU, memory, event-loop delay, heap). One registry per
 * application, so that two apps in one process (the tests) do not share counters.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly requests: Histogram<'method' | 'route' | 'status'>;

  constructor(outbox: OutboxSender, cases: WorkflowCases, db: Db, jobs: JobScheduler, clock: Clock) {
    collectDefaultMetrics({ register: this.registry, prefix: 'union_' });
    this.requests = new Histogram({
      name: 'union_http_request_duration_seconds',
      help: 'Time to answer a request, by route template and status class',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    new Gauge({
      name: 'union_cases_waiting_for_staff',
      help: 'Open cases whose next step is the staff’s, by case type',
      labelNames: ['case_type'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const [caseType, n] of await cases.waitingForStaff()) this.set({ case_type: caseType }, n);
      },
    });
    // The MySQL/MariaDB connection pool (mysql2's counters; the embedded database has one connection and none).
    const pool = () =>
      (
        db.dataSource.driver as unknown as {
          pool?: { _allConnections?: { length: number }; _freeConnections?: { length: number }; _connectionQueue?: { length: number } };
        }
      ).pool;
    new Gauge({
      name: 'union_db_pool_connections',
      help: 'Connections of the database pool, in use and idle (MySQL/MariaDB)',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p?._allConnections || !p._freeConnections) return;
        this.set({ state: 'in_use' }, p._allConnections.length - p._freeConnections.length);
        this.set({ state: 'idle' }, p._freeConnections.length);
      },
    });
    new Gauge({
      name: 'union_db_pool_waiting',
      help: 'Requests waiting for a database connection (MySQL/MariaDB)',
      registers: [this.registry],
      collect() {
        const p = pool();
        if (p?._connectionQueue) this.set(p._connectionQueue.length);
      },
    });
    // One reading of the outbox per scrape for its three gauges (they are collected together).
    let reading: { at: number; backlog: ReturnType<OutboxSender['backlog']> } | null = null;
    const backlog = () => {
      if (!reading || performance.now() - reading.at > 1000) reading = { at: performance.now(), backlog: outbox.backlog() };
      return reading.backlog;
    };
    new Gauge({
      name: 'union_outbox_pending',
      help: 'WeChat subscribe messages waiting to be sent (or being sent)',
      registers: [this.registry],
      async collect() {
        this.set((await backlog()).pending);
      },
    });
    new Gauge({
      name: 'union_outbox_lag_seconds',
      help: 'How long the oldest message that is due has waited',
      registers: [this.registry],
      async collect() {
        this.set((await backlog()).oldestDueSeconds);
      },
    });
    new Gauge({
      name: 'union_outbox_dead',
      help: 'Messages given up on after their retries',
      registers: [this.registry],
      async collect() {
        this.set((await backlog()).dead);
      },
    });
    // The scheduled jobs: one reading of job_runs per scrape for their three gauges.
    let jobReading: { at: number; rows: ReturnType<JobScheduler['states']> } | null = null;
    const jobStates = () => {
      if (!jobReading || performance.now() - jobReading.at > 1000) jobReading = { at: performance.now(), rows: jobs.states() };
      return jobReading.rows;
    };
    new Gauge({
      name: 'union_job_runs',
      help: 'Runs of a scheduled job, and how many of them failed',
      labelNames: ['job', 'outcome'],
      registers: [this.registry],
      async collect() {
        for (const j of await jobStates()) {
          this.set({ job: j.name, outcome: 'all' }, j.runs);
          this.set({ job: j.name, outcome: 'failed' }, j.failures);
        }
      },
    });
    new Gauge({
      name: 'union_job_queue',
      help: 'Jobs of the BullMQ queue by state (waiting, delayed, active, completed, failed; only with JOBS_BACKEND=bullmq)',
      labelNames: ['state'],
      registers: [this.registry],
      async collect() {
        for (const [state, n] of Object.entries(await jobs.queueCounts())) this.set({ state }, n);
      },
    });
    new Gauge({
      name: 'union_job_consecutive_failures',
      help: 'Failures of a scheduled job since its last success (retried with backoff)',
      labelNames: ['job'],
      registers: [this.registry],
      async collect() {
        for (const j of await jobStates()) this.set({ job: j.name }, j.consecutiveFailures);
      },
    });
    new Gauge({
      name: 'union_job_overdue_seconds',
      help: 'How long a scheduled job has been due without a process running it (0 when it is not due)',
      labelNames: ['job'],
      registers: [this.registry],
      async collect() {
        const now = clock.nowMs();
        for (const j of await jobStates()) this.set({ job: j.name }, Math.max(0, (now - j.nextRunAt.getTime()) / 1000));
      },
    });
  }

  /** Count one answered request (the onResponse hook). */
  observe(method: string, route: string | undefined, status: number, elapsedMs: number): void {
    this.requests.observe({ method, route: route ?? 'unmatched', status: `${Math.floor(status / 100)}xx` }, elapsedMs / 1000);
  }
}

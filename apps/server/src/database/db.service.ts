import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** Runs units of work in transactions. */
@Injectable()
export class Db {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /**
   * Run `work` in one transaction; it commits when `work` resolves and rolls back when it throws.
   * The embedded database has a single connection, so its transactions run one after another.
   */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (this.dataSource.options.type !== 'sqljs') return this.withDeadlockRetry(work);
    const run = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * MySQL may pick a transaction as a deadlock victim when many insert the same unique key at
   * once (50 workers tapping one slot); the victim was rolled back whole, so it is run again.
   */
  private async withDeadlockRetry<T>(work: (manager: EntityManager) => Promise<T>, attempts = 3): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction(work);
      } catch (err) {
        if (attempt >= attempts || !isDeadlock(err)) throw err;
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      }
    }
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * Run read-only `work` on a read replica when one is configured (statistics, reports: a few
   * seconds behind the primary is fine), else on the primary. Never for a read that must see the
   * request's own writes.
   */
  async fromReplica<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const replicated = 'replication' in this.dataSource.options && !!this.dataSource.options.replication;
    if (!replicated) return work(this.dataSource.manager);
    const runner = this.dataSource.createQueryRunner('slave');
    try {
      return await work(runner.manager);
    } finally {
      await runner.release();
    }
  }

  get isEmbedded(): boolean {
    return this.dataSource.options.type === 'sqljs';
  }
}

/** True for MySQL's deadlock error, after which the transaction was rolled back (lock-wait timeouts are not retried: each already waited long). */
function isDeadlock(err: unknown): boolean {
  const e = err as { code?: string; errno?: number; driverError?: { code?: string; errno?: number } } | null;
  const code = e?.code ?? e?.driverError?.code;
  const errno = e?.errno ?? e?.driverError?.errno;
  return code === 'ER_LOCK_DEADLOCK' || errno === 1213;
}

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
    if (this.dataSource.options.type !== 'sqljs') return this.dataSource.transaction(work);
    const run = this.queue.then(() => this.dataSource.transaction(work));
    this.queue = run.catch(() => undefined);
    return run;
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  get isEmbedded(): boolean {
    return this.dataSource.options.type === 'sqljs';
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { JobScheduler } from '../jobs/jobs.service';
import { LegalAidClocks } from './legal-aid-clocks.service';

/** How often the stored next statutory period of open legal-aid cases is brought up to date. */
const EVERY_MS = 10 * 60_000;

/**
 * A scheduled job, not a side effect of a GET: at start and every ten minutes (through the job
 * scheduler: one process runs each pass), open legal-aid cases whose stored next period has run out
 * get the following one (at most ten minutes after midnight a period that ended yesterday can still
 * be listed as the next one).
 */
@Injectable()
export class LegalClocksJob implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly clocks: LegalAidClocks,
    private readonly jobs: JobScheduler,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'legal_aid_clocks', everyMs: EVERY_MS, run: (now) => this.runOnce(now) });
  }

  /** One pass; resolves with how many cases got a new next period (a failure is the scheduler's to log and retry). */
  runOnce(now = this.clock.now()): Promise<number> {
    return this.clocks.refreshClocks(now);
  }
}

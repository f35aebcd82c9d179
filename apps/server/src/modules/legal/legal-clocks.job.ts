import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { LegalAidClocks } from './legal-aid-clocks.service';
import { Clock } from '../../common/clock';

/** How often the stored next statutory period of open legal-aid cases is brought up to date. */
const EVERY_MS = 10 * 60_000;

/**
 * A scheduled job, not a side effect of a GET: at start and every ten minutes, open legal-aid cases
 * whose stored next period has run out get the following one (at most ten minutes after midnight
 * a period that ended yesterday can still be listed as the next one). Overlapping runs share a pass.
 */
@Injectable()
export class LegalClocksJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LegalClocksJob.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly clocks: LegalAidClocks,
  ) {}

  onApplicationBootstrap(): void {
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** One pass; resolves with how many cases got a new next period (0 when the pass failed, which is logged). */
  runOnce(now = this.clock.now()): Promise<number> {
    if (!this.running) {
      this.running = this.clocks
        .refreshClocks(now)
        .catch((err: Error) => {
          this.logger.error({ err: err.message }, 'legal clock refresh failed');
          return 0;
        })
        .finally(() => (this.running = null));
    }
    return this.running;
  }
}

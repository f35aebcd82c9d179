import { Global, Injectable, Module, type DynamicModule } from '@nestjs/common';
import { cstDate } from '@union/shared';

/**
 * Business time: the instant every deadline, notice period, registration window, "not later than
 * today" check and recorded moment of the domain is measured against. Services ask the clock,
 * never `new Date()`, so a test can move it: a five-day public notice is tested by moving the clock
 * six days on, not by writing an ended notice into the database.
 *
 * What stays on the machine's own time: security expiries (tokens, signed upload links,
 * invitations' signatures), the outbox's retry timers, the WeChat access token cache and the
 * embedded database's journal. Those are measured against the world, not against the case.
 */
@Injectable()
export class Clock {
  /** Now, as an instant. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** Now, in milliseconds since the epoch. */
  nowMs(): number {
    return Date.now();
  }

  /** Today in China (YYYY-MM-DD). */
  today(): string {
    return cstDate(this.now());
  }
}

/** A clock the tests move: `advance` by a duration, `set` to an instant, `reset` to the real time. */
@Injectable()
export class MovableClock extends Clock {
  private offsetMs = 0;

  override nowMs(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}

/** Provides the clock everywhere (the real one, or the one a test hands in). */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new Clock()): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}

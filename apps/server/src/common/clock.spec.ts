import { Clock, MovableClock } from './clock';

describe('Clock', () => {
  it('tells the real time, and today in China', () => {
    const clock = new Clock();
    expect(Math.abs(clock.nowMs() - Date.now())).toBeLessThan(1000);
    expect(clock.today()).toBe(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
  });

  it('is moved by tests and set back', () => {
    const clock = new MovableClock();
    clock.set(new Date('2026-06-30T15:59:59Z')); // 23:59:59 in China
    expect(clock.today()).toBe('2026-06-30');
    clock.advance(1000);
    expect(clock.today()).toBe('2026-07-01');
    expect(Math.abs(clock.now().getTime() - Date.parse('2026-06-30T16:00:00Z'))).toBeLessThan(1000);
    clock.reset();
    expect(Math.abs(clock.nowMs() - Date.now())).toBeLessThan(1000);
  });
});

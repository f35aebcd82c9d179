import type { Page } from '@union/shared';
import { DataSource } from 'typeorm';
import { encodeCursor } from '../src/common/cursor';
import type { TestApp } from './harness';

/**
 * What every keyset-paged list must do, checked over HTTP for one user: the second page of `limit`
 * rows continues exactly where the first ended (the same rows, in the same order, as one big page),
 * a cursor that is not one the server made answers 400, and so does a page over 50 rows. The list
 * must hold more than `limit` rows for this user. A page of them all costs as many SQL queries as a
 * page of `limit` (no query per row). Resolves with the ids of the first two pages.
 */
export async function expectKeysetPages(t: TestApp, path: string, token: string, limit = 1): Promise<number[]> {
  const at = (query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;
  const get = (query: string) => t.http<Page<{ id: number }>>('GET', at(query), { token });
  const counted = countQueries(t);
  const whole = await get('limit=50');
  const wholeQueries = counted.take();
  expect(whole.status).toBe(200);
  const ids = whole.body.items.map((r) => r.id);
  expect(ids.length).toBeGreaterThan(limit);

  const first = await get(`limit=${limit}`);
  const firstQueries = counted.take();
  counted.stop();
  expect(firstQueries).toBeGreaterThan(0);
  expect({ rows: ids.length, queries: wholeQueries }).toEqual({ rows: ids.length, queries: firstQueries });
  expect(first.status).toBe(200);
  expect(first.body.items).toHaveLength(limit);
  expect(first.body.nextCursor).toEqual(expect.any(String));
  const second = await get(`limit=${limit}&after=${encodeURIComponent(first.body.nextCursor as string)}`);
  expect(second.status).toBe(200);
  const walked = [...first.body.items, ...second.body.items].map((r) => r.id);
  expect(walked).toEqual(ids.slice(0, walked.length));
  expect(walked.length).toBe(Math.min(2 * limit, ids.length));
  // The last page says so.
  if (ids.length <= 2 * limit) expect(second.body.nextCursor).toBeNull();

  // Not base64 JSON at all; the wrong shape; the right shape with a time that is none.
  for (const tampered of ['not-a-cursor', encodeCursor(['x']), encodeCursor(['2026-13-45T99:00:00Z', 1])]) {
    const res = await t.http<{ code: string }>('GET', at(`after=${encodeURIComponent(tampered)}`), { token });
    expect({ tampered, status: res.status, code: res.body.code }).toEqual({ tampered, status: 400, code: 'validation_failed' });
  }
  const tooMany = await get('limit=51');
  expect(tooMany.status).toBe(400);
  return walked;
}

/** Counts the SQL queries the app runs from now on, until `stop`. */
function countQueries(t: TestApp): { take: () => number; stop: () => void } {
  const logger = t.app.get(DataSource).logger;
  const original = logger.logQuery.bind(logger);
  let n = 0;
  logger.logQuery = (...args: Parameters<typeof original>) => {
    n += 1;
    return original(...args);
  };
  return {
    take: () => {
      const taken = n;
      n = 0;
      return taken;
    },
    stop: () => {
      logger.logQuery = original;
    },
  };
}

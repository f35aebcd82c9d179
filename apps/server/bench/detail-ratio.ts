import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Fastify from 'fastify';
import { createPool } from 'mysql2/promise';
import { performance } from 'node:perf_hooks';
import type { DataSource } from 'typeorm';

/** Requests a second of `url` with `concurrency` loops over keep-alive connections for `seconds`. */
async function rate(url: string, headers: Record<string, string>, concurrency: number, seconds: number): Promise<number> {
  const until = performance.now() + seconds * 1000;
  let done = 0;
  let failed = '';
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) failed = `${res.status}`;
        done += 1;
      }
    }),
  );
  if (failed) throw new Error(`GET ${url} answered ${failed}`);
  return done / seconds;
}

/**
 * The case detail read (a cadre's GET of one membership application) against a raw Fastify +
 * mysql2 server that runs the same SQL statements (recorded from the app's own request, with its
 * parameters, one after the other) and answers the same bytes: the app's requests a second over
 * the raw server's, both over HTTP on this machine, measured one after the other. MySQL/MariaDB only.
 */
export async function measureDetailRatio(
  app: NestFastifyApplication,
  ds: DataSource,
  databaseUrl: string,
  path: string,
  token: string,
  options: { concurrency: number; seconds: number },
): Promise<{ app: number; raw: number; ratio: number; statements: number }> {
  const recorded: { sql: string; parameters: unknown[] }[] = [];
  const logger = ds.logger;
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (sql, parameters, runner) => {
    recorded.push({ sql, parameters: Array.isArray(parameters) ? parameters : [] });
    return original(sql, parameters, runner);
  };
  const one = await app.inject({ method: 'GET', url: path, headers: { authorization: `Bearer ${token}` } });
  logger.logQuery = original;
  if (one.statusCode !== 200) throw new Error(`GET ${path}: ${one.statusCode} ${one.body.slice(0, 200)}`);
  const body = one.rawPayload;
  const type = String(one.headers['content-type'] ?? 'application/json; charset=utf-8');

  const pool = createPool({ uri: databaseUrl, connectionLimit: 10, timezone: 'Z', dateStrings: false });
  const raw = Fastify({ logger: false });
  raw.get('/raw', async (_req, reply) => {
    for (const q of recorded) await pool.query(q.sql, q.parameters);
    return reply.type(type).send(body);
  });
  await raw.listen({ port: 0, host: '127.0.0.1' });
  const rawUrl = `http://127.0.0.1:${(raw.server.address() as { port: number }).port}/raw`;
  await app.listen({ port: 0, host: '127.0.0.1' });
  const appUrl = `${await app.getUrl()}${path}`.replace('[::1]', '127.0.0.1');
  try {
    const headers = { authorization: `Bearer ${token}` };
    await rate(appUrl, headers, options.concurrency, 1); // warm-up
    await rate(rawUrl, {}, options.concurrency, 1);
    const appRate = await rate(appUrl, headers, options.concurrency, options.seconds);
    const rawRate = await rate(rawUrl, {}, options.concurrency, options.seconds);
    return { app: appRate, raw: rawRate, ratio: appRate / rawRate, statements: recorded.length };
  } finally {
    await raw.close();
    await pool.end();
  }
}

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

/** The built server (`npm run build`; the test step of CI builds it before the bench). */
export const BUILT_SERVER = join(__dirname, '..', 'dist', 'main.js');

/** A TCP port nobody listens on now (the kill test and the start-up measure start the built server on one). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => done(port));
    });
  });
}

/** Start the built server once and answer the milliseconds from spawning it to its first healthy answer. */
async function startOnce(env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [BUILT_SERVER], {
    env: {
      PATH: process.env.PATH ?? '',
      H5_DIR: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  try {
    while (performance.now() - t0 < 60_000) {
      if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${stderr}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.status === 200) return performance.now() - t0;
      } catch {
        // not listening yet
      }
      await new Promise((done) => setTimeout(done, 10));
    }
    throw new Error('the server did not become healthy in 60 s');
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/**
 * Start to first healthy answer of the built server, restarted `restarts` times on data it made
 * before (the first start, which makes the demo data or runs the migrations, is not counted).
 * Embedded: a data folder of its own; MySQL/MariaDB: `databaseUrl`. Null when nothing is built.
 */
export async function measureStartup(databaseUrl: string | null, restarts = 3): Promise<{ ms: number[] } | null> {
  if (!existsSync(BUILT_SERVER)) return null;
  const dataDir = mkdtempSync(join(tmpdir(), 'union-bench-start-'));
  const env = { DEMO_MODE: 'true', DATA_DIR: dataDir, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
  try {
    await startOnce(env);
    const ms: number[] = [];
    for (let i = 0; i < restarts; i += 1) ms.push(await startOnce(env));
    return { ms };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { freePort } from './startup';

/**
 * Kill test of the embedded database (`node -r ./bench/register.cjs bench/kill.ts`, in CI after
 * the bench). Starts the built server (dist/main.js) on a fresh data folder, then CYCLES times:
 * drives concurrent writes (a member submits proposals) through the HTTP API and `kill -9`s the
 * server at a random moment (now and then while it is still starting, or with a graceful SIGTERM
 * instead), restarts it and checks that /api/health is ok and that every write that got a 2xx
 * before the kill is there. A small checkpoint threshold makes background checkpoints happen
 * under the load, so kills also land in the middle of them. Exits 1 on any lost write.
 */

const SERVER = resolve(__dirname, '../dist/main.js');
const CYCLES = Number(process.env.KILL_CYCLES ?? 20);
const WRITERS = 4;

interface Acked {
  id: number;
  title: string;
}

interface Server {
  child: ChildProcess;
  exited: Promise<void>;
  log: string[];
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

function start(dataDir: string, port: number): Server {
  const log: string[] = [];
  const child = spawn(process.execPath, [SERVER], {
    env: {
      PATH: process.env.PATH ?? '',
      DATA_DIR: dataDir,
      DEMO_MODE: 'true',
      H5_DIR: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      OUTBOX_POLL_MS: '0',
      EMBEDDED_CHECKPOINT_BYTES: String(16 * 1024),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log.push(chunk.toString());
    if (log.length > 200) log.shift();
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return { child, exited, log };
}

async function waitHealthy(base: string, server: Server, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.child.exitCode !== null) throw new Error(`the server exited with ${server.child.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      const body = (await res.json()) as { status?: string };
      if (res.status === 200 && body.status === 'ok') return;
    } catch {
      // not listening yet
    }
    await sleep(50);
  }
  throw new Error('the server did not become healthy');
}

async function post<T>(base: string, path: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}/api${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function login(base: string): Promise<string> {
  const res = await post<{ accessToken: string }>(base, '/auth/demo-login', { persona: 'member' });
  if (res.status !== 200) throw new Error(`demo login: ${res.status}`);
  return res.body.accessToken;
}

/** Which of these acknowledged writes are missing (each read back by its id, a few at a time). */
async function missing(base: string, token: string, writes: Acked[]): Promise<Acked[]> {
  const lost: Acked[] = [];
  for (let i = 0; i < writes.length; i += 8) {
    await Promise.all(
      writes.slice(i, i + 8).map(async (w) => {
        const res = await fetch(`${base}/api/proposals/${w.id}`, { headers: { authorization: `Bearer ${token}` } });
        const body = res.status === 200 ? ((await res.json()) as { title?: string }) : null;
        if (body?.title !== w.title) lost.push(w);
      }),
    );
  }
  return lost;
}

function sample<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, () => items[Math.floor(Math.random() * items.length)]);
}

async function main(): Promise<void> {
  if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: npm run build -w packages/shared && npm run build -w apps/server`);
  const started = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'union-kill-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const acked: Acked[] = [];
  let checkedUpTo = 0;
  const failures: string[] = [];
  let attempted = 0;
  let checkpoints = 0;
  let midCheckpoint = 0;
  let server: Server | null = null;

  try {
    for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
      server = start(dataDir, port);
      // Every fifth cycle dies while it is still loading and replaying.
      if (cycle % 5 === 3) {
        await sleep(100 + Math.random() * 400);
        server.child.kill('SIGKILL');
        await server.exited;
        server = start(dataDir, port);
      }
      const bootStart = performance.now();
      await waitHealthy(base, server);
      const bootMs = performance.now() - bootStart;
      const token = await login(base);
      // Every write acknowledged in the last cycle, and a sample of the older ones (all at the end).
      const lost = await missing(base, token, [...acked.slice(checkedUpTo), ...sample(acked.slice(0, checkedUpTo), 40)]);
      checkedUpTo = acked.length;
      if (lost.length) {
        failures.push(
          `cycle ${cycle}: ${lost.length} acknowledged writes lost, e.g. ${lost
            .slice(0, 3)
            .map((w) => `${w.id} ${w.title}`)
            .join(', ')}`,
        );
      }

      const graceful = cycle % 5 === 0;
      let stop = false;
      const writer = async (w: number) => {
        for (let n = 0; !stop; n += 1) {
          const title = `k${cycle}-w${w}-${n}`;
          attempted += 1;
          try {
            const res = await post<{ id: number }>(
              base,
              '/proposals',
              {
                title,
                problem: `问题 ${title}：现场浪费材料。`,
                suggestion: '按图纸先排套裁表，余料编号再用。',
                expectedBenefit: '每月少损耗约 1 吨',
              },
              token,
            );
            if (res.status >= 200 && res.status < 300) acked.push({ id: res.body.id, title });
            else if (!stop)
              failures.push(`cycle ${cycle}: POST /proposals answered ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          } catch {
            return; // the server died mid-request: this write was never acknowledged
          }
        }
      };
      const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
      await sleep(100 + Math.random() * 900);
      if (graceful) {
        stop = true;
        await Promise.all(writers);
        server.child.kill('SIGTERM');
      } else {
        server.child.kill('SIGKILL');
      }
      await server.exited;
      // A temporary snapshot left behind: this kill landed in the middle of a checkpoint.
      if (!graceful && existsSync(join(dataDir, 'union.sqlite.tmp'))) midCheckpoint += 1;
      stop = true;
      await Promise.all(writers);
      // Nest re-raises the signal after its shutdown hooks: a clean stop ends by SIGTERM or exit 0.
      const { exitCode, signalCode } = server.child;
      if (graceful && !(exitCode === 0 || signalCode === 'SIGTERM')) {
        failures.push(`cycle ${cycle}: graceful stop ended with ${exitCode ?? signalCode}`);
      }
      checkpoints = Math.max(checkpoints, readdirSync(dataDir).filter((n) => n.includes('.journal.')).length);
      process.stdout.write(
        `  cycle ${String(cycle).padStart(2)}: ${acked.length} acknowledged writes so far, ${graceful ? 'SIGTERM' : 'kill -9'} ` +
          `(healthy after ${bootMs.toFixed(0)} ms)\n`,
      );
      if (failures.length) break;
    }

    // Last start: everything acknowledged is there and the server is healthy.
    server = start(dataDir, port);
    await waitHealthy(base, server);
    const lost = await missing(base, await login(base), acked);
    if (lost.length) failures.push(`final start: ${lost.length} of ${acked.length} acknowledged writes lost`);
    server.child.kill('SIGTERM');
    await server.exited;
    server = null;
  } catch (err) {
    failures.push(err instanceof Error ? (err.stack ?? err.message) : String(err));
  } finally {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failures.length) {
    if (server) process.stdout.write(`\nserver log (tail):\n${server.log.join('').slice(-4000)}\n`);
    const lockOrFiles = readdirSync(dataDir).join(', ');
    process.stdout.write(`\nKILL TEST FAILED (${seconds} s; files: ${lockOrFiles}):\n${failures.map((f) => `  x ${f}`).join('\n')}\n`);
    process.stdout.write(`data folder kept for inspection: ${dataDir}\n`);
    process.exitCode = 1;
    return;
  }
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(
    `\nkill test: ${CYCLES} cycles, ${acked.length} of ${attempted} writes acknowledged, none lost (${midCheckpoint} kills in the middle of a checkpoint; up to ${checkpoints} journal segments; ${seconds} s)\n`,
  );
}

void main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exitCode = 1;
});

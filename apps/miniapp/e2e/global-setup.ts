/* Before the scenarios: the H5 build (built only when dist-h5/index.html is missing), the real
 * server (apps/server/dist/main.js) in demo mode on a free port with a fresh data folder and, with
 * DATABASE_URL, a scratch database of its own; the demo worker put back to "not yet a member".
 * The function it returns is the global teardown: stop the server, drop the scratch database,
 * write artifacts/e2e/axe.json. The workers find the server in E2E_BASE_URL. */
import fs from 'fs';
import net from 'net';
import os from 'os';
import path from 'path';
import { spawn, spawnSync, type ChildProcess } from 'child_process';
import { expect } from '@playwright/test';
import { APP_DIR, REPO, SHOTS, log, reportAxe, resetChecks } from './support/checks';
import { SERVER_LOG, api } from './support/api';

const H5_DIR = path.join(APP_DIR, 'dist-h5');
const SERVER_ENTRY = path.join(REPO, 'apps', 'server', 'dist', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function ensureH5Build(): void {
  if (fs.existsSync(path.join(H5_DIR, 'index.html'))) return;
  log('dist-h5/index.html missing: building the H5 app first');
  const res = spawnSync('npm', ['run', 'build:h5', '-w', 'apps/miniapp'], { cwd: REPO, stdio: 'inherit' });
  if (res.status !== 0 || !fs.existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error('H5 build failed');
  }
}

/**
 * On MySQL/MariaDB every run gets its own database (dropped at the end): the demo secrets live in
 * the run's fresh data folder, so data encrypted by an earlier run could not be read anyway.
 */
async function createScratchDatabase(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const mysql = await import('mysql2/promise');
  const base = new URL(url);
  const name = `union_browser_${process.pid}_${Date.now().toString(36)}`;
  const connect = () =>
    mysql.createConnection({
      host: base.hostname,
      port: Number(base.port || 3306),
      user: decodeURIComponent(base.username),
      password: decodeURIComponent(base.password),
    });
  const admin = await connect();
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const drop = async () => {
    const c = await connect();
    await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await c.end();
  };
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  log(`using scratch database ${name}`);
  return { url: scratch.toString(), drop };
}

/** Stop the server and wait until it has exited and its output is in (SIGKILL if it has not after 3 s). */
async function stopServer(server: ChildProcess, closed: Promise<void>): Promise<void> {
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGTERM');
    const kill = setTimeout(() => server.kill('SIGKILL'), 3000);
    await closed;
    clearTimeout(kill);
  }
  await closed;
}

/** Until the server answers GET /api/health with 200 (at most 60 s), or it exits. */
async function waitHealthy(server: ChildProcess, base: string): Promise<void> {
  let onExit = () => {};
  const exited = new Promise<never>((_, reject) => {
    onExit = () => reject(new Error('the server exited before it became healthy'));
    server.once('exit', onExit);
  });
  const healthy = expect
    .poll(
      () =>
        fetch(`${base}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      {
        message: 'the server did not answer GET /api/health with 200 within 60 s',
        timeout: 60000,
      },
    )
    .toBe(200);
  // Whichever loses the race must not end as an unhandled rejection.
  exited.catch(() => undefined);
  healthy.catch(() => undefined);
  try {
    await Promise.race([healthy, exited]);
  } finally {
    server.off('exit', onExit);
  }
}

interface Me {
  isMember: boolean;
}
interface MyApplication {
  id: number;
  caseId: number;
  version: number;
  actions: { action: string }[];
}

/**
 * With DATABASE_URL the database outlives a run, so the demo worker may already be a member or
 * have an open application from an earlier run: put the worker back to "not yet a member".
 */
async function resetWorker(): Promise<void> {
  const { accessToken } = await api<{ accessToken: string }>('POST', '/auth/demo-login', null, { persona: 'worker' });
  const me = await api<Me>('GET', '/me', accessToken);
  if (me.isMember) {
    await api('POST', '/membership/withdraw', accessToken, { reason: '端到端测试重置' });
    log('reset: the demo worker was a member from an earlier run; withdrew');
  }
  const mine = (await api<{ items: MyApplication[] }>('GET', '/membership/applications/mine?limit=50', accessToken)).items;
  for (const app of mine) {
    if (app.actions.some((a) => a.action === 'withdraw')) {
      await api('POST', `/cases/${app.caseId}/transitions`, accessToken, { action: 'withdraw', version: app.version });
      log(`reset: withdrew open application ${app.id} from an earlier run`);
    }
  }
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const f of fs.readdirSync(SHOTS)) if (f.endsWith('.png')) fs.unlinkSync(path.join(SHOTS, f));
  resetChecks();
  ensureH5Build();

  if (!fs.existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} not found; build the server first (npm run build -w apps/server)`);
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-e2e-'));
  // The scenarios log in as many people from one address within a minute: lift the login limits.
  const limits = { RATE_LIMIT_LOGIN: '10000', RATE_LIMIT_REFRESH: '10000', RATE_LIMIT_SELF_TEST: '10000', RATE_LIMIT_REDEEM: '10000' };
  const env: NodeJS.ProcessEnv = { ...process.env, ...limits, PORT: String(port), DATA_DIR: dataDir, DEMO_MODE: 'true', H5_DIR };
  // What the Playwright runner adds to its own environment is not the server's business.
  delete env.PLAYWRIGHT_TEST;
  delete env.BROWSERSLIST_IGNORE_OLD_DATA;
  let dropScratchDatabase = async () => {};
  if (process.env.DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL);
    env.DATABASE_URL = scratch.url;
    dropScratchDatabase = scratch.drop;
  } else delete env.DATABASE_URL;

  const serverLog = fs.createWriteStream(SERVER_LOG);
  const server = spawn(process.execPath, [SERVER_ENTRY], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.pipe(serverLog, { end: false });
  server.stderr.pipe(serverLog, { end: false });
  server.on('exit', (code, signal) => serverLog.write(`\n[server exited: code=${code} signal=${signal}]\n`));
  // 'close': the server has exited and everything it printed has been read.
  const closed = new Promise<void>((resolve) => server.once('close', () => resolve()));
  const stopOnSignal = () => server.kill('SIGTERM');
  process.once('SIGINT', stopOnSignal);

  const teardown = async () => {
    process.off('SIGINT', stopOnSignal);
    await stopServer(server, closed);
    await new Promise<void>((resolve) => serverLog.end(resolve));
    await dropScratchDatabase();
    const { length } = reportAxe();
    log(`axe: ${length} serious or critical finding(s) over the run, all in ${path.relative(REPO, path.join(SHOTS, 'axe.json'))}`);
  };

  const base = `http://127.0.0.1:${port}`;
  try {
    await waitHealthy(server, base);
    log(`server healthy at ${base} (data in ${dataDir})`);
    process.env.E2E_BASE_URL = base;
    await resetWorker();
  } catch (e) {
    await teardown().catch(() => undefined);
    console.error(`----- server output -----\n${fs.readFileSync(SERVER_LOG, 'utf8').slice(-20000) || '(none)'}\n-------------------------`);
    throw e;
  }
  return teardown;
}

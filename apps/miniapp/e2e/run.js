#!/usr/bin/env node
/* Browser end-to-end test of the H5 build against the real server.
 * A worker applies to join, a cadre approves on the workbench, the worker sees the member card;
 * then the hardship-assistance scenario of hardship.js (self-test, application, review steps, aid). */
'use strict';
/* global document -- used inside page.waitForFunction, which runs in the browser */

const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const { chromium } = require('playwright-core');
const { idCheckDigit } = require('@union/shared');
const { hardshipScenario } = require('./hardship');
const { campaignsScenario } = require('./campaigns');
const { hardshipToolsScenario } = require('./hardship-tools');
const { legalScenario } = require('./legal');
const { contestScenario } = require('./contest');
const { axeCheck, layoutCanary, layoutReport, publicScreensScenario, reportAxe, smallSizesCheck } = require('./a11y');

const APP_DIR = path.resolve(__dirname, '..');
const REPO = path.resolve(APP_DIR, '..', '..');
const H5_DIR = path.join(APP_DIR, 'dist-h5');
const SERVER_ENTRY = path.join(REPO, 'apps', 'server', 'dist', 'main.js');
const SHOTS = path.join(APP_DIR, 'artifacts', 'e2e');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const STEP_TIMEOUT = 15000;

let server = null;
let serverOutput = '';
let shotNo = 0;
let loginShown = false;

function log(msg) {
  console.log(`[e2e] ${msg}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** A valid resident ID number, different on every run. */
function randomIdNumber() {
  const digits = (n) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
  const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 30 * 365) * 86400000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `4305${digits(2)}${ymd}${digits(3)}`;
  return first17 + idCheckDigit(first17);
}

function ensureH5Build() {
  if (fs.existsSync(path.join(H5_DIR, 'index.html'))) return;
  log('dist-h5/index.html missing: building the H5 app first');
  const res = spawnSync('npm', ['run', 'build:h5', '-w', 'apps/miniapp'], { cwd: REPO, stdio: 'inherit' });
  if (res.status !== 0 || !fs.existsSync(path.join(H5_DIR, 'index.html'))) {
    throw new Error('H5 build failed');
  }
}

let dropScratchDatabase = async () => {};

/**
 * On MySQL/MariaDB every run gets its own database (dropped at the end): the demo secrets live in
 * the run's fresh data folder, so data encrypted by an earlier run could not be read anyway.
 */
async function createScratchDatabase(url) {
  const mysql = require('mysql2/promise');
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
  dropScratchDatabase = async () => {
    const c = await connect();
    await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await c.end();
  };
  const scratch = new URL(url);
  scratch.pathname = `/${name}`;
  log(`using scratch database ${name}`);
  return scratch.toString();
}

async function startServer() {
  if (!fs.existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} not found; build the server first (npm run build -w apps/server)`);
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'union-e2e-'));
  // The scenarios log in as many people from one address within a minute: lift the login limits.
  const limits = { RATE_LIMIT_LOGIN: '10000', RATE_LIMIT_REFRESH: '10000', RATE_LIMIT_SELF_TEST: '10000', RATE_LIMIT_REDEEM: '10000' };
  const env = { ...process.env, ...limits, PORT: String(port), DATA_DIR: dataDir, DEMO_MODE: 'true', H5_DIR };
  if (process.env.DATABASE_URL) env.DATABASE_URL = await createScratchDatabase(process.env.DATABASE_URL);
  else delete env.DATABASE_URL;
  server = spawn(process.execPath, [SERVER_ENTRY], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout.on('data', (d) => (serverOutput += d));
  server.stderr.on('data', (d) => (serverOutput += d));
  server.on('exit', (code, signal) => {
    serverOutput += `\n[server exited: code=${code} signal=${signal}]\n`;
    server = null;
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (!server) throw new Error('the server exited before it became healthy');
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not answer GET /api/health with 200 within 60 s');
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`server healthy at ${base} (data in ${dataDir})`);
  return { base, dataDir };
}

function stopServer() {
  if (server) {
    server.kill('SIGTERM');
    const s = server;
    setTimeout(() => s.exitCode === null && s.kill('SIGKILL'), 3000).unref();
  }
}

/** Minimal JSON client for test setup through the public API. */
async function api(base, method, path, token, body) {
  const res = await fetch(`${base}/api${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/**
 * With DATABASE_URL the database outlives a run, so the demo worker may already be a member or
 * have an open application from an earlier run: put the worker back to "not yet a member".
 */
async function resetWorker(base) {
  const { accessToken } = await api(base, 'POST', '/auth/demo-login', null, { persona: 'worker' });
  const me = await api(base, 'GET', '/me', accessToken);
  if (me.isMember) {
    await api(base, 'POST', '/membership/withdraw', accessToken, { reason: '端到端测试重置' });
    log('reset: the demo worker was a member from an earlier run; withdrew');
  }
  const mine = await api(base, 'GET', '/membership/applications/mine', accessToken);
  for (const app of mine) {
    if (app.actions.some((a) => a.action === 'withdraw')) {
      await api(base, 'POST', `/cases/${app.caseId}/transitions`, accessToken, { action: 'withdraw', version: app.version });
      log(`reset: withdrew open application ${app.id} from an earlier run`);
    }
  }
}

const tid = (id) => `[data-testid="${id}"]`;

/** Helpers bound to one page; every lookup waits for a visible element (Taro keeps hidden pages). */
function driver(page) {
  const visible = (selector) => page.locator(selector).filter({ visible: true }).first();
  return {
    page,
    visible,
    async tap(id) {
      const el = visible(tid(id));
      await el.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
      await el.scrollIntoViewIfNeeded();
      await el.tap();
    },
    async fill(id, value) {
      const el = visible(`${tid(id)} input, ${tid(id)} textarea, input${tid(id)}, textarea${tid(id)}`);
      await el.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
      await el.fill(value);
    },
    async see(id, timeout = STEP_TIMEOUT) {
      const el = visible(tid(id));
      await el.waitFor({ state: 'visible', timeout });
      return el;
    },
    async shot(name) {
      // Let Taro's page slide-in animation finish so the screenshot shows the new page.
      await page.waitForTimeout(600);
      shotNo += 1;
      const file = path.join(SHOTS, `${String(shotNo).padStart(2, '0')}-${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      log(`screenshot ${path.relative(REPO, file)}`);
      // Every page a scenario shows is also checked with axe-core (reported and failed at the end).
      const found = await axeCheck(page, name);
      if (found.length)
        log(
          `axe: ${found.length} serious/critical finding(s) on ${name}: ${found.map((f) => `${f.id} at ${f.targets.join(' | ')}`).join('; ')}`,
        );
      // And at 320 px and at 200 % font (reported and failed at the end).
      const layout = await smallSizesCheck(page, name, SHOTS);
      if (layout.length) log(`layout: ${layout.length} problem(s) on ${name}: ${layout.join('; ')}`);
    },
    async tab(text) {
      const item = visible(`.weui-tabbar__item:has-text("${text}")`);
      await item.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
      await item.tap();
    },
  };
}

async function newUser(browser, base, persona) {
  const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error (${persona}): ${e.message}`));
  const d = driver(page);
  await page.goto(`${base}/#/pages/login/index`);
  if (!loginShown) {
    loginShown = true;
    await d.see(`persona-${persona}`);
    await d.shot('login');
  }
  await d.tap(`persona-${persona}`);
  // Login goes to the home tab.
  await d.see('tile-join');
  return { context, d };
}

async function workerApplies(browser, base) {
  const { context, d } = await newUser(browser, base, 'worker');
  await d.shot('worker-home');
  await d.tap('tile-join');

  // The consent page comes first unless this worker accepted the current texts in an earlier run.
  const first = await Promise.race([d.see('privacy-notice').then(() => 'consent'), d.see('apply-step-0').then(() => 'form')]);
  if (first === 'consent') {
    await d.shot('worker-consent');
    await d.tap('consent-privacy');
    await d.tap('consent-sensitive');
    await d.tap('consent-accept');
  } else {
    log('consents already recorded in an earlier run; the form opens directly');
  }

  const idNumber = randomIdNumber();
  const phone = `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  await d.see('apply-step-0');
  await d.fill('apply-real-name', '王建国');
  await d.fill('apply-id-number', idNumber);
  await d.fill('apply-phone', phone);
  await d.shot('apply-who');
  await d.tap('apply-next');

  await d.see('apply-step-1');
  await d.fill('apply-employer', '县城建筑公司');
  await d.tap('employment-migrant_worker');
  await d.shot('apply-work');
  await d.tap('apply-next');

  await d.see('apply-step-2');
  const suggested = await d.see('org-suggested');
  const unionName = (await suggested.locator('.choice__title').innerText()).trim();
  await suggested.tap();
  await d.shot('apply-union');
  log(`suggested union: ${unionName}`);
  await d.tap('apply-next');

  await d.see('apply-step-3');
  await d.shot('apply-hide');
  await d.tap('apply-next');

  await d.see('apply-review');
  await d.shot('apply-review');
  await d.tap('apply-submit');

  const banner = await d.see('submitted-banner');
  const text = await banner.innerText();
  if (!text.includes('已提交')) throw new Error(`unexpected banner: ${text}`);
  await d.visible('[data-testid="state-tag"][data-state="submitted"]').waitFor({ timeout: STEP_TIMEOUT });
  const match = /[?&]id=(\d+)/.exec(d.page.url());
  if (!match) throw new Error(`no application id in ${d.page.url()}`);
  await d.shot('application-submitted');
  log(`application ${match[1]} submitted: ${text.split('\n')[0]}`);
  await context.close();
  return { applicationId: Number(match[1]), unionName };
}

async function cadreApproves(browser, base, applicationId) {
  // town_cadre covers the unions the route suggestion offers; county_admin covers everything.
  for (const persona of ['town_cadre', 'county_admin']) {
    const { context, d } = await newUser(browser, base, persona);
    await d.tab('我的');
    await d.tap('open-workbench');
    await d.see('workbench-page');
    const row = `queue-membership_application-${applicationId}`;
    try {
      await d.see(row, 8000);
    } catch {
      await d.shot(`workbench-${persona}-without-case`);
      log(`${persona} does not see application ${applicationId}; trying the next persona`);
      await context.close();
      continue;
    }
    await d.shot(`workbench-${persona}`);
    await d.tap(row);
    await d.see('case-page');
    await d.shot('case-submitted');
    await d.tap('action-approve');
    const form = d.visible(tid('action-form'));
    if (
      await form.waitFor({ state: 'visible', timeout: 1500 }).then(
        () => true,
        () => false,
      )
    ) {
      await d.shot('case-approve-confirm');
      await d.tap('action-confirm');
    }
    await d.visible('[data-testid="state-tag"][data-state="approved"]').waitFor({ timeout: STEP_TIMEOUT });
    await d.shot('case-approved');
    log(`${persona} approved application ${applicationId}`);
    await context.close();
    return;
  }
  throw new Error(`no cadre persona saw application ${applicationId} on the workbench`);
}

async function workerSeesCard(browser, base) {
  const { context, d } = await newUser(browser, base, 'worker');
  await d.tab('我的');
  await d.tap('open-card');
  await d.see('member-card');
  const img = d.visible(`${tid('member-qr')} img, img${tid('member-qr')}`);
  await img.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await d.page.waitForFunction(
    (sel) => {
      const el = document.querySelector(sel);
      return !!el && el.getAttribute('src')?.startsWith('data:image/png') && el.naturalWidth > 0;
    },
    `${tid('member-qr')} img`,
    { timeout: STEP_TIMEOUT },
  );
  const memberNo = (await d.visible(tid('member-no')).innerText()).trim();
  await d.shot('member-card');
  log(`member card shown (${memberNo})`);
  await context.close();
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const f of fs.readdirSync(SHOTS)) if (f.endsWith('.png')) fs.unlinkSync(path.join(SHOTS, f));
  ensureH5Build();
  const { base } = await startServer();
  await resetWorker(base);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    await layoutCanary(browser);
    const { applicationId } = await workerApplies(browser, base);
    await cadreApproves(browser, base, applicationId);
    await workerSeesCard(browser, base);
    await hardshipScenario({ browser, base, newUser, api, tid, log, randomIdNumber });
    await campaignsScenario({ browser, base, newUser, api, log, randomIdNumber });
    await hardshipToolsScenario({ browser, base, newUser, api, log, randomIdNumber });
    await legalScenario({ browser, base, newUser, api, log });
    await contestScenario({ browser, base, newUser, api, log });
    await publicScreensScenario({ browser, base, log, shotsDir: SHOTS });
    const layout = layoutReport();
    log(`layout: ${layout.screens} screens checked at 320 px and at 200 % font, ${layout.problems.length} problem(s)`);
    const axeFindings = reportAxe(log, path.join(SHOTS, 'axe.json'));
    if (layout.problems.length)
      throw new Error(
        `text or buttons cut off or overlapping at 320 px or 200 % font (see artifacts/e2e/layout-*.png):\n${layout.problems.join('\n')}`,
      );
    if (axeFindings)
      throw new Error(`axe-core: ${axeFindings} serious or critical finding(s); see the lines above and artifacts/e2e/axe.json`);
  } catch (e) {
    reportAxe(log, path.join(SHOTS, 'axe.json'));
    for (const ctx of browser.contexts()) {
      for (const page of ctx.pages()) {
        await page.screenshot({ path: path.join(SHOTS, 'failure.png'), fullPage: true }).catch(() => {});
      }
    }
    throw e;
  } finally {
    await browser.close();
  }
}

process.on('SIGINT', () => {
  stopServer();
  process.exit(130);
});

main()
  .then(async () => {
    log('PASS: worker applied, cadre approved, worker sees the member card');
    log('PASS: no serious or critical axe-core finding on any page shown; every page shown readable at 320 px and at 200 % font');
    log('PASS: hardship self-test, application, grassroots steps up to the notice, town and county steps, aid paid and signed');
    log('PASS: workbench steps, campaign budget and household selection (and over budget), 金秋助学 applied and approved');
    log('PASS: objection to a public notice, 代办 filing, yearly re-check, closing and follow-up');
    log(
      'PASS: legal: booked a slot, lawyer advised, worker applied for aid, centre accepted, lawyer closed with money recovered, worker saw it',
    );
    log(
      'PASS: competitions: a worker registered, a judge scored, the organiser computed, noticed and published, the worker saw the result and certificate',
    );
    stopServer();
    await new Promise((r) => setTimeout(r, 1000));
    await dropScratchDatabase();
  })
  .catch((e) => {
    console.error(`[e2e] FAIL: ${e && e.stack ? e.stack : e}`);
    console.error('----- server output -----');
    console.error(serverOutput.slice(-20000) || '(none)');
    console.error('-------------------------');
    stopServer();
    process.exitCode = 1;
    setTimeout(() => void dropScratchDatabase().catch(() => {}), 1000);
  });

/* Shared helpers of the browser e2e: the test fixture (a logged-in person per persona), a driver
 * bound to one page (every lookup waits for a visible element: Taro keeps hidden pages in the DOM),
 * screenshots with the axe-core and small-size checks, and a small JSON client of the public API. */
import fs from 'fs';
import path from 'path';
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { idCheckDigit } from '@union/shared';
import { SERVER_LOG, api, baseUrl, tokenOf } from './api';
import { APP_DIR, REPO, SHOTS, axeCheck, log, smallSizesCheck } from './checks';

export { api, baseUrl, expect, log, tokenOf };

export const STEP_TIMEOUT = 15000;
export const PHOTO = path.join(APP_DIR, 'src', 'assets', 'tab', 'home-active.png');
export const tid = (id: string): string => `[data-testid="${id}"]`;

/** A valid resident ID number, different on every run. */
export function randomIdNumber(): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join('');
  const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 30 * 365) * 86400000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `4305${digits(2)}${ymd}${digits(3)}`;
  return first17 + idCheckDigit(first17);
}

/** A mobile phone number, different on every run. */
export const randomPhone = (prefix: string): string => `${prefix}${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** The element's text as shown, trimmed. */
export const innerText = async (el: Locator): Promise<string> => (await el.innerText()).trim();

/** "1,234.50 元", as utils/money.ts shows it. */
export function yuan(fen: number): string {
  const whole = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${String(fen % 100).padStart(2, '0')} 元`;
}

/** The next number of a scenario screenshot: they are numbered in the order the run takes them. */
function nextShotNo(): number {
  fs.mkdirSync(SHOTS, { recursive: true });
  return fs.readdirSync(SHOTS).filter((f) => /^\d+-.*\.png$/.test(f)).length + 1;
}

/** Wait until no Taro page is sliding in or out and no finite animation runs: the screen is still. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const moving = Array.from(document.querySelectorAll('.taro_page')).some(
        (p) =>
          !p.classList.contains('taro_page_shade') &&
          !p.classList.contains('taro_tabbar_page') &&
          !p.classList.contains('taro_page_stationed'),
      );
      return (
        !moving && document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)
      );
    },
    undefined,
    { timeout: STEP_TIMEOUT },
  );
}

/** Helpers bound to one page; every lookup waits for a visible element (Taro keeps hidden pages). */
export class Driver {
  constructor(readonly page: Page) {}

  visible(selector: string): Locator {
    return this.page.locator(selector).filter({ visible: true }).first();
  }

  async tap(id: string): Promise<void> {
    const el = this.visible(tid(id));
    await expect(el).toBeVisible({ timeout: STEP_TIMEOUT });
    await el.scrollIntoViewIfNeeded();
    await el.tap();
  }

  async fill(id: string, value: string): Promise<void> {
    const el = this.visible(`${tid(id)} input, ${tid(id)} textarea, input${tid(id)}, textarea${tid(id)}`);
    await expect(el).toBeVisible({ timeout: STEP_TIMEOUT });
    await el.fill(value);
  }

  async see(id: string, timeout = STEP_TIMEOUT): Promise<Locator> {
    const el = this.visible(tid(id));
    await expect(el).toBeVisible({ timeout });
    return el;
  }

  /** The state tag of the page shows `state`. */
  async seeState(state: string, within = ''): Promise<void> {
    await expect(this.visible(`${within ? `${within} ` : ''}[data-testid="state-tag"][data-state="${state}"]`)).toBeVisible({
      timeout: STEP_TIMEOUT,
    });
  }

  /** A numbered full-page screenshot in artifacts/e2e/, checked with axe-core and at small sizes. */
  async shot(name: string): Promise<void> {
    // Let Taro's page slide-in animation finish so the screenshot shows the new page.
    await settled(this.page);
    const file = path.join(SHOTS, `${String(nextShotNo()).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    log(`screenshot ${path.relative(REPO, file)}`);
    // Every page a scenario shows is also checked with axe-core (reported and failed at the end).
    const found = await axeCheck(this.page, name);
    if (found.length) {
      const what = found.map((f) => `${f.id} at ${f.targets.join(' | ')}`).join('; ');
      log(`axe: ${found.length} serious/critical finding(s) on ${name}: ${what}`);
      test.info().annotations.push({ type: 'axe', description: `${name}: ${what}` });
    }
    // And at 320 px and at 200 % font (reported and failed at the end).
    const layout = await smallSizesCheck(this.page, name);
    if (layout.length) {
      log(`layout: ${layout.length} problem(s) on ${name}: ${layout.join('; ')}`);
      test.info().annotations.push({ type: 'layout', description: layout.join('; ') });
    }
  }

  async tab(text: string): Promise<void> {
    const item = this.visible(`.weui-tabbar__item:has-text("${text}")`);
    await expect(item).toBeVisible({ timeout: STEP_TIMEOUT });
    await item.tap();
  }

  /** Take a photo in the browser: Taro.chooseImage opens a file input; hand it a PNG. */
  async upload(buttonId: string): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser', { timeout: STEP_TIMEOUT }), this.tap(buttonId)]);
    await chooser.setFiles(PHOTO);
  }

  /**
   * Tap an action button; when it opens the confirm/comment form (the server says whether the
   * step needs a confirmation or a comment), fill in the comment, take `shotName` and confirm.
   * Either way the button goes: the form replaces the buttons, or the step is taken.
   */
  async runAction(action: string, opts: { comment?: string; shotName?: string } = {}): Promise<void> {
    await this.tap(`action-${action}`);
    await expect(this.visible(tid(`action-${action}`))).toBeHidden({ timeout: STEP_TIMEOUT });
    if (!(await this.visible(tid('action-form')).isVisible())) return;
    if (opts.comment) await this.fill('action-comment', opts.comment);
    await this.shot(opts.shotName ?? `action-${action}`);
    await this.tap('action-confirm');
  }

  async openWorkbench(): Promise<void> {
    await this.tab('我的');
    await this.tap('open-workbench');
    await this.see('workbench-page');
  }

  async openQueueItem(caseType: string, id: number): Promise<void> {
    await this.openWorkbench();
    await this.tap(`queue-${caseType}-${id}`);
  }
}

export interface User {
  context: BrowserContext;
  d: Driver;
}

/** A phone-sized touch context in Chinese, as the scenarios use. */
export async function phoneContext(browser: Browser, viewport = { width: 390, height: 844 }): Promise<BrowserContext> {
  return browser.newContext({ hasTouch: true, isMobile: true, viewport, locale: 'zh-CN' });
}

function serverTail(): string {
  if (!fs.existsSync(SERVER_LOG)) return '(none)';
  const text = fs.readFileSync(SERVER_LOG, 'utf8');
  return text.slice(-20000) || '(none)';
}

export const test = base.extend<{ newUser: (persona: string) => Promise<User> }>({
  newUser: async ({ browser }, use, testInfo) => {
    const contexts: BrowserContext[] = [];
    await use(async (persona) => {
      const context = await phoneContext(browser);
      contexts.push(context);
      const page = await context.newPage();
      page.on('pageerror', (e) => log(`page error (${persona}): ${e.message}`));
      const d = new Driver(page);
      await page.goto(`${baseUrl()}/#/pages/login/index`);
      // The login page is screenshot once per run, by whoever logs in first.
      if (!fs.existsSync(SHOTS) || !fs.readdirSync(SHOTS).some((f) => /^\d+-login\.png$/.test(f))) {
        await d.see(`persona-${persona}`);
        await d.shot('login');
      }
      await d.tap(`persona-${persona}`);
      // Login goes to the home tab.
      await d.see('tile-join');
      return { context, d };
    });
    if (testInfo.status !== testInfo.expectedStatus) {
      // Playwright keeps a screenshot of every open page and the trace; add what the server said.
      const tail = serverTail();
      await testInfo.attach('server-output', { body: tail, contentType: 'text/plain' });
      console.error(`----- server output -----\n${tail}\n-------------------------`);
    }
    for (const context of contexts) await context.close().catch(() => undefined);
  },
});

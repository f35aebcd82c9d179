/* Accessibility and layout checks of the H5 pages, run inside the browser e2e.
 * - axe-core on every page the scenarios screenshot: serious and critical findings fail the run.
 * - Every page the scenarios screenshot, and the public first screens, again at 320 px width and at
 *   200 % font size: no text may run past the screen's edges or out of a box that clips it, no text
 *   may lie over other text, and every button must be fully on screen.
 *
 * Findings do not stop a scenario: they are appended to artifacts/e2e/checks.jsonl as they are
 * found (the specs share one run, but a worker may restart after a failure), and the last test of
 * a11y.spec.ts fails the run on them; the global teardown writes artifacts/e2e/axe.json either way. */
import fs from 'fs';
import path from 'path';
import type { Page } from '@playwright/test';
import type { AxeResults } from 'axe-core';

declare global {
  interface Window {
    axe?: { run: (context: Element | Document, options: { resultTypes: string[] }) => Promise<AxeResults> };
    __layoutFirst?: Element | null;
  }
}

export const APP_DIR = path.resolve(__dirname, '..', '..');
export const REPO = path.resolve(APP_DIR, '..', '..');
export const SHOTS = path.join(APP_DIR, 'artifacts', 'e2e');
export const AXE_REPORT = path.join(SHOTS, 'axe.json');
const CHECKS_LOG = path.join(SHOTS, 'checks.jsonl');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export function log(msg: string): void {
  console.log(`[e2e] ${msg}`);
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
  why: string;
  html: string;
}

type CheckEntry = ({ kind: 'axe' } & AxeFinding & { page: string }) | { kind: 'layout'; screen: string; problems: string[] };

function record(entry: CheckEntry): void {
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.appendFileSync(CHECKS_LOG, `${JSON.stringify(entry)}\n`);
}

/** Start a run with no findings (the global setup). */
export function resetChecks(): void {
  fs.rmSync(CHECKS_LOG, { force: true });
}

function entries(): CheckEntry[] {
  if (!fs.existsSync(CHECKS_LOG)) return [];
  return fs
    .readFileSync(CHECKS_LOG, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as CheckEntry);
}

/**
 * Run axe-core on the page as it is now. `page.evaluate` is not subject to the page's CSP, so the
 * check runs under the same headers a real browser gets.
 */
export async function axeCheck(page: Page, name: string): Promise<AxeFinding[]> {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // Taro keeps earlier pages in the DOM, hidden: check the page on screen only.
    const pages = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter(
      (el) => el.offsetParent !== null || getComputedStyle(el).display !== 'none',
    );
    const context = pages.length ? pages[pages.length - 1] : document;
    const result = await window.axe!.run(context, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
        why: v.nodes[0]?.failureSummary ?? '',
        html: (v.nodes[0]?.html ?? '').slice(0, 200),
      }));
  });
  for (const v of violations) record({ kind: 'axe', page: name, ...v });
  return violations;
}

/** Text that runs past the screen's edges or out of a box that clips it, text over other text,
 * and a button not fully on screen. */
export async function layoutCheck(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const shown = (el: Element) => {
      const style = getComputedStyle(el);
      return style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0;
    };
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter((el) => getComputedStyle(el).display !== 'none');
    const roots: Element[] = [pages.length ? pages[pages.length - 1] : document.body];
    // What Taro draws outside the page belongs to the screen too: the tab bar, system dialogs, toasts.
    if (pages.length)
      for (const el of document.querySelectorAll('.weui-tabbar, .taro__modal, .taro-model, .taro__actionSheet, .taro__toast'))
        if (shown(el) && !roots.some((r) => r.contains(el))) roots.push(el);
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.classList.length ? `.${Array.from(el.classList).slice(0, 2).join('.')}` : ''}`;
    const problems: string[] = [];
    interface Box {
      left: number;
      right: number;
      top: number;
      bottom: number;
      height: number;
    }
    interface Line {
      node: Node;
      el: Element;
      fixed: boolean;
      quote: string;
      r: Box;
      rootNo: number;
      inRoot: Box | null;
    }
    const lines: Line[] = [];
    // The screenshot of a screen with problems shows the first of them.
    const mark = (el: Element) => {
      if (!window.__layoutFirst) window.__layoutFirst = el;
    };
    window.__layoutFirst = null;
    for (const [rootNo, root] of roots.entries()) {
      // The page scrolls in its own box: against the tab bar or a dialog only what is in it counts.
      const rootBox = root.getBoundingClientRect();
      // Measure the text itself (a Range over each text node): a box may fit while its text runs out of it.
      const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        const text = (node.textContent ?? '').trim();
        if (!text || !el || !shown(el)) continue;
        // Text inside a horizontally scrolling strip (day tabs) may go past the edge by design; a box
        // that clips is measured against its text; a fixed bar floats over the page by design.
        // Text below the fold of a box that scrolls up and down (the page) is reached by scrolling.
        let scrolls = false;
        let scrollsY = false;
        let fixed = false;
        let scrollBox: DOMRect | null = null;
        const clips: { el: Element; clipX: boolean; clipY: boolean }[] = [];
        for (let a: Element | null = el; a && a !== document.documentElement; a = a.parentElement) {
          const style = getComputedStyle(a);
          // A scrolling box inside the page (a long notice) shows only what is in its window.
          if (!scrollsY && a !== root && root.contains(a) && (style.overflowY === 'auto' || style.overflowY === 'scroll'))
            scrollBox = a.getBoundingClientRect();
          if (style.overflowX === 'auto' || style.overflowX === 'scroll') scrolls = true;
          if (style.position === 'fixed' || style.position === 'sticky') fixed = true;
          const clipX = style.overflowX === 'hidden' || style.overflowX === 'clip';
          const clipY = !scrollsY && (style.overflowY === 'hidden' || style.overflowY === 'clip');
          if ((clipX || clipY) && a !== document.body) clips.push({ el: a, clipX, clipY });
          if (style.overflowY === 'auto' || style.overflowY === 'scroll') scrollsY = true;
        }
        if (scrolls) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0.5 && r.height > 0.5);
        if (!rects.length) continue;
        const quote = `"${text.slice(0, 30)}"`;
        const right = Math.max(...rects.map((r) => r.right));
        const left = Math.min(...rects.map((r) => r.left));
        if (right > width + 1) problems.push(`${name(el)}: ${quote} ends at x=${Math.round(right)} of ${width}`);
        else if (left < -1) problems.push(`${name(el)}: ${quote} starts at x=${Math.round(left)}`);
        if (right > width + 1 || left < -1) mark(el);
        for (const c of clips) {
          const box = c.el.getBoundingClientRect();
          // A visually hidden label (1 px box) is there for screen readers only.
          if (box.width <= 2 || box.height <= 2) break;
          const inner = {
            left: box.left + c.el.clientLeft,
            top: box.top + c.el.clientTop,
            right: box.left + c.el.clientLeft + c.el.clientWidth,
            bottom: box.top + c.el.clientTop + c.el.clientHeight,
          };
          const cutX = c.clipX && rects.some((r) => r.right > inner.right + 1 || r.left < inner.left - 1);
          const cutY = c.clipY && rects.some((r) => r.bottom > inner.bottom + 2 || r.top < inner.top - 2);
          if (cutX || cutY) {
            problems.push(`${name(el)}: ${quote} is cut off by ${name(c.el)} (${cutX ? 'width' : 'height'})`);
            mark(el);
            break;
          }
        }
        for (const r of rects) {
          const seen: Box = scrollBox
            ? {
                left: r.left,
                right: r.right,
                top: Math.max(r.top, scrollBox.top),
                bottom: Math.min(r.bottom, scrollBox.bottom),
                height: r.height,
              }
            : r;
          const top = Math.max(seen.top, rootBox.top);
          const bottom = Math.min(seen.bottom, rootBox.bottom);
          const inRoot = bottom - top > 0.5 ? { left: seen.left, right: seen.right, top, bottom, height: seen.height } : null;
          if (seen.bottom - seen.top > 0.5) lines.push({ node, el, fixed, quote, r: seen, rootNo, inRoot });
        }
      }
    }
    // Text drawn over other text. Lines touching by a pixel or two (tight line height) are not overlap.
    const reported = new Set<string>();
    for (let i = 0; i < lines.length; i += 1) {
      for (let j = i + 1; j < lines.length; j += 1) {
        const a = lines[i];
        const b = lines[j];
        if (a.node === b.node || a.fixed !== b.fixed) continue;
        const same = a.rootNo === b.rootNo;
        const ra = same ? a.r : a.inRoot;
        const rb = same ? b.r : b.inRoot;
        if (!ra || !rb) continue;
        const w = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const h = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (w > 2 && h > Math.min(ra.height, rb.height) * 0.3) {
          const key = `${a.quote}|${b.quote}`;
          if (reported.has(key)) continue;
          reported.add(key);
          problems.push(`${name(a.el)}: ${a.quote} overlaps ${name(b.el)}: ${b.quote}`);
          mark(a.el);
        }
      }
    }
    for (const root of roots)
      for (const b of root.querySelectorAll('button, .nut-button, .big-button, [role="button"]')) {
        if (!shown(b)) continue;
        const r = b.getBoundingClientRect();
        let scrolls = false;
        for (let a = b.parentElement; a && a !== document.documentElement; a = a.parentElement) {
          const style = getComputedStyle(a);
          if (style.overflowX === 'auto' || style.overflowX === 'scroll') scrolls = true;
        }
        if (scrolls || r.width === 0 || (r.left >= -1 && r.right <= width + 1)) continue;
        problems.push(
          `button "${(b.textContent ?? '').trim().slice(0, 30)}" is clipped (${Math.round(r.left)}–${Math.round(r.right)} of ${width})`,
        );
        mark(b);
      }
    return [...new Set(problems)];
  });
}

/** Wait until the page has laid out again: the width took effect, fonts are in, two frames drawn. */
async function settle(page: Page, width?: number): Promise<void> {
  if (width) await page.waitForFunction((w) => document.documentElement.clientWidth === w, width, { timeout: 5000 });
  await page.evaluate(() =>
    document.fonts.ready.then(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))),
  );
}

/**
 * The screen as it is now, checked again at 320 px width and at 200 % font (the phone's large-font
 * setting: Taro's rem base doubled), then put back as it was, so the scenario goes on. A screen
 * with problems is saved as layout-<size>-<name>.png.
 */
export async function smallSizesCheck(page: Page, name: string): Promise<string[]> {
  const size = page.viewportSize();
  if (!size) throw new Error('the page has no fixed viewport');
  const found: string[] = [];
  // Where the page was scrolled to (Taro scrolls the page box, not the window), to put it back.
  const scrolled = await page.evaluate(() => {
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter((el) => getComputedStyle(el).display !== 'none');
    const box = pages[pages.length - 1] ?? document.scrollingElement;
    return box.scrollTop;
  });
  const check = async (variant: string) => {
    const problems = await layoutCheck(page);
    if (!problems.length) return;
    await page.evaluate(() => window.__layoutFirst?.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: path.join(SHOTS, `layout-${variant}-${name}.png`), fullPage: true });
    for (const p of problems) found.push(`${variant} ${name}: ${p}`);
  };
  const before = await page.evaluate(() => {
    const html = document.documentElement;
    const inline = html.style.fontSize;
    html.style.fontSize = `${parseFloat(getComputedStyle(html).fontSize) * 2}px`;
    return inline;
  });
  try {
    await settle(page);
    await check('200pct-font');
  } finally {
    await page.evaluate((inline) => (document.documentElement.style.fontSize = inline), before);
  }
  if (size.width !== 320) {
    await page.setViewportSize({ width: 320, height: size.height });
    try {
      await settle(page, 320);
      await check('320px');
    } finally {
      await page.setViewportSize(size);
      await settle(page, size.width);
    }
  } else await check('320px');
  await page.evaluate((top) => {
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter((el) => getComputedStyle(el).display !== 'none');
    (pages[pages.length - 1] ?? document.scrollingElement).scrollTop = top;
  }, scrolled);
  record({ kind: 'layout', screen: name, problems: found });
  return found;
}

/** The canary page: a sentence that does not wrap, a button whose text is cut off, two texts on top of each other. */
export const LAYOUT_CANARY_HTML = `<meta name="viewport" content="width=device-width, initial-scale=1"><body style="margin:0">
    <p style="white-space:nowrap;font-size:16px">我已阅读并同意${'0123456789'.repeat(20)}</p>
    <button style="width:120px;height:40px;overflow:hidden;white-space:nowrap;font-size:16px">以此身份进入并继续办理</button>
    <div style="position:relative;height:40px"><span style="position:absolute;top:0">申请人</span><span style="position:absolute;top:4px;left:10px">身份证号</span></div></body>`;

/** What the layout check must see on the canary page, or it proves nothing. */
export const LAYOUT_CANARY_EXPECTED: [string, RegExp][] = [
  ['a sentence running off the screen', / ends at x=/],
  ['a button cutting off its text', / is cut off by button/],
  ['text over other text', / overlaps /],
];

/** Layout problems found over the run, one line each, and how many screens were checked. */
export function layoutReport(): { screens: number; problems: string[] } {
  const layout = entries().filter((e) => e.kind === 'layout');
  return { screens: layout.length, problems: layout.flatMap((e) => e.problems) };
}

/** Write every axe finding of the run to artifacts/e2e/axe.json, log them by rule, and return them. */
export function reportAxe(): (AxeFinding & { page: string })[] {
  const findings = entries().flatMap((e) => (e.kind === 'axe' ? [(({ kind: _kind, ...f }) => f)(e)] : []));
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(AXE_REPORT, JSON.stringify(findings, null, 2));
  const byRule = new Map<string, typeof findings>();
  for (const f of findings) byRule.set(f.id, [...(byRule.get(f.id) ?? []), f]);
  for (const [rule, list] of byRule)
    log(
      `axe ${rule} (${list[0].impact}): ${list[0].help} — on ${[...new Set(list.map((f) => f.page))].slice(0, 6).join(', ')}; e.g. ${list[0].targets[0]}`,
    );
  return findings;
}

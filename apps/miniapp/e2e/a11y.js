/* Accessibility and layout checks of the H5 pages, run inside the browser e2e.
 * - axe-core on every page the scenarios screenshot: serious and critical findings fail the run.
 * - The worker flows' first screens at 320 px width and at 200 % font size: no text may run past
 *   the right edge of the screen and the main button must be fully on screen. */
'use strict';
/* global document, window, getComputedStyle -- used inside page.evaluate, which runs in the browser */

const fs = require('fs');
const path = require('path');

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Findings by rule and page, collected over the whole run. */
const findings = [];

/**
 * Run axe-core on the page as it is now. `page.evaluate` is not subject to the page's CSP, so the
 * check runs under the same headers a real browser gets.
 */
async function axeCheck(page, name) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!has) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    // Taro keeps earlier pages in the DOM, hidden: check the page on screen only.
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter(
      (el) => el.offsetParent !== null || getComputedStyle(el).display !== 'none',
    );
    const context = pages.length ? pages[pages.length - 1] : document;
    const result = await window.axe.run(context, { resultTypes: ['violations'] });
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
  for (const v of violations) findings.push({ page: name, ...v });
  return violations;
}

/** Text that runs past the right edge, and a main button not fully on screen. */
async function layoutCheck(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const pages = Array.from(document.querySelectorAll('.taro_page')).filter((el) => getComputedStyle(el).display !== 'none');
    const root = pages.length ? pages[pages.length - 1] : document.body;
    const problems = [];
    // Measure the text itself (a Range over each text node): a box may fit while its text runs out of it.
    const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el || el.offsetParent === null) continue;
      // Text inside a horizontally scrolling strip (day tabs) may go past the edge by design.
      let scroller = el;
      let scrolls = false;
      while (scroller && scroller !== root) {
        const style = getComputedStyle(scroller);
        if (style.overflowX === 'auto' || style.overflowX === 'scroll') scrolls = true;
        scroller = scroller.parentElement;
      }
      if (scrolls) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1)
        problems.push(
          `${el.tagName.toLowerCase()}.${el.className}: "${node.textContent.trim().slice(0, 30)}" ends at x=${Math.round(r.right)} of ${width}`,
        );
    }
    for (const b of root.querySelectorAll('.big-button')) {
      const r = b.getBoundingClientRect();
      if (r.width > 0 && (r.left < -1 || r.right > width + 1))
        problems.push(`button "${b.textContent.trim()}" is clipped (${Math.round(r.left)}–${Math.round(r.right)} of ${width})`);
    }
    return problems;
  });
}

/** The worker flows' first screens, public or after a demo login, at 320 px and at 200 % font. */
const WORKER_PAGES = [
  { route: '/pages/index/index', ready: 'tile-join' },
  { route: '/pages/membership/consent/index', ready: 'privacy-notice', login: 'worker' },
  { route: '/pages/hardship/self-test/index', ready: 'selftest-step-0' },
  { route: '/pages/legal/index/index', ready: 'legal-home' },
  { route: '/pages/legal/book/index', ready: 'book-topic', login: 'member' },
  { route: '/pages/contest/index/index', ready: 'contest-home', login: 'member' },
];

async function smallScreenScenario({ browser, base, api, log, shotsDir }) {
  const problems = [];
  for (const variant of [
    { name: '320px', width: 320, font: 1 },
    { name: '200pct-font', width: 375, font: 2 },
  ]) {
    const context = await browser.newContext({
      hasTouch: true,
      isMobile: true,
      viewport: { width: variant.width, height: 700 },
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    // A canary: the check must see a sentence that does not wrap, or it proves nothing.
    await page.setContent(
      `<meta name="viewport" content="width=device-width, initial-scale=1"><body><p style="white-space:nowrap;font-size:16px">我已阅读并同意${'0123456789'.repeat(20)}</p></body>`,
    );
    if ((await layoutCheck(page)).length === 0) throw new Error('the layout check did not see a sentence running off the screen');
    const tokens = {};
    for (const p of WORKER_PAGES) {
      if (p.login && !tokens[p.login]) tokens[p.login] = await api(base, 'POST', '/auth/demo-login', null, { persona: p.login });
      await page.goto(`${base}/#/pages/index/index`);
      await page.evaluate((pair) => {
        if (pair) window.localStorage.setItem('union.tokens', JSON.stringify({ data: pair }));
        else window.localStorage.removeItem('union.tokens');
      }, tokens[p.login] ?? null);
      await page.goto(`${base}/#${p.route}`);
      await page.reload();
      const ready = page.locator(`[data-testid="${p.ready}"]`).filter({ visible: true }).first();
      await ready.waitFor({ state: 'visible', timeout: 15000 });
      if (variant.font !== 1) {
        // The phone's large-font setting: Taro's rem base, doubled.
        await page.evaluate((f) => {
          const html = document.documentElement;
          html.style.fontSize = `${parseFloat(getComputedStyle(html).fontSize) * f}px`;
        }, variant.font);
      }
      await page.waitForTimeout(400);
      const found = await layoutCheck(page);
      const file = path.join(shotsDir, `layout-${variant.name}-${p.route.split('/')[2]}.png`);
      await page.screenshot({ path: file, fullPage: true });
      for (const f of found) problems.push(`${variant.name} ${p.route}: ${f}`);
      log(`layout ${variant.name} ${p.route}: ${found.length ? `${found.length} problem(s)` : 'ok'}`);
    }
    await context.close();
  }
  return problems;
}

/** Throw when axe found serious or critical problems; write them all to a JSON file either way. */
function reportAxe(log, file) {
  fs.writeFileSync(file, JSON.stringify(findings, null, 2));
  const byRule = new Map();
  for (const f of findings) byRule.set(f.id, [...(byRule.get(f.id) ?? []), f]);
  for (const [rule, list] of byRule)
    log(
      `axe ${rule} (${list[0].impact}): ${list[0].help} — on ${[...new Set(list.map((f) => f.page))].slice(0, 6).join(', ')}; e.g. ${list[0].targets[0]}`,
    );
  return findings.length;
}

module.exports = { axeCheck, layoutCheck, reportAxe, smallScreenScenario };

/* Accessibility and small sizes, after every service's scenario:
 * - the layout check's canary (it must see what it is there to see, or it proved nothing);
 * - the screens a worker sees before logging in, at 320 px and at 200 % font;
 * - the run's verdict: every page the scenarios showed (their screenshots) was checked with axe-core
 *   and at 320 px and at 200 % font as it was shown; a serious or critical axe finding or a layout
 *   problem anywhere fails here, with the details in artifacts/e2e/axe.json and layout-*.png. */
import { LAYOUT_CANARY_EXPECTED, LAYOUT_CANARY_HTML, layoutCheck, layoutReport, reportAxe, smallSizesCheck } from './support/checks';
import { baseUrl, expect, log, phoneContext, test, tid } from './support/fixtures';

test.describe.configure({ mode: 'serial' });

test('the layout check sees text off screen, a cut-off button and overlapping text', async ({ browser }) => {
  const context = await phoneContext(browser, { width: 320, height: 700 });
  const page = await context.newPage();
  await page.setContent(LAYOUT_CANARY_HTML);
  const found = await layoutCheck(page);
  await context.close();
  const missed = LAYOUT_CANARY_EXPECTED.filter(([, re]) => !found.some((f) => re.test(f))).map(([what]) => what);
  expect(missed, `the layout check saw: ${found.join('; ')}`).toEqual([]);
});

/**
 * The screens a worker sees before logging in (the scenarios log in first): checked like every
 * screenshot of the scenarios.
 */
const PUBLIC_PAGES = [
  { route: '/pages/index/index', ready: 'tile-join' },
  { route: '/pages/hardship/self-test/index', ready: 'selftest-step-0' },
  { route: '/pages/legal/index/index', ready: 'legal-home' },
];

test('the public first screens at 320 px and at 200 % font', async ({ browser }) => {
  const context = await phoneContext(browser);
  const page = await context.newPage();
  for (const p of PUBLIC_PAGES) {
    await page.goto(`${baseUrl()}/#${p.route}`);
    await page.reload();
    await expect(page.locator(tid(p.ready)).filter({ visible: true }).first()).toBeVisible();
    const name = `public-${p.route.split('/')[2]}`;
    const found = await smallSizesCheck(page, name);
    log(`layout ${name}: ${found.length ? `${found.length} problem(s)` : 'ok at 320 px and 200 % font'}`);
  }
  await context.close();
});

test('no serious or critical axe-core finding and no layout problem on any page shown', () => {
  const layout = layoutReport();
  log(`layout: ${layout.screens} screens checked at 320 px and at 200 % font, ${layout.problems.length} problem(s)`);
  const axeFindings = reportAxe();
  expect
    .soft(layout.problems, 'text or buttons cut off or overlapping at 320 px or 200 % font (see artifacts/e2e/layout-*.png)')
    .toEqual([]);
  expect(
    axeFindings.map((f) => `${f.page}: ${f.id} (${f.impact}) at ${f.targets.join(' | ')}`),
    'axe-core: serious or critical findings; see artifacts/e2e/axe.json',
  ).toEqual([]);
  log('PASS: no serious or critical axe-core finding on any page shown; every page shown readable at 320 px and at 200 % font');
});

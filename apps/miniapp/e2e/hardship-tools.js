/* Browser end-to-end scenario for the rest of the hardship tools, run by run.js after campaigns.js:
 *
 * 1. 李会员 reads the running public notices (masked) and objects online to one.
 * 2. A grassroots cadre files an application on a worker's behalf (代办) with the same form,
 *    recording that the worker agreed in person; the case page shows who filed it and how.
 * 3. The grassroots cadre opens the re-check lists from the workbench, then on 李会员's file
 *    records a yearly re-check (keep), closes the file (recovered, with the words the worker is
 *    told), and records the follow-up call; the file's events list all three.
 * 4. The county cadre edits the rules (低保 ¥900 from next New Year) and saves a new version: a
 *    wrong figure is refused on the screen first; then opens the statistics for this year. */
'use strict';
/* global document -- used inside page.waitForFunction, which runs in the browser */

const path = require('path');

const STEP_TIMEOUT = 15000;
const PHOTO = path.resolve(__dirname, '..', 'src', 'assets', 'tab', 'home-active.png');

async function openWorkbench(d) {
  await d.tab('我的');
  await d.tap('open-workbench');
  await d.see('workbench-page');
}

async function upload(d, buttonId) {
  const [chooser] = await Promise.all([d.page.waitForEvent('filechooser', { timeout: STEP_TIMEOUT }), d.tap(buttonId)]);
  await chooser.setFiles(PHOTO);
}

async function noticeObjection({ browser, base, newUser, api, log }) {
  const { accessToken } = await api(base, 'POST', '/auth/demo-login', null, { persona: 'member' });
  const { items } = await api(base, 'GET', '/hardship/notices', accessToken);
  if (!items.length) throw new Error('no running public notice (hardship.js should have started one)');
  const notice = items[0];
  const { context, d } = await newUser(browser, base, 'member');
  await d.tap('tile-hardship');
  await d.tap('hs-open-notices');
  await d.see('hs-notices-page');
  const card = await d.see(`notice-${notice.id}`);
  if (!(await card.innerText()).includes(notice.organizationName)) throw new Error('the notice does not name its union');
  await d.shot('hs-notices');
  await d.tap(`notice-object-${notice.id}`);
  await d.fill('notice-objection-content', '据我了解他家去年新买了一套商品房，请核实。');
  await d.shot('hs-notice-objection-form');
  await d.tap('notice-objection-submit');
  await d.see(`notice-objection-sent-${notice.id}`);
  await d.shot('hs-notice-objected');
  log(`李会员 objected online to notice ${notice.id}`);
  await context.close();
}

async function proxyFiling({ browser, base, newUser, log, randomIdNumber }) {
  const { context, d } = await newUser(browser, base, 'grassroots_cadre');
  await openWorkbench(d);
  await d.tap('open-proxy');
  await d.see('hs-proxy-consent');
  await d.tap('hs-next');
  await d.see('hs-proxy-consent');
  // Nothing chosen yet: the screen says what is missing.
  await d.visible('.field__error').waitFor({ timeout: STEP_TIMEOUT });
  await d.tap('hs-proxy-method-in_person');
  await d.fill('hs-proxy-note', '11月24日在车间当面讲清楚，本人同意由工会代办。');
  await d.tap('hs-consent-sensitive-check');
  await d.shot('hs-proxy-consent');
  await d.tap('hs-next');
  await d.see('hs-apply-consent_finance');
  await d.tap('hs-consent-finance-check');
  await d.tap('hs-next');

  await d.see('hs-apply-union');
  await d.fill('hs-org-search', '县城建筑');
  const option = d.visible('[data-testid^="org-option-"]');
  await option.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await option.tap();
  await d.see('hs-org-selected');
  await d.tap('hs-next');

  await d.see('hs-apply-work');
  await d.fill('hs-phone', `137${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`);
  await d.tap('hs-employment-employee');
  await d.fill('hs-months', '48');
  await d.tap('hs-next');

  await d.see('hs-apply-members');
  await d.tap('hs-member-0');
  await d.see('hs-member-editor');
  await d.fill('hs-member-name', '赵大山');
  await d.fill('hs-member-id', randomIdNumber());
  await d.fill('hs-member-income', '15000');
  await d.tap('hs-member-health-healthy');
  await d.tap('hs-member-work-employed');
  await d.tap('hs-member-save');
  await d.see('hs-member-add');
  await d.tap('hs-next');

  await d.see('hs-apply-causes');
  await d.tap('hs-main-low_income');
  await d.fill('hs-situation', '一个人打零工，收入低，不会用手机，请工会代办。');
  await d.tap('hs-next');

  await d.see('hs-apply-money');
  await d.fill('hs-essential', '6000');
  await d.fill('hs-accident', '0');
  await d.tap('hs-next');

  await d.see('hs-apply-exclusions');
  await d.tap('hs-exclusion-none');
  await d.tap('hs-next');

  await d.see('hs-apply-bank');
  await d.fill('hs-bank-name', '县农村商业银行');
  await d.fill('hs-account-number', '6228480098765432101');
  await d.tap('hs-next');

  await d.see('hs-apply-evidence');
  await upload(d, 'hs-upload-id_card-add');
  await d.see('hs-upload-id_card-item');
  await d.tap('hs-next');

  await d.see('hs-review');
  await d.see('hs-proxy-banner');
  await d.shot('hs-proxy-review');
  await d.tap('hs-submit');

  const proxy = await d.see('staff-proxy', 30000);
  const text = (await proxy.innerText()).trim();
  if (!text.includes('本人当面口头同意')) throw new Error(`unexpected proxy line: ${text}`);
  await d.shot('hs-proxy-filed');
  log(`grassroots cadre filed by proxy: ${text.replace(/\s+/g, ' ')}`);
  await context.close();
}

async function recheckAndFollowUp({ browser, base, newUser, api, log }) {
  const { accessToken } = await api(base, 'POST', '/auth/demo-login', null, { persona: 'member' });
  const [file] = await api(base, 'GET', '/hardship/files/mine', accessToken);
  const { context, d } = await newUser(browser, base, 'grassroots_cadre');
  await openWorkbench(d);
  await d.tap('open-recheck');
  await d.see('recheck-page');
  await d.shot('recheck-lists');

  await d.page.goto(`${base}/#/staff/pages/aid/index?fileId=${file.id}&recheck=1`);
  await d.see('recheck-form');
  await d.tap('recheck-outcome-keep');
  await d.fill('recheck-note', '入户了解，爱人仍在治疗，家里情况没有变化。');
  await d.shot('recheck-keep');
  await d.tap('recheck-submit');
  await d.page.waitForFunction(
    (sel) => (document.querySelector(sel)?.textContent ?? '').includes('情况没有变化'),
    '[data-testid="file-events"]',
    { timeout: STEP_TIMEOUT },
  );
  log('re-check recorded: keep');

  await d.tap('recheck-outcome-close');
  await d.tap('recheck-reason-recovered');
  await d.fill('recheck-note', '您家已经脱困，档案关闭；以后再有困难可以重新申请。');
  await d.tap('recheck-submit');
  await d.see('recheck-note');
  await d.page.waitForFunction((sel) => (document.querySelector(sel)?.textContent ?? '').includes('回访'), '[data-testid="recheck-form"]', {
    timeout: STEP_TIMEOUT,
  });
  log('file closed (已脱困); the follow-up form is shown');
  await d.fill('recheck-note', '电话回访：工作稳定，生活正常。');
  await d.tap('recheck-submit');
  await d.page.waitForFunction(
    (sel) => (document.querySelector(sel)?.textContent ?? '').includes('工作稳定'),
    '[data-testid="file-events"]',
    { timeout: STEP_TIMEOUT },
  );
  await d.shot('recheck-events');
  log('follow-up call recorded; the file shows its events');
  await context.close();
}

async function rulesAndStatistics({ browser, base, newUser, api, log }) {
  const { accessToken } = await api(base, 'POST', '/auth/demo-login', null, { persona: 'county_cadre' });
  const before = await api(base, 'GET', '/hardship/rule-sets', accessToken);
  const { context, d } = await newUser(browser, base, 'county_cadre');
  await openWorkbench(d);
  await d.tap('open-rules');
  await d.see('rules-page');
  await d.fill('rules-minimum-living', '0');
  await d.tap('rules-save');
  await d.see('rules-minimum-living-error');
  await d.fill('rules-minimum-living', '900');
  const nextYear = Number(new Date().toISOString().slice(0, 4)) + 1;
  await d.fill('rules-effective-from', `${nextYear}-01-01`);
  await d.shot('rules-edit');
  await d.tap('rules-save');
  await d.visible('.taro-model__confirm').waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  await d.shot('rules-confirm');
  await d.visible('.taro-model__confirm').click({ timeout: STEP_TIMEOUT });
  await d.see('workbench-page');
  const after = await api(base, 'GET', '/hardship/rule-sets', accessToken);
  const newest = after[0];
  if (newest.version !== before[0].version + 1 || newest.rules.minimumLivingFen !== 90000 || newest.effectiveFrom !== `${nextYear}-01-01`) {
    throw new Error(`rule set not saved as expected: ${JSON.stringify({ version: newest.version, effectiveFrom: newest.effectiveFrom })}`);
  }
  log(`county cadre saved rule set version ${newest.version} (低保 ¥900 from ${newest.effectiveFrom})`);

  await d.tap('open-statistics');
  await d.see('statistics-page');
  const filed = await d.see('statistics-active');
  const text = (await filed.innerText()).trim();
  if (!/^[1-9]\d* 户$/.test(text)) throw new Error(`statistics show no filed household: ${text}`);
  await d.shot('statistics');
  log(`statistics: ${text} on file`);
  await context.close();
}

async function hardshipToolsScenario(ctx) {
  await noticeObjection(ctx);
  await proxyFiling(ctx);
  await recheckAndFollowUp(ctx);
  await rulesAndStatistics(ctx);
}

module.exports = { hardshipToolsScenario };

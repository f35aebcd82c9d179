/* Browser end-to-end scenario for the county's hardship work beyond single cases, run by run.js
 * after hardship.js (which files 李会员's household):
 *
 * 1. The county cadre's workbench shows one row per step with its count; tapping a row shows only
 *    that step's cases, and "看全部待办" goes back.
 * 2. The county cadre opens the campaigns: the seeded 送温暖 shows budget used / budget and the
 *    households reached; selecting 李会员's household adds one per-household amount. A new 送温暖
 *    with a budget smaller than one household is created in the app, and selecting a household
 *    shows the server's over-budget message as it is.
 * 3. 李会员 (filed in hardship.js) applies for 金秋助学 for a student with an admission photo; the
 *    county cadre approves it from the workbench; 李会员 sees it approved with its amount. */
'use strict';
/* global document -- used inside page.waitForFunction, which runs in the browser */

const path = require('path');

const STEP_TIMEOUT = 15000;
const PHOTO = path.resolve(__dirname, '..', 'src', 'assets', 'tab', 'home-active.png');

/** "1,234.50 元", as utils/money.ts shows it. */
function yuan(fen) {
  const whole = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${String(fen % 100).padStart(2, '0')} 元`;
}

async function openWorkbench(d) {
  await d.tab('我的');
  await d.tap('open-workbench');
  await d.see('workbench-page');
}

async function upload(d, buttonId) {
  const [chooser] = await Promise.all([d.page.waitForEvent('filechooser', { timeout: STEP_TIMEOUT }), d.tap(buttonId)]);
  await chooser.setFiles(PHOTO);
}

async function workbenchSteps({ browser, base, newUser, api, log }) {
  const { accessToken } = await api(base, 'POST', '/auth/demo-login', null, { persona: 'county_cadre' });
  const summary = await api(base, 'GET', '/workbench/summary', accessToken);
  if (summary.length === 0) throw new Error('the county cadre has no step with waiting cases');
  const step = summary[0];
  const { context, d } = await newUser(browser, base, 'county_cadre');
  await openWorkbench(d);
  await d.see('workbench-steps');
  const row = await d.see(`step-${step.caseType}-${step.state}`);
  const text = (await row.innerText()).replace(/\s+/g, ' ');
  if (!text.includes(`${step.caseTypeLabel} · ${step.stateLabel} ${step.count} 件`)) throw new Error(`unexpected step row: ${text}`);
  if (step.overdue && !text.includes(`超期 ${step.overdue}`)) throw new Error(`overdue count missing: ${text}`);
  await d.shot('workbench-step-summary');
  await row.tap();
  await d.see('workbench-filter');
  await d.visible(`[data-testid="step-${step.caseType}-${step.state}"][data-selected="true"]`).waitFor({ timeout: STEP_TIMEOUT });
  await d.visible(`[data-testid^="queue-${step.caseType}-"]`).waitFor({ timeout: STEP_TIMEOUT });
  const shown = await d.page
    .locator('[data-testid^="queue-"]')
    .filter({ visible: true })
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  const other = shown.filter((id) => id !== 'queue-more' && !id.startsWith(`queue-${step.caseType}-`));
  if (other.length) throw new Error(`the filtered queue shows other case types: ${other.join(', ')}`);
  await d.shot('workbench-one-step');
  log(`workbench: "${text}"; the queue filtered to that step shows ${shown.length} case(s)`);
  await d.tap('filter-clear');
  await d.visible('[data-testid="step-all"][data-selected="true"]').waitFor({ timeout: STEP_TIMEOUT });
  await context.close();
}

async function countyCampaigns({ browser, base, newUser, api, log }) {
  const { accessToken: memberToken } = await api(base, 'POST', '/auth/demo-login', null, { persona: 'member' });
  const [file] = await api(base, 'GET', '/hardship/files/mine', memberToken);
  if (!file) throw new Error('李会员 has no household file (hardship.js should have filed it)');
  const { accessToken } = await api(base, 'POST', '/auth/demo-login', null, { persona: 'county_cadre' });
  const winter = (await api(base, 'GET', '/hardship/campaigns', accessToken)).find((c) => c.kind === 'winter_warmth' && c.open);
  if (!winter) throw new Error('the demo seed has no open 送温暖 campaign');

  const { context, d } = await newUser(browser, base, 'county_cadre');
  await openWorkbench(d);
  await d.tap('open-campaigns');
  await d.see('campaigns-page');
  const listed = (await (await d.see(`campaign-${winter.id}-budget`)).innerText()).trim();
  if (!listed.includes(`已用 ${yuan(winter.usedFen)} / 预算 ${yuan(winter.budgetFen)}`))
    throw new Error(`unexpected budget line: ${listed}`);
  await d.shot('campaigns-list');
  await d.tap(`campaign-${winter.id}`);
  await d.see('campaign-page');
  const budget = (await (await d.see('campaign-budget')).innerText()).trim();
  if (budget !== `${yuan(winter.usedFen)} / ${yuan(winter.budgetFen)}`) throw new Error(`unexpected budget: ${budget}`);
  await d.see('campaign-unsigned');
  log(`campaign ${winter.id}: ${budget}, ${winter.householdsReached} household(s), ${winter.unsigned.length} unsigned`);

  await d.tap(`campaign-file-${file.id}`);
  await d.shot('campaign-select');
  await d.tap('campaign-select-submit');
  const after = yuan(winter.usedFen + winter.amounts.perHouseholdFen);
  await d.page.waitForFunction(
    ([sel, want]) => document.querySelector(sel)?.textContent?.includes(want),
    ['[data-testid="campaign-budget"]', `${after} / `],
    { timeout: STEP_TIMEOUT },
  );
  await d.shot('campaign-selected');
  log(`selected 李会员's household: used is now ${after}`);

  // A campaign whose budget is less than one household: the server refuses, the page says why.
  await d.page.goto(`${base}/#/staff/pages/campaign-new/index`);
  await d.see('campaign-new-page');
  await d.tap('campaign-kind-winter_warmth');
  await d.fill('campaign-title', `小额送温暖 ${Date.now() % 100000}`);
  await d.fill('campaign-budget-input', '100');
  await d.fill('campaign-per-household', '600');
  await d.shot('campaign-new');
  await d.tap('campaign-create');
  await d.see('campaign-page');
  const small = (await (await d.see('campaign-budget')).innerText()).trim();
  if (small !== `${yuan(0)} / ${yuan(10000)}`) throw new Error(`unexpected budget of the new campaign: ${small}`);
  await d.tap(`campaign-file-${file.id}`);
  await d.tap('campaign-select-submit');
  const problem = (await (await d.see('campaign-select-problem')).innerText()).trim();
  if (!problem.includes('超出活动预算')) throw new Error(`expected the over-budget message, got: ${problem}`);
  await d.shot('campaign-over-budget');
  log(`over budget shown: ${problem}`);
  await context.close();
}

async function autumnGrant({ browser, base, newUser, api, log, randomIdNumber }) {
  const { accessToken: memberToken } = await api(base, 'POST', '/auth/demo-login', null, { persona: 'member' });
  const grantCampaign = (await api(base, 'GET', '/hardship/campaigns', memberToken)).find(
    (c) => c.kind === 'autumn_school_grant' && c.open,
  );
  if (!grantCampaign) throw new Error('the demo seed has no open 金秋助学 campaign');

  let grantId;
  {
    const { context, d } = await newUser(browser, base, 'member');
    await d.tap('tile-hardship');
    await d.see('hs-home');
    await d.see(`hs-campaign-${grantCampaign.id}`);
    await d.shot('hs-home-campaigns');
    await d.tap(`hs-grant-apply-${grantCampaign.id}`);
    await d.see('hs-grant-page');
    await d.fill('grant-student-name', '李小明');
    await d.fill('grant-student-id', randomIdNumber());
    await d.tap('grant-level-university');
    await d.fill('grant-school-name', '省师范大学');
    await upload(d, 'grant-admission-add');
    await d.see('grant-admission-item');
    await d.shot('hs-grant-form');
    await d.tap('grant-submit');
    await d.visible('.taro-model__confirm').waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    await d.shot('hs-grant-confirm');
    await d.visible('.taro-model__confirm').click({ timeout: STEP_TIMEOUT });
    await d.see('hs-my-grants');
    const [grant] = await api(base, 'GET', '/hardship/grants/mine', memberToken);
    grantId = grant.id;
    await d
      .visible(`[data-testid="hs-my-grant-${grantId}"] [data-testid="state-tag"][data-state="submitted"]`)
      .waitFor({ timeout: STEP_TIMEOUT });
    await d.shot('hs-my-grant-submitted');
    log(`李会员 applied for 金秋助学 (grant ${grantId}, ${yuan(grant.amountFen)})`);
    await context.close();
  }
  {
    const { context, d } = await newUser(browser, base, 'county_cadre');
    await openWorkbench(d);
    await d.tap(`queue-grant_application-${grantId}`);
    await d.see('staff-grant-page');
    await d.visible('[data-testid="staff-grant-proof"] img').waitFor({ timeout: STEP_TIMEOUT });
    await d.shot('staff-grant');
    await d.tap('action-approve');
    const form = d.visible('[data-testid="action-form"]');
    if (
      await form.waitFor({ state: 'visible', timeout: 1500 }).then(
        () => true,
        () => false,
      )
    ) {
      await d.shot('staff-grant-approve-confirm');
      await d.tap('action-confirm');
    }
    await d.visible('[data-testid="state-tag"][data-state="approved"]').waitFor({ timeout: STEP_TIMEOUT });
    // Approval creates the aid record to pay; the page leads there.
    await d.see('staff-grant-open-aid');
    await d.shot('staff-grant-approved');
    log(`county cadre approved grant ${grantId}`);
    await context.close();
  }
  {
    const { context, d } = await newUser(browser, base, 'member');
    await d.tab('我的');
    await d.tap('mine-hardship-applications');
    await d
      .visible(`[data-testid="hs-my-grant-${grantId}"] [data-testid="state-tag"][data-state="approved"]`)
      .waitFor({ timeout: STEP_TIMEOUT });
    await d.shot('hs-my-grant-approved');
    log('李会员 sees the grant approved');
    await context.close();
  }
}

async function campaignsScenario(ctx) {
  await workbenchSteps(ctx);
  await countyCampaigns(ctx);
  await autumnGrant(ctx);
}

module.exports = { campaignsScenario };

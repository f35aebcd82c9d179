/* The county's hardship work beyond single cases, after hardship.spec.ts (which files 李会员's household):
 *
 * 1. The county cadre's workbench shows one row per step with its count; tapping a row shows only
 *    that step's cases, and "看全部待办" goes back.
 * 2. The county cadre opens the campaigns: the seeded 送温暖 shows budget used / budget and the
 *    households reached; selecting 李会员's household adds one per-household amount. A new 送温暖
 *    with a budget smaller than one household is created in the app, and selecting a household
 *    shows the server's over-budget message as it is.
 * 3. 李会员 (filed in hardship.spec.ts) applies for 金秋助学 for a student with an admission photo;
 *    the county cadre approves it from the workbench; 李会员 sees it approved with its amount. */
import { api, baseUrl, expect, log, randomIdNumber, test, tid, tokenOf, yuan } from './support/fixtures';

test.describe.configure({ mode: 'serial' });

interface StepSummary {
  caseType: string;
  state: string;
  caseTypeLabel: string;
  stateLabel: string;
  count: number;
  overdue: number;
}

interface Campaign {
  id: number;
  kind: string;
  open: boolean;
  usedFen: number;
  budgetFen: number;
  householdsReached: number;
  unsigned: unknown[];
  amounts: { perHouseholdFen: number };
}

test('the workbench shows one row per step and filters the queue to it', async ({ newUser }) => {
  const accessToken = await tokenOf('county_cadre');
  const summary = await api<StepSummary[]>('GET', '/workbench/summary', accessToken);
  expect(summary.length, 'the county cadre has a step with waiting cases').toBeGreaterThan(0);
  const step = summary[0];
  const { context, d } = await newUser('county_cadre');
  await d.openWorkbench();
  await d.see('workbench-steps');
  const row = await d.see(`step-${step.caseType}-${step.state}`);
  await expect(row, 'the step row').toContainText(`${step.caseTypeLabel} · ${step.stateLabel} ${step.count} 件`, { useInnerText: true });
  if (step.overdue) await expect(row, 'the overdue count').toContainText(`超期 ${step.overdue}`, { useInnerText: true });
  const text = (await row.innerText()).replace(/\s+/g, ' ');
  await d.shot('workbench-step-summary');
  await row.tap();
  await d.see('workbench-filter');
  await expect(d.visible(`[data-testid="step-${step.caseType}-${step.state}"][data-selected="true"]`)).toBeVisible();
  await expect(d.visible(`[data-testid^="queue-${step.caseType}-"]`)).toBeVisible();
  const shown = await d.page
    .locator('[data-testid^="queue-"]')
    .filter({ visible: true })
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  const other = shown.filter((id) => id !== 'queue-more' && !id.startsWith(`queue-${step.caseType}-`));
  expect(other, 'the filtered queue shows no other case types').toEqual([]);
  await d.shot('workbench-one-step');
  log(`workbench: "${text}"; the queue filtered to that step shows ${shown.length} case(s)`);
  await d.tap('filter-clear');
  await expect(d.visible('[data-testid="step-all"][data-selected="true"]')).toBeVisible();
  await context.close();
});

test('the county cadre selects a household in a campaign, and over budget is refused', async ({ newUser }) => {
  const memberToken = await tokenOf('member');
  const [file] = (await api<{ items: { id: number }[] }>('GET', '/hardship/files/mine', memberToken)).items;
  expect(file, '李会员 has a household file (hardship.spec.ts filed it)').toBeDefined();
  const accessToken = await tokenOf('county_cadre');
  const winter = (await api<{ items: Campaign[] }>('GET', '/hardship/campaigns?limit=50', accessToken)).items.find(
    (c) => c.kind === 'winter_warmth' && c.open,
  );
  expect(winter, 'the demo seed has an open 送温暖 campaign').toBeDefined();
  if (!winter) return;

  const { context, d } = await newUser('county_cadre');
  await d.openWorkbench();
  await d.tap('open-campaigns');
  await d.see('campaigns-page');
  await expect(await d.see(`campaign-${winter.id}-budget`), 'the budget line of the list').toContainText(
    `已用 ${yuan(winter.usedFen)} / 预算 ${yuan(winter.budgetFen)}`,
    { useInnerText: true },
  );
  await d.shot('campaigns-list');
  await d.tap(`campaign-${winter.id}`);
  await d.see('campaign-page');
  const budgetLine = await d.see('campaign-budget');
  await expect(budgetLine, 'the budget of the campaign').toHaveText(`${yuan(winter.usedFen)} / ${yuan(winter.budgetFen)}`, {
    useInnerText: true,
  });
  const budget = (await budgetLine.innerText()).trim();
  await d.see('campaign-unsigned');
  log(`campaign ${winter.id}: ${budget}, ${winter.householdsReached} household(s), ${winter.unsigned.length} unsigned`);

  await d.tap(`campaign-file-${file.id}`);
  await d.shot('campaign-select');
  await d.tap('campaign-select-submit');
  const after = yuan(winter.usedFen + winter.amounts.perHouseholdFen);
  await expect(d.visible(tid('campaign-budget')), 'used went up by one household').toContainText(`${after} / `);
  await d.shot('campaign-selected');
  log(`selected 李会员's household: used is now ${after}`);

  // A campaign whose budget is less than one household: the server refuses, the page says why.
  await d.page.goto(`${baseUrl()}/#/staff/pages/campaign-new/index`);
  await d.see('campaign-new-page');
  await d.tap('campaign-kind-winter_warmth');
  await d.fill('campaign-title', `小额送温暖 ${Date.now() % 100000}`);
  await d.fill('campaign-budget-input', '100');
  await d.fill('campaign-per-household', '600');
  await d.shot('campaign-new');
  await d.tap('campaign-create');
  await d.see('campaign-page');
  await expect(await d.see('campaign-budget'), 'the budget of the new campaign').toHaveText(`${yuan(0)} / ${yuan(10000)}`, {
    useInnerText: true,
  });
  await d.tap(`campaign-file-${file.id}`);
  await d.tap('campaign-select-submit');
  const problemLine = await d.see('campaign-select-problem');
  await expect(problemLine, 'the over-budget message').toContainText('超出活动预算', { useInnerText: true });
  await d.shot('campaign-over-budget');
  log(`over budget shown: ${(await problemLine.innerText()).trim()}`);
  await context.close();
});

test('李会员 applies for 金秋助学, the county cadre approves, 李会员 sees it approved', async ({ newUser }) => {
  const memberToken = await tokenOf('member');
  const grantCampaign = (await api<{ items: Campaign[] }>('GET', '/hardship/campaigns?limit=50', memberToken)).items.find(
    (c) => c.kind === 'autumn_school_grant' && c.open,
  );
  expect(grantCampaign, 'the demo seed has an open 金秋助学 campaign').toBeDefined();
  if (!grantCampaign) return;

  let grantId: number;
  {
    const { context, d } = await newUser('member');
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
    await d.upload('grant-admission-add');
    await d.see('grant-admission-item');
    await d.shot('hs-grant-form');
    await d.tap('grant-submit');
    await expect(d.visible('.taro-model__confirm')).toBeVisible();
    await d.shot('hs-grant-confirm');
    await d.visible('.taro-model__confirm').click();
    await d.see('hs-my-grants');
    const [grant] = (await api<{ items: { id: number; amountFen: number }[] }>('GET', '/hardship/grants/mine', memberToken)).items;
    grantId = grant.id;
    await d.seeState('submitted', tid(`hs-my-grant-${grantId}`));
    await d.shot('hs-my-grant-submitted');
    log(`李会员 applied for 金秋助学 (grant ${grantId}, ${yuan(grant.amountFen)})`);
    await context.close();
  }
  {
    const { context, d } = await newUser('county_cadre');
    await d.openWorkbench();
    await d.tap(`queue-grant_application-${grantId}`);
    await d.see('staff-grant-page');
    await expect(d.visible('[data-testid="staff-grant-proof"] img')).toBeVisible();
    await d.shot('staff-grant');
    await d.runAction('approve', { shotName: 'staff-grant-approve-confirm' });
    await d.seeState('approved');
    // Approval creates the aid record to pay; the page leads there.
    await d.see('staff-grant-open-aid');
    await d.shot('staff-grant-approved');
    log(`county cadre approved grant ${grantId}`);
    await context.close();
  }
  {
    const { context, d } = await newUser('member');
    await d.tab('我的');
    await d.tap('mine-hardship-applications');
    await d.seeState('approved', tid(`hs-my-grant-${grantId}`));
    await d.shot('hs-my-grant-approved');
    log('李会员 sees the grant approved');
    await context.close();
  }
  log('PASS: workbench steps, campaign budget and household selection (and over budget), 金秋助学 applied and approved');
});

/* The rest of the hardship tools, after campaigns.spec.ts:
 *
 * 1. 李会员 reads the running public notices (masked) and objects online to one.
 * 2. A grassroots cadre files an application on a worker's behalf (代办) with the same form,
 *    recording that the worker agreed in person; the case page shows who filed it and how.
 * 3. The grassroots cadre opens the re-check lists from the workbench, then on 李会员's file
 *    records a yearly re-check (keep), closes the file (recovered, with the words the worker is
 *    told), and records the follow-up call; the file's events list all three.
 * 4. The county cadre edits the rules (低保 ¥900 from next New Year) and saves a new version: a
 *    wrong figure is refused on the screen first; then opens the statistics for this year. */
import { api, baseUrl, expect, innerText, log, randomPhone, test, tid, tokenOf } from './support/fixtures';
import { bankAndIdCard, fillHouseholdMember, pickUnion } from './support/hardship-wizard';

test.describe.configure({ mode: 'serial' });

test('李会员 objects online to a running public notice', async ({ newUser }) => {
  const accessToken = await tokenOf('member');
  const { items } = await api<{ items: { id: number; organizationName: string }[] }>('GET', '/hardship/notices', accessToken);
  expect(items.length, 'a public notice is running (hardship.spec.ts started one)').toBeGreaterThan(0);
  const notice = items[0];
  const { context, d } = await newUser('member');
  await d.tap('tile-hardship');
  await d.tap('hs-open-notices');
  await d.see('hs-notices-page');
  const card = await d.see(`notice-${notice.id}`);
  await expect(card, 'the notice names its union').toContainText(notice.organizationName, { useInnerText: true });
  await d.shot('hs-notices');
  await d.tap(`notice-object-${notice.id}`);
  await d.fill('notice-objection-content', '据我了解他家去年新买了一套商品房，请核实。');
  await d.shot('hs-notice-objection-form');
  await d.tap('notice-objection-submit');
  await d.see(`notice-objection-sent-${notice.id}`);
  await d.shot('hs-notice-objected');
  log(`李会员 objected online to notice ${notice.id}`);
  await context.close();
});

test('a grassroots cadre files an application on a worker’s behalf (代办)', async ({ newUser }) => {
  const { context, d } = await newUser('grassroots_cadre');
  await d.openWorkbench();
  await d.tap('open-proxy');
  await d.see('hs-proxy-consent');
  await d.tap('hs-next');
  await d.see('hs-proxy-consent');
  // Nothing chosen yet: the screen says what is missing.
  await expect(d.visible('.field__error')).toBeVisible();
  await d.tap('hs-proxy-method-in_person');
  await d.fill('hs-proxy-note', '11月24日在车间当面讲清楚，本人同意由工会代办。');
  await d.tap('hs-consent-sensitive-check');
  await d.shot('hs-proxy-consent');
  await d.tap('hs-next');
  await d.see('hs-apply-consent_finance');
  await d.tap('hs-consent-finance-check');
  await d.tap('hs-next');

  await pickUnion(d, '县城建筑');

  await d.see('hs-apply-work');
  await d.fill('hs-phone', randomPhone('137'));
  await d.tap('hs-employment-employee');
  await d.fill('hs-months', '48');
  await d.tap('hs-next');

  await d.see('hs-apply-members');
  await fillHouseholdMember(d, 0, { name: '赵大山', income: '15000', health: 'healthy', work: 'employed' });
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

  await bankAndIdCard(d, '6228480098765432101');
  await d.see('hs-proxy-banner');
  await d.shot('hs-proxy-review');
  await d.tap('hs-submit');

  const proxy = await d.see('staff-proxy', 30000);
  await expect(proxy, 'the case page says how the worker agreed').toContainText('本人当面口头同意', { useInnerText: true });
  const text = (await proxy.innerText()).trim();
  await d.shot('hs-proxy-filed');
  log(`grassroots cadre filed by proxy: ${text.replace(/\s+/g, ' ')}`);
  await context.close();
});

test('yearly re-check, closing the file and the follow-up call', async ({ newUser }) => {
  const accessToken = await tokenOf('member');
  const [file] = (await api<{ items: { id: number }[] }>('GET', '/hardship/files/mine', accessToken)).items;
  const { context, d } = await newUser('grassroots_cadre');
  await d.openWorkbench();
  await d.tap('open-recheck');
  await d.see('recheck-page');
  await d.shot('recheck-lists');

  await d.page.goto(`${baseUrl()}/#/staff/pages/aid/index?fileId=${file.id}&recheck=1`);
  await d.see('recheck-form');
  await d.tap('recheck-outcome-keep');
  await d.fill('recheck-note', '入户了解，爱人仍在治疗，家里情况没有变化。');
  await d.shot('recheck-keep');
  await d.tap('recheck-submit');
  await expect(d.visible(tid('file-events'))).toContainText('情况没有变化');
  log('re-check recorded: keep');

  await d.tap('recheck-outcome-close');
  await d.tap('recheck-reason-recovered');
  await d.fill('recheck-note', '您家已经脱困，档案关闭；以后再有困难可以重新申请。');
  await d.tap('recheck-submit');
  await d.see('recheck-note');
  await expect(d.visible(tid('recheck-form')), 'the follow-up form is shown').toContainText('回访');
  log('file closed (已脱困); the follow-up form is shown');
  await d.fill('recheck-note', '电话回访：工作稳定，生活正常。');
  await d.tap('recheck-submit');
  await expect(d.visible(tid('file-events'))).toContainText('工作稳定');
  await d.shot('recheck-events');
  log('follow-up call recorded; the file shows its events');
  await context.close();
});

interface RuleSet {
  version: number;
  effectiveFrom: string;
  rules: { minimumLivingFen: number };
}

test('the county cadre saves new rules and opens the statistics', async ({ newUser }) => {
  const accessToken = await tokenOf('county_cadre');
  const before = await api<RuleSet[]>('GET', '/hardship/rule-sets', accessToken);
  const { context, d } = await newUser('county_cadre');
  await d.openWorkbench();
  await d.tap('open-rules');
  await d.see('rules-page');
  await d.fill('rules-minimum-living', '0');
  await d.tap('rules-save');
  await d.see('rules-minimum-living-error');
  await d.fill('rules-minimum-living', '900');
  const nextYear = Number(new Date().toISOString().slice(0, 4)) + 1;
  await d.fill('rules-from', `${nextYear}-01-01`);
  await d.shot('rules-edit');
  await d.tap('rules-save');
  await expect(d.visible('.taro-model__confirm')).toBeVisible();
  await d.shot('rules-confirm');
  await d.visible('.taro-model__confirm').click();
  await d.see('workbench-page');
  const after = await api<RuleSet[]>('GET', '/hardship/rule-sets', accessToken);
  const newest = after[0];
  expect(
    { version: newest.version, minimumLivingFen: newest.rules.minimumLivingFen, effectiveFrom: newest.effectiveFrom },
    'the rule set was saved as entered',
  ).toEqual({ version: before[0].version + 1, minimumLivingFen: 90000, effectiveFrom: `${nextYear}-01-01` });
  log(`county cadre saved rule set version ${newest.version} (低保 ¥900 from ${newest.effectiveFrom})`);

  await d.tap('open-statistics');
  await d.see('statistics-page');
  const filed = await d.see('statistics-active');
  await expect.poll(() => innerText(filed), { message: 'the statistics show filed households' }).toMatch(/^[1-9]\d* 户$/);
  const text = (await filed.innerText()).trim();
  await d.shot('statistics');
  log(`statistics: ${text} on file`);
  await context.close();
  log('PASS: objection to a public notice, 代办 filing, yearly re-check, closing and follow-up');
});

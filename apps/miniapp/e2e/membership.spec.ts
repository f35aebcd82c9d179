/* Joining the union, end to end in the browser: a worker applies to join, a cadre approves on the
 * workbench, the worker sees the member card. */
import { api, expect, log, randomIdNumber, randomPhone, test, tid, tokenOf } from './support/fixtures';

test.describe.configure({ mode: 'serial' });

let applicationId = 0;
let applicantIdNumber = '';

interface QueuePage {
  items: { caseType: string; id: number }[];
  nextCursor: string | null;
}

/** Whether `caseType` `id` is in the persona's workbench queue (all of its pages). */
async function inQueue(persona: string, caseType: string, id: number): Promise<boolean> {
  const token = await tokenOf(persona);
  let after: string | null = null;
  do {
    const query: string = new URLSearchParams({ caseType, limit: '50', ...(after ? { after } : {}) }).toString();
    const page: QueuePage = await api<QueuePage>('GET', `/workbench/queue?${query}`, token);
    if (page.items.some((item) => item.caseType === caseType && item.id === id)) return true;
    after = page.nextCursor;
  } while (after);
  return false;
}

test('a worker applies to join', async ({ newUser }) => {
  const { context, d } = await newUser('worker');
  await d.shot('worker-home');
  await d.tap('tile-join');

  // The consent page comes first unless this worker accepted the current texts in an earlier run.
  const consent = d.visible(tid('privacy-notice'));
  const form = d.visible(tid('apply-step-0'));
  await expect(consent.or(form).first()).toBeVisible();
  if (await consent.isVisible()) {
    await d.shot('worker-consent');
    await d.tap('consent-privacy');
    await d.tap('consent-sensitive');
    await d.tap('consent-accept');
  } else {
    log('consents already recorded in an earlier run; the form opens directly');
  }

  const idNumber = randomIdNumber();
  applicantIdNumber = idNumber;
  const phone = randomPhone('138');
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
  await expect(banner, 'the banner says the application was submitted').toContainText('已提交', { useInnerText: true });
  await d.seeState('submitted');
  await expect(d.page).toHaveURL(/[?&]id=\d+/);
  applicationId = Number(/[?&]id=(\d+)/.exec(d.page.url())![1]);
  await d.shot('application-submitted');
  log(`application ${applicationId} submitted: ${(await banner.innerText()).split('\n')[0]}`);
  await context.close();
});

test('a cadre approves it on the workbench', async ({ newUser }) => {
  // town_cadre covers the unions the route suggestion offers; county_admin covers everything.
  for (const persona of ['town_cadre', 'county_admin']) {
    // Whether this persona's queue holds the application, from the server; the screen must agree.
    const sees = await inQueue(persona, 'membership_application', applicationId);
    const { context, d } = await newUser(persona);
    await d.tab('我的');
    await d.tap('open-workbench');
    await d.see('workbench-page');
    const row = `queue-membership_application-${applicationId}`;
    if (!sees) {
      // The queue has loaded (a row, "no cases" or "more") and this application is not in it.
      await expect(d.visible('[data-testid^="queue-"]')).toBeVisible();
      await expect(d.visible(tid(row))).toBeHidden();
      await d.shot(`workbench-${persona}-without-case`);
      log(`${persona} does not see application ${applicationId}; trying the next persona`);
      await context.close();
      continue;
    }
    await d.see(row);
    await d.shot(`workbench-${persona}`);
    await d.tap(row);
    await d.see('case-page');
    await d.shot('case-submitted');
    await d.runAction('approve', { shotName: 'case-approve-confirm' });
    await d.seeState('approved');
    await d.shot('case-approved');
    log(`${persona} approved application ${applicationId}`);
    await context.close();
    return;
  }
  throw new Error(`no cadre persona saw application ${applicationId} on the workbench`);
});

test('a county cadre finds the case in 查找案件, by ID number and by name and step', async ({ newUser }) => {
  const { context, d } = await newUser('county_admin');
  await d.tab('我的');
  await d.tap('open-workbench');
  await d.see('workbench-page');
  await d.tap('open-case-search');
  await d.see('case-search-page');

  // By ID number: exactly this applicant's cases, the application and the membership it began
  // (the number goes in the body, never the URL).
  await d.fill('search-applicant', applicantIdNumber);
  await expect(d.visible('.field__hint')).toContainText('记入审计日志');
  await d.tap('search-submit');
  const results = d.page.locator('[data-testid^="search-result-"]').filter({ visible: true });
  await expect(results).toHaveCount(2);
  const found = await results.allInnerTexts();
  expect(found.every((t) => t.includes('王**'))).toBe(true);
  expect(found.some((t) => t.includes('入会申请'))).toBe(true);
  expect(found.some((t) => t.includes('会籍') && t.includes('在会'))).toBe(true);
  await d.shot('case-search-by-id');

  // By name (compared masked), type and step: the approved application is among the results.
  await d.fill('search-applicant', '王建国');
  await d.tap('search-toggle-filters');
  await d.tap('search-type-membership_application');
  await d.see('search-states');
  await d.tap('search-state-approved');
  // Folded away, the conditions chosen stay in sight on the toggle.
  await d.tap('search-toggle-filters');
  await expect(d.visible(tid('search-toggle-filters'))).toContainText('入会申请、已入会', { useInnerText: true });
  await d.tap('search-submit');
  // The list of the search by ID stays until the new answer is drawn: wait for the new list itself.
  await expect
    .poll(async () => {
      const texts = await results.allInnerTexts();
      return texts.length > 0 && texts.every((t) => t.includes('王**') && t.includes('入会申请'));
    })
    .toBe(true);

  // Name alone, after clearing the conditions.
  await d.tap('search-reset');
  await d.fill('search-applicant', '王');
  await d.tap('search-submit');
  await d.shot('case-search-by-name');

  await d.fill('search-applicant', applicantIdNumber);
  await d.tap('search-submit');
  await expect(results).toHaveCount(2);
  await results.filter({ hasText: '入会申请' }).first().tap();
  await d.see('case-page');
  await d.seeState('approved');
  await context.close();
  log('county cadre found the application in 查找案件');
});

test('the worker sees the member card', async ({ newUser }) => {
  const { context, d } = await newUser('worker');
  await d.tab('我的');
  await d.tap('open-card');
  await d.see('member-card');
  const img = d.visible(`${tid('member-qr')} img, img${tid('member-qr')}`);
  await expect(img).toBeVisible();
  await expect(img).toHaveAttribute('src', /^data:image\/png/);
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth), { message: 'the QR code image has loaded' })
    .toBeGreaterThan(0);
  const memberNo = (await d.visible(tid('member-no')).innerText()).trim();
  await d.shot('member-card');
  log(`member card shown (${memberNo})`);
  await context.close();
  log('PASS: worker applied, cadre approved, worker sees the member card');
});

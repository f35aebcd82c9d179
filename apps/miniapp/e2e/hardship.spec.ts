/* Hardship assistance (困难帮扶), end to end in the browser, after the joining scenario:
 *
 * 1. The worker does the self-test, starts the application from its answers, fills it screen by
 *    screen (the draft survives a reload), uploads a photo and submits.
 * 2. The grassroots cadre reveals a health note (audited), passes the initial review, records the
 *    home visit (with a photo) and the democratic review: the public notice starts. An objection
 *    received by phone is registered and resolved. Completing the notice is refused while it runs.
 * 3. The worker sees "公示中".
 * 4. The notice period cannot be waited for, and nothing is manipulated: the demo seed holds 李会员's
 *    application whose notice has already ended. With it: the grassroots cadre completes the
 *    notice, the town cadre passes the town review, the county cadre files the household, approves
 *    aid and registers the payment (opened from the workbench), and 李会员 signs for it. */
import { api, baseUrl, expect, innerText, log, randomPhone, test, tid, tokenOf } from './support/fixtures';
import { bankAndIdCard, fillHouseholdMember, pickUnion, type HouseholdMemberInput } from './support/hardship-wizard';

test.describe.configure({ mode: 'serial' });

/** The index of the 'causes' screen of the application (pages/hardship/apply/form.ts STEPS). */
const CAUSES_STEP = 5;

let applicationId = 0;

test('the worker does the self-test and applies', async ({ newUser }) => {
  const { context, d } = await newUser('worker');
  await d.tap('tile-hardship');
  await d.see('hs-home');
  await d.shot('hs-home');

  // Self-test: a household of three, ¥36,000 a year, ¥6,000 of essential spending.
  await d.tap('hs-open-selftest');
  await d.see('selftest-step-0');
  await d.tap('selftest-size-plus');
  await d.tap('selftest-size-plus');
  await d.shot('hs-selftest-size');
  await d.tap('selftest-next');
  await d.fill('selftest-income', '36000');
  await d.shot('hs-selftest-income');
  await d.tap('selftest-next');
  await d.fill('selftest-spending', '6000');
  await d.shot('hs-selftest-spending');
  await d.tap('selftest-next');
  await d.fill('selftest-accident', '0');
  await d.shot('hs-selftest-accident');
  await d.tap('selftest-next');
  await d.see('selftest-step-4');
  await d.tap('selftest-employment-employee');
  await d.fill('selftest-months', '36');
  await d.shot('hs-selftest-work');
  await d.tap('selftest-next');
  await d.see('selftest-step-5');
  await d.tap('selftest-none');
  await d.shot('hs-selftest-exclusions');
  await d.tap('selftest-next');
  const category = await d.see('selftest-category');
  await expect(category, 'self-test: expected relative').toHaveAttribute('data-category', 'relative');
  await d.shot('hs-selftest-result');
  log(`self-test: ${(await category.innerText()).trim()}`);
  await d.tap('selftest-start');

  // The application, one topic per screen; the consents come first.
  await d.see('hs-apply-consent_sensitive');
  await d.shot('hs-apply-consent-sensitive');
  await d.tap('hs-consent-sensitive-check');
  await d.tap('hs-next');
  await d.see('hs-apply-consent_finance');
  await d.tap('hs-consent-finance-check');
  await d.shot('hs-apply-consent-finance');
  await d.tap('hs-next');

  await pickUnion(d, '县城建筑', 'hs-apply-union');

  await d.see('hs-apply-work');
  // Employment type and months came from the self-test.
  await expect(d.visible(tid('hs-employment-employee')), 'the self-test answers were carried into the application').toHaveAttribute(
    'data-selected',
    'true',
  );
  await d.fill('hs-phone', randomPhone('139'));
  await d.shot('hs-apply-work');
  await d.tap('hs-next');

  await d.see('hs-apply-members');
  await d.shot('hs-apply-members-slots');
  const members: HouseholdMemberInput[] = [
    { name: '王小工', income: '24000', health: 'healthy', work: 'employed' },
    {
      relation: 'spouse',
      name: '李秀兰',
      income: '12000',
      health: 'serious_illness',
      note: '尿毒症，每周透析三次',
      work: 'unable_to_work',
    },
    { relation: 'child', name: '王小明', income: '0', health: 'healthy', work: 'student' },
  ];
  for (const [i, m] of members.entries()) await fillHouseholdMember(d, i, m, i === 1 ? 'hs-apply-member-editor' : undefined);
  await d.shot('hs-apply-members');
  // The draft the server keeps once the form is on the causes screen, household complete.
  const draftSaved = d.page.waitForResponse(
    (r) =>
      new URL(r.url()).pathname === '/api/hardship/draft' &&
      r.request().method() === 'PUT' &&
      (r.request().postDataJSON() as { step?: number } | null)?.step === CAUSES_STEP &&
      r.ok(),
  );
  await d.tap('hs-next');
  await d.see('hs-apply-causes');

  // The draft: the phone keeps it without ID numbers, the server keeps it all. After a reload the
  // form opens on the same screen only if the ID numbers came back from the server's copy.
  await draftSaved;
  await d.page.reload();
  await d.see('hs-apply-causes', 30000);
  log('draft: reloaded the page and the application reopened where it was, household complete');

  // Offline: the page says the draft is on the phone only, not "saved"; back online it syncs.
  await d.page.context().setOffline(true);
  await d.tap('hs-main-illness');
  await expect(d.visible('[data-testid="hs-draft-status"][data-status="offline"]')).toBeVisible();
  log(`offline: ${(await d.visible(tid('hs-draft-status')).innerText()).trim()}`);
  await d.page.context().setOffline(false);
  await d.tap('hs-secondary-education_costs');
  await expect(d.visible('[data-testid="hs-draft-status"][data-status="saved"]')).toBeVisible();
  log('back online: the draft synced to the server');
  await d.fill('hs-situation', '爱人患病不能工作，每周透析，孩子上学，家里只靠我一个人的工资。');
  await d.shot('hs-apply-causes');
  await d.tap('hs-next');

  await d.see('hs-apply-money');
  await d.see('hs-estimate');
  await d.shot('hs-apply-money');
  await d.tap('hs-next');

  await d.see('hs-apply-exclusions');
  await d.shot('hs-apply-exclusions');
  await d.tap('hs-next');

  await bankAndIdCard(d, '6228480012345678901', { bank: 'hs-apply-bank', evidence: 'hs-apply-evidence' });
  await d.shot('hs-apply-review');
  await d.tap('hs-submit');

  const banner = await d.see('hs-submitted-banner', 30000);
  await expect
    .poll(async () => (await innerText(banner)).split('\n')[0], { message: 'the banner says when the first review is due' })
    .toMatch(/已提交.*个工作日内初审/);
  await d.seeState('submitted');
  await expect(d.page).toHaveURL(/[?&]id=\d+/);
  applicationId = Number(/[?&]id=(\d+)/.exec(d.page.url())![1]);
  await d.shot('hs-application-submitted');
  log(`hardship application ${applicationId} submitted: ${(await banner.innerText()).trim().split('\n')[0]}`);
  await context.close();
});

test('the grassroots cadre takes it to the public notice', async ({ newUser }) => {
  const id = applicationId;
  const { context, d } = await newUser('grassroots_cadre');
  await d.openQueueItem('hardship_application', id);
  await d.see('staff-hardship-page');
  await d.see('staff-hs-assessment');
  await d.shot('staff-hs-submitted');

  // Audited reveal of the spouse's health note.
  const reveal = d.visible('[data-testid^="reveal-hardship_member-"][data-testid$="-healthNote"]');
  await expect(reveal).toBeVisible();
  const revealId = (await reveal.getAttribute('data-testid'))!;
  await reveal.tap();
  await d.fill(`${revealId}-reason`, '核实医疗救助金额');
  await d.shot('staff-hs-reveal-reason');
  await d.tap(`${revealId}-confirm`);
  await expect(await d.see(`${revealId}-value`), 'the reveal shows the health note').toContainText('尿毒症', { useInnerText: true });
  await d.shot('staff-hs-revealed');

  await d.runAction('pass_initial_review');
  await d.seeState('home_visit');
  log(`grassroots cadre passed the initial review of ${id}`);

  await d.tap('action-record_home_visit');
  await d.see('form-visit');
  await d.fill('form-visit-visitors', '张干事、李委员');
  await d.fill('form-visit-findings', '家中陈设简陋，爱人在家休养，与申报一致。');
  await d.tap('form-visit-matches-yes');
  await d.upload('form-visit-photos-add');
  await d.see('form-visit-photos-item');
  await d.shot('staff-hs-home-visit');
  await d.tap('form-visit-submit');
  await d.seeState('democratic_review');
  log('home visit recorded');

  await d.tap('action-record_democratic_review');
  await d.see('form-review');
  await d.fill('form-review-attendees', '王委员、李代表、赵代表、孙代表、周代表');
  await d.fill('form-review-for', '5');
  await d.shot('staff-hs-democratic-review');
  await d.tap('form-review-submit');
  await d.seeState('public_notice');
  await d.see('staff-notice');
  log('democratic review recorded: the public notice started');

  // An objection received by phone, registered and resolved.
  await d.tap('objection-register');
  await d.tap('objection-channel-phone');
  await d.fill('objection-content', '来电反映：听说他家在城里还有一套房。');
  await d.shot('staff-hs-objection-form');
  await d.tap('objection-submit');
  const resolve = d.visible('[data-testid^="objection-"][data-testid$="-resolve"]');
  await expect(resolve).toBeVisible();
  const objectionId = (await resolve.getAttribute('data-testid'))!.replace(/-resolve$/, '');
  await resolve.tap();
  await d.fill(`${objectionId}-resolution`, '经核实该房屋为租住，异议不成立。');
  await d.tap(`${objectionId}-rejected`);
  await d.shot('staff-hs-objection-resolve');
  await d.tap(`${objectionId}-submit`);
  await expect(d.visible(`[data-testid="${objectionId}"]:has-text("已处理")`)).toBeVisible();
  await d.shot('staff-hs-notice');

  // The notice runs for days: the step is offered disabled, saying when it becomes possible.
  const blocked = await d.see('action-complete_public_notice-blocked');
  await expect(blocked, 'the notice-period reason is shown').toContainText('公示期', { useInnerText: true });
  const reason = (await blocked.innerText()).trim();
  await d.seeState('public_notice');
  log(`complete_public_notice shown disabled while the notice runs: ${reason.replace(/\s+/g, ' ')}`);
  await context.close();
});

test('the worker sees 公示中', async ({ newUser }) => {
  const id = applicationId;
  const { context, d } = await newUser('worker');
  await d.tab('我的');
  await d.tap('mine-hardship-applications');
  await d.see('hs-mine-page');
  await d.tap(`hs-my-application-${id}`);
  await d.see('hs-application-page');
  await d.seeState('public_notice');
  await expect(d.visible(tid('state-tag')), 'the worker sees 公示中').toContainText('公示中', { useInnerText: true });
  await d.see('hs-notice');
  await d.shot('hs-worker-public-notice');
  log('worker sees 公示中 with the (masked) notice text');
  await context.close();
});

test('the seeded application whose notice ended is filed, aid paid, and 李会员 signs', async ({ newUser }) => {
  const memberToken = await tokenOf('member');
  const mine = (await api<{ items: { id: number; state: string }[] }>('GET', '/hardship/applications/mine', memberToken)).items;
  const seeded = mine.find((a) => a.state === 'public_notice');
  expect(seeded, 'the demo seed has an application of 李会员 in public notice').toBeDefined();
  const id = seeded!.id;

  {
    const { context, d } = await newUser('grassroots_cadre');
    await d.openQueueItem('hardship_application', id);
    await d.see('staff-hardship-page');
    await d.see('staff-notice');
    await d.shot('staff-hs-seeded-notice-ended');
    await d.runAction('complete_public_notice');
    await d.seeState('town_review');
    log(`seeded application ${id}: grassroots cadre completed the ended notice`);
    await context.close();
  }
  {
    const { context, d } = await newUser('town_cadre');
    await d.openQueueItem('hardship_application', id);
    await d.see('staff-hardship-page');
    await d.runAction('pass_town_review');
    await d.seeState('county_approval');
    await d.shot('staff-hs-town-passed');
    log('town cadre passed the town review');
    await context.close();
  }
  let aidId: number;
  {
    const { context, d } = await newUser('county_cadre');
    await d.openQueueItem('hardship_application', id);
    await d.see('staff-hardship-page');
    await d.tap('action-approve_and_file');
    await d.see('form-filing');
    await d.shot('staff-hs-filing');
    await d.tap('form-filing-submit');
    await d.seeState('filed');
    log('county cadre filed the household');

    await d.tap('staff-open-file');
    await d.see('staff-aid-page');
    await d.tap('aid-create');
    await d.tap('aid-type-living');
    await d.fill('aid-amount', '2000');
    await d.shot('staff-aid-create');
    await d.tap('aid-create-submit');
    const record = d.visible('[data-testid^="aid-record-"]:has([data-testid="state-tag"][data-state="approved"])');
    await expect(record).toBeVisible();
    aidId = Number((await record.getAttribute('data-testid'))!.replace('aid-record-', ''));
    log(`county cadre approved aid ${aidId} (生活救助 2,000 元)`);

    // The payment is done from the workbench, as a cadre would: the assistance record is in the queue.
    await d.page.goto(`${baseUrl()}/#/pages/index/index`);
    await d.see('tile-join');
    await d.openQueueItem('assistance_record', aidId);
    await d.see('staff-aid-page');
    await d.tap('action-pay');
    await d.fill('aid-pay-reference', `NX${Date.now()}`);
    await d.shot('staff-aid-pay');
    await d.tap('aid-pay-submit');
    await d.seeState('paid', tid(`aid-record-${aidId}`));
    await d.shot('staff-aid-paid');
    log('county cadre registered the payment');
    await context.close();
  }
  {
    const { context, d } = await newUser('member');
    await d.tab('我的');
    await d.tap('mine-hardship-file');
    await d.see('hs-file-page');
    await d.shot('hs-file-to-sign');
    await d.tap(`hs-sign-${aidId}`);
    await d.see(`hs-sign-confirm-${aidId}`);
    await d.shot('hs-file-sign-confirm');
    await d.tap(`hs-sign-confirm-${aidId}`);
    await d.seeState('signed', tid(`hs-aid-${aidId}`));
    await d.shot('hs-file-signed');
    log('李会员 signed for the aid in the app');
    await context.close();
  }
  log('PASS: hardship self-test, application, grassroots steps up to the notice, town and county steps, aid paid and signed');
});

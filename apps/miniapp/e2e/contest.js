/* Browser end-to-end scenario for competitions, run by run.js after the legal scenario:
 *
 * 1. 李会员 opens 劳动竞赛, finds the 安康杯 open for registration and registers; the entry page
 *    shows the check-in QR code.
 * 2. 郑评委 opens 评委打分 from the workbench and scores the electricians' contest; another judge's
 *    scores appear for an entry only after 郑评委 scored it.
 * 3. 赵部长 (the organiser) sets up a new competition with two events; computes the electricians'
 *    results and starts the public notice; then publishes the speech contest, whose notice is over
 *    (seeded).
 * 4. 李会员 sees the speech contest's results with their own line highlighted, and opens the
 *    certificate. */
'use strict';
/* global document -- used inside page.waitForFunction, which runs in the browser */

const STEP_TIMEOUT = 15000;

async function openWorkbench(d) {
  await d.tab('我的');
  await d.tap('open-workbench');
  await d.see('workbench-page');
}

async function waitState(d, pageId, state) {
  await d.page.waitForFunction(
    ([p, s]) => document.querySelector(`[data-testid="${p}"] [data-testid="state-tag"]`)?.getAttribute('data-state') === s,
    [pageId, state],
    { timeout: STEP_TIMEOUT },
  );
}

async function runAction(d, action, confirm) {
  await d.tap(`action-${action}`);
  if (!confirm) return;
  await d.see('action-confirm');
  await d.shot(`contest-action-${action}`);
  await d.tap('action-confirm');
}

async function contestScenario({ browser, base, newUser, api, log }) {
  const county = (await api(base, 'POST', '/auth/demo-login', null, { persona: 'county_cadre' })).accessToken;
  const all = await api(base, 'GET', '/competitions?filter=all', county);
  const ankang = all.find((c) => c.kind === 'ankang_cup' && c.state === 'open');
  const electric = all.find((c) => c.title.includes('维修电工') && c.state === 'running');
  const speech = all.find((c) => c.kind === 'speech' && c.state === 'public_notice');
  if (!ankang || !electric || !speech) throw new Error('the seeded competitions are missing');

  // 1. The worker registers.
  const worker = await newUser(browser, base, 'member');
  const w = worker.d;
  await w.tap('tile-contest');
  await w.see('contest-home');
  await w.shot('contest-home');
  await w.tap(`contest-${ankang.id}`);
  await w.see('competition-page');
  await w.tap(`register-event-${ankang.events[0].id}`);
  await w.shot('contest-register');
  await w.tap('register-submit');
  await w.see('entry-registered', 30000);
  await w.see('entry-qr');
  await w.shot('contest-registered');
  log(`李会员 registered for ${ankang.title}`);

  // 2. The judge scores.
  const judge = await newUser(browser, base, 'judge');
  const j = judge.d;
  await openWorkbench(j);
  await j.tap('open-judging');
  await j.see('judging-page');
  const eventId = electric.events[0].id;
  await j.tap(`judging-event-${eventId}`);
  await j.see('judging-sheet');
  await j.shot('contest-judging-sheet');
  const judgeToken = (await api(base, 'POST', '/auth/demo-login', null, { persona: 'judge' })).accessToken;
  const sheet = await api(base, 'GET', `/competitions/${electric.id}/events/${eventId}/judging`, judgeToken);
  const before = await j.see(`judging-mine-${sheet[0].entryId}`);
  if ((await before.innerText()).includes('其他评委')) throw new Error("the judge saw other judges' scores before scoring");
  for (const [i, s] of sheet.entries()) {
    await j.fill(`judging-points-${s.entryId}`, String(90 + i));
    await j.tap(`judging-submit-${s.entryId}`);
    await j.page.waitForFunction(
      (id) => (document.querySelector(`[data-testid="judging-mine-${id}"]`)?.textContent ?? '').includes('其他评委'),
      s.entryId,
      { timeout: STEP_TIMEOUT },
    );
  }
  await j.shot('contest-judging');
  log(`郑评委 scored ${sheet.length} entries; the other judges' scores showed only after each was scored`);
  await judge.context.close();

  // 3. The organiser computes, starts the notice, and publishes the other contest.
  const organiser = await newUser(browser, base, 'county_cadre');
  const o = organiser.d;
  await openWorkbench(o);
  await o.tap('open-contests');
  // First a new competition with two events: judged with a 技术能手 award, and a timed one.
  await o.tap('contest-add');
  await o.see('contest-new');
  await o.fill('contest-title', '端到端测试·焊工比武');
  await o.fill('event-name-0', '焊接实操');
  await o.tap('award-add-0');
  await o.tap('event-add');
  await o.fill('event-name-1', '限时拆装');
  await o.tap('event-direct-1');
  await o.tap('event-tie-1-earlier_registration');
  await o.shot('contest-setup');
  await o.tap('contest-create');
  await o.see('contest-manage', 30000);
  const created = (await api(base, 'GET', '/competitions?filter=all', county)).find((c) => c.title === '端到端测试·焊工比武');
  if (
    !created ||
    created.state !== 'draft' ||
    created.events.length !== 2 ||
    created.events[0].awards.length !== 4 ||
    created.events[1].scoring.kind !== 'direct' ||
    created.events[1].tieBreak !== 'earlier_registration'
  ) {
    throw new Error(`the new competition was not set up as entered: ${JSON.stringify(created)}`);
  }
  log('赵部长 set up a competition with two events (judged with 技术能手; timed, ties by registration order)');
  // The draft can still be changed.
  await o.tap('contest-edit');
  await o.see('contest-new');
  await o.page.waitForFunction(
    () => (document.querySelector('[data-testid="contest-title"] input')?.value ?? '') === '端到端测试·焊工比武',
    undefined,
    { timeout: STEP_TIMEOUT },
  );
  await o.fill('contest-title', '端到端测试·焊工技能比武');
  await o.tap('contest-create');
  await o.see('contest-manage', 30000);
  const edited = await api(base, 'GET', `/competitions/${created.id}`, county);
  if (edited.title !== '端到端测试·焊工技能比武' || edited.events.length !== 2)
    throw new Error(`the draft was not changed: ${edited.title}`);
  log("赵部长 changed the draft's title");
  await o.page.goto(`${base}/#/staff/pages/contest/index?id=${electric.id}`);
  await o.page.reload();
  await o.see('contest-manage');
  await runAction(o, 'compute_results', true);
  await waitState(o, 'contest-manage', 'checking');
  await o.see('manage-results');
  await runAction(o, 'start_notice', true);
  await waitState(o, 'contest-manage', 'public_notice');
  await o.shot('contest-notice');
  log(`赵部长 computed ${electric.title} and put it on notice`);
  await o.page.goto(`${base}/#/staff/pages/contest/index?id=${speech.id}`);
  await o.page.reload();
  await o.see('contest-manage', 30000);
  await runAction(o, 'publish', true);
  await waitState(o, 'contest-manage', 'published');
  log(`赵部长 published ${speech.title}`);
  // The workbench button is checked above for the other tools; open the statistics page directly (no tab bar on this page).
  await o.page.goto(`${base}/#/staff/pages/recognition-statistics/index`);
  await o.page.reload();
  const count = await o.see('rs-competitions-count');
  if (!/^[1-9]\d* 项$/.test((await count.innerText()).trim())) throw new Error('the statistics show no competition');
  await o.shot('recognition-statistics');
  await organiser.context.close();

  // 4. The worker sees the result and the certificate.
  // A fresh load: the H5 router keeps the earlier instance of the same page (another competition) in its stack.
  await w.page.goto(`${base}/#/pages/contest/competition/index?id=${speech.id}`);
  await w.page.reload();
  await w.see('results', 30000);
  const mine = w.visible('[data-testid^="result-"][data-mine="true"]');
  await mine.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
  const line = (await mine.innerText()).replace(/\s+/g, ' ');
  if (!line.includes('第 1 名') || !line.includes('一等奖')) throw new Error(`unexpected own result line: ${line}`);
  await w.shot('contest-results');
  await w.visible('[data-testid^="my-entry-"]').tap();
  await w.see('entry-page');
  await w.shot('contest-entry');
  await w.tap('certificate-open');
  await w.see('certificate-image', 30000);
  await w.page.waitForFunction(
    () => {
      const img = document.querySelector('[data-testid="certificate-image"] img, img[data-testid="certificate-image"]');
      return !!img && img.getAttribute('src')?.startsWith('data:image/png') && img.naturalWidth > 0;
    },
    undefined,
    { timeout: STEP_TIMEOUT },
  );
  await w.shot('contest-certificate');
  log(`李会员 sees: ${line}; the certificate opens`);
  await worker.context.close();
}

module.exports = { contestScenario };

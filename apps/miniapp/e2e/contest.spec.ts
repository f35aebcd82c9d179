/* Competitions, after the legal scenario:
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
import { api, baseUrl, expect, innerText, log, test, tid, tokenOf, type Driver } from './support/fixtures';

async function waitState(d: Driver, pageId: string, state: string): Promise<void> {
  await expect(d.visible(`${tid(pageId)} ${tid('state-tag')}`)).toHaveAttribute('data-state', state);
}

async function runAction(d: Driver, action: string, confirm: boolean): Promise<void> {
  await d.tap(`action-${action}`);
  if (!confirm) return;
  await d.see('action-confirm');
  await d.shot(`contest-action-${action}`);
  await d.tap('action-confirm');
}

interface Competition {
  id: number;
  kind: string;
  state: string;
  title: string;
  events: { id: number; awards: unknown[]; scoring: { kind: string }; tieBreak: string }[];
}

test('register, judge, compute, publish, and the worker sees the result and certificate', async ({ newUser }) => {
  const county = await tokenOf('county_cadre');
  const all = (await api<{ items: Competition[] }>('GET', '/competitions?filter=all&limit=50', county)).items;
  const ankang = all.find((c) => c.kind === 'ankang_cup' && c.state === 'open');
  const electric = all.find((c) => c.title.includes('维修电工') && c.state === 'running');
  const speech = all.find((c) => c.kind === 'speech' && c.state === 'public_notice');
  expect({ ankang: !!ankang, electric: !!electric, speech: !!speech }, 'the seeded competitions').toEqual({
    ankang: true,
    electric: true,
    speech: true,
  });
  if (!ankang || !electric || !speech) return;

  // 1. The worker registers.
  const worker = await newUser('member');
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
  const judge = await newUser('judge');
  const j = judge.d;
  await j.openWorkbench();
  await j.tap('open-judging');
  await j.see('judging-page');
  const eventId = electric.events[0].id;
  await j.tap(`judging-event-${eventId}`);
  await j.see('judging-sheet');
  await j.shot('contest-judging-sheet');
  const judgeToken = await tokenOf('judge');
  const sheet = await api<{ entryId: number }[]>('GET', `/competitions/${electric.id}/events/${eventId}/judging`, judgeToken);
  const before = await j.see(`judging-mine-${sheet[0].entryId}`);
  await expect(before, "the judge does not see other judges' scores before scoring").not.toContainText('其他评委', { useInnerText: true });
  for (const [i, s] of sheet.entries()) {
    await j.fill(`judging-points-${s.entryId}`, String(90 + i));
    await j.tap(`judging-submit-${s.entryId}`);
    await expect(j.visible(tid(`judging-mine-${s.entryId}`))).toContainText('其他评委');
  }
  await j.shot('contest-judging');
  log(`郑评委 scored ${sheet.length} entries; the other judges' scores showed only after each was scored`);
  await judge.context.close();

  // 3. The organiser computes, starts the notice, and publishes the other contest.
  const organiser = await newUser('county_cadre');
  const o = organiser.d;
  await o.openWorkbench();
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
  const created = (await api<{ items: Competition[] }>('GET', '/competitions?filter=all&limit=50', county)).items.find(
    (c) => c.title === '端到端测试·焊工比武',
  );
  expect(created, 'the new competition').toBeDefined();
  if (!created) return;
  expect(
    {
      state: created.state,
      events: created.events.length,
      awards: created.events[0]?.awards.length,
      scoring: created.events[1]?.scoring.kind,
      tieBreak: created.events[1]?.tieBreak,
    },
    `the new competition was set up as entered: ${JSON.stringify(created)}`,
  ).toEqual({ state: 'draft', events: 2, awards: 4, scoring: 'direct', tieBreak: 'earlier_registration' });
  log('赵部长 set up a competition with two events (judged with 技术能手; timed, ties by registration order)');
  // The draft can still be changed.
  await o.tap('contest-edit');
  await o.see('contest-new');
  await expect(o.visible(`${tid('contest-title')} input`)).toHaveValue('端到端测试·焊工比武');
  await o.fill('contest-title', '端到端测试·焊工技能比武');
  await o.tap('contest-create');
  await o.see('contest-manage', 30000);
  const edited = await api<Competition>('GET', `/competitions/${created.id}`, county);
  expect({ title: edited.title, events: edited.events.length }, "the draft's title was changed").toEqual({
    title: '端到端测试·焊工技能比武',
    events: 2,
  });
  log("赵部长 changed the draft's title");
  await o.page.goto(`${baseUrl()}/#/staff/pages/contest/index?id=${electric.id}`);
  await o.page.reload();
  await o.see('contest-manage');
  await runAction(o, 'compute_results', true);
  await waitState(o, 'contest-manage', 'checking');
  await o.see('manage-results');
  await runAction(o, 'start_notice', true);
  await waitState(o, 'contest-manage', 'public_notice');
  await o.shot('contest-notice');
  log(`赵部长 computed ${electric.title} and put it on notice`);
  await o.page.goto(`${baseUrl()}/#/staff/pages/contest/index?id=${speech.id}`);
  await o.page.reload();
  await o.see('contest-manage', 30000);
  await runAction(o, 'publish', true);
  await waitState(o, 'contest-manage', 'published');
  log(`赵部长 published ${speech.title}`);
  // The workbench button is checked above for the other tools; open the statistics page directly (no tab bar on this page).
  await o.page.goto(`${baseUrl()}/#/staff/pages/recognition-statistics/index`);
  await o.page.reload();
  const count = await o.see('rs-competitions-count');
  await expect.poll(() => innerText(count), { message: 'the statistics show a competition' }).toMatch(/^[1-9]\d* 项$/);
  await o.shot('recognition-statistics');
  await organiser.context.close();

  // 4. The worker sees the result and the certificate.
  // A fresh load: the H5 router keeps the earlier instance of the same page (another competition) in its stack.
  await w.page.goto(`${baseUrl()}/#/pages/contest/competition/index?id=${speech.id}`);
  await w.page.reload();
  await w.see('results', 30000);
  const mine = w.visible('[data-testid^="result-"][data-mine="true"]');
  await expect(mine).toBeVisible();
  await expect(mine, 'the own result line').toContainText('第 1 名', { useInnerText: true });
  await expect(mine, 'the own result line').toContainText('一等奖', { useInnerText: true });
  const line = (await mine.innerText()).replace(/\s+/g, ' ');
  await w.shot('contest-results');
  await w.visible('[data-testid^="my-entry-"]').tap();
  await w.see('entry-page');
  await w.shot('contest-entry');
  await w.tap('certificate-open');
  await w.see('certificate-image', 30000);
  const img = w.visible(`${tid('certificate-image')} img, img${tid('certificate-image')}`);
  await expect(img).toHaveAttribute('src', /^data:image\/png/);
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth), { message: 'the certificate image has loaded' })
    .toBeGreaterThan(0);
  await w.shot('contest-certificate');
  log(`李会员 sees: ${line}; the certificate opens`);
  await worker.context.close();
  log(
    'PASS: competitions: a worker registered, a judge scored, the organiser computed, noticed and published, the worker saw the result and certificate',
  );
});

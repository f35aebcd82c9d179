import { DataSource } from 'typeorm';
import { addDays, startOfCstDay } from '@union/shared';
import type {
  Page,
  CompetitionResultsView,
  CompetitionScoresView,
  CompetitionStatistics,
  CompetitionView,
  CreateCompetitionRequest,
  DirectResultView,
  EntryView,
  JudgingEntryView,
} from '@union/shared';
import { today } from './hardship-fixtures';
import { itRaces, startTestApp, type TestApp } from './harness';
import { expectKeysetPages } from './paging';
import {
  aCompetition,
  advanceCompetition,
  aMember,
  anEmployerFlag,
  anEntry,
  aPerson,
  competitionRequest,
  CONSTRUCTION_UNION,
  COUNTY,
  userIdOf,
  type Person,
} from './factories';

const CHENGGUAN = '县总工会/城关镇总工会';
const WANAN = '县总工会/万安镇总工会';
const TEXTILE_UNION = `${CHENGGUAN}/城关纺织有限公司工会`;
const FOOD_UNION = `${WANAN}/万安食品有限公司工会`;

let t: TestApp;
let judgePerson: Person;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestApp();
  // Staff made for the tests at their places: the county's organiser and judge, 城关镇's and 万安镇's
  // organisers, the construction company union's cadre.
  tokens.county_cadre = await t.loginAs('county_cadre', COUNTY);
  tokens.town_cadre = await t.loginAs('town_cadre', CHENGGUAN);
  tokens.town2_cadre = await t.loginAs('town_cadre', WANAN);
  tokens.grassroots_cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
  judgePerson = await aPerson(t, 'judge', COUNTY);
  tokens.judge = judgePerson.token;
}, 60_000);
afterAll(() => t?.close());

const day = (offset: number) => new Date(Date.parse(`${today()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

async function post<T>(path: string, token: string, body: unknown, status = 200): Promise<T> {
  const res = await t.http<T>('POST', path, { token, body });
  if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A plain step on the record's case through the case API; the record as the user sees it after. */
async function postStep<T>(recordPath: string, token: string, body: unknown, status = 200): Promise<T> {
  const res = await t.step<T>(recordPath, { token, body });
  if (res.status !== status) throw new Error(`${recordPath} step: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A new worker who is a member of the union at `union` (approved by its cadre), working for `employerName`. */
async function newMember(union = CONSTRUCTION_UNION, employerName = '县城建筑公司'): Promise<string> {
  return (await aMember(t, { union, application: { employerName } })).token;
}

/** A skills contest with one judged event, registration closing in five days. */
const competition = (over: Partial<CreateCompetitionRequest> = {}) => competitionRequest(t, over);

async function step(c: CompetitionView, action: string, token = tokens.county_cadre, comment?: string): Promise<CompetitionView> {
  return postStep<CompetitionView>(`/competitions/${c.id}`, token, { action, version: c.version, comment });
}

describe('competitions', () => {
  it('runs from registration to published results: hidden scores, exclusion before notice, objections block publishing, certificate', async () => {
    const county = tokens.county_cadre;
    // Set up with the judge, open for registration.
    let { competition: c } = await aCompetition(t, { organiser: county, judge: judgePerson, state: 'open' });
    const eventId = c.events[0].id;
    // A textile worker's employer had a serious accident last year (flagged by the county).
    const flag = await anEmployerFlag(t, { by: county });
    const a = await newMember();
    const b = await newMember();
    const flagged = await newMember(TEXTILE_UNION, flag.employerName);
    const ea = await post<EntryView>(`/competitions/${c.id}/entries`, a, { eventId }, 201);
    const eb = await post<EntryView>(`/competitions/${c.id}/entries`, b, { eventId }, 201);
    const ec = await post<EntryView>(`/competitions/${c.id}/entries`, flagged, { eventId }, 201);
    const twice = await t.http('POST', `/competitions/${c.id}/entries`, { token: a, body: { eventId } });
    expect(twice.body.code).toBe('already_registered');
    expect(ea.checkInCode).toMatch(/^\d+\..{22}$/);
    // Each entry is a case: the entrant may withdraw it; the organiser checks in only by scanning the code.
    const [{ caseId: entryCase }] = (await t.app
      .get(DataSource)
      .query('SELECT case_id AS caseId FROM competition_entries WHERE id = ?', [ea.id])) as { caseId: number }[];
    expect((await t.http<{ action: string }[]>('GET', `/cases/${entryCase}/actions`, { token: a })).body.map((x) => x.action)).toEqual([
      'withdraw',
    ]);
    const bare = await t.http('POST', `/cases/${entryCase}/transitions`, { token: county, body: { action: 'check_in', version: 1 } });
    expect(bare.status).toBe(409);
    // The organiser's list of entries comes a page at a time, oldest first, one event's or all.
    const first = await t.http<Page<EntryView>>('GET', `/competitions/${c.id}/entries?limit=2&eventId=${eventId}`, { token: county });
    expect(first.body.items.map((e) => e.id)).toEqual([ea.id, eb.id]);
    const rest = await t.http<Page<EntryView>>('GET', `/competitions/${c.id}/entries?limit=2&after=${first.body.nextCursor}`, {
      token: county,
    });
    expect(rest.body).toEqual({ items: [expect.objectContaining({ id: ec.id, entrantName: expect.any(String) })], nextCursor: null });
    expect((await t.http('GET', `/competitions/${c.id}/entries?after=not-a-cursor`, { token: county })).status).toBe(400);
    expect((await t.http('GET', `/competitions/${c.id}/entries?limit=500`, { token: county })).status).toBe(400);
    c = await step(c, 'close_registration');
    const checked = await post<EntryView>(`/competitions/${c.id}/check-in`, county, { code: ea.checkInCode });
    expect(checked.status).toBe('checked_in');
    const forged = await t.http('POST', `/competitions/${c.id}/check-in`, {
      token: county,
      body: { code: `${ea.id}.AAAAAAAAAAAAAAAAAAAAAA` },
    });
    expect(forged.status).toBe(400);

    // The judge scores; they cannot see the other judges' scores of an entry before scoring it.
    const judge = tokens.judge;
    let sheet = (await t.http<JudgingEntryView[]>('GET', `/competitions/${c.id}/events/${eventId}/judging`, { token: judge })).body;
    expect(sheet.map((s) => s.othersPoints)).toEqual([null, null, null]);
    await post(`/competitions/${c.id}/events/${eventId}/conflicts`, judge, { entryId: eb.id, note: '同一车间的同事' });
    const refused = await t.http('POST', `/competitions/${c.id}/events/${eventId}/scores`, {
      token: judge,
      body: { entryId: eb.id, points: 9000 },
    });
    expect(refused.status).toBe(409);
    sheet = await post<JudgingEntryView[]>(`/competitions/${c.id}/events/${eventId}/scores`, judge, { entryId: ea.id, points: 9500 });
    sheet = await post<JudgingEntryView[]>(`/competitions/${c.id}/events/${eventId}/scores`, judge, { entryId: ec.id, points: 9900 });
    expect(sheet.find((s) => s.entryId === ea.id)).toMatchObject({ myPoints: 9500, othersPoints: [] });
    const noReason = await t.http('POST', `/competitions/${c.id}/events/${eventId}/scores`, {
      token: judge,
      body: { entryId: ea.id, points: 9600 },
    });
    expect(noReason.status).toBe(400);
    await post(`/competitions/${c.id}/events/${eventId}/scores`, judge, { entryId: ea.id, points: 9600, reason: '漏看了一项加分' });
    const log = (
      await t.http<{ corrections: { from: number; to: number }[] }>('GET', `/competitions/${c.id}/events/${eventId}/scores`, {
        token: county,
      })
    ).body;
    expect(log.corrections).toEqual([expect.objectContaining({ from: 9500, to: 9600 })]);
    // A worker cannot read the judging sheet at all.
    expect((await t.http('GET', `/competitions/${c.id}/events/${eventId}/judging`, { token: a })).status).toBe(403);

    // Computed: the flagged employer's entry (a serious accident last year) gets no rank, before any notice.
    c = await step(c, 'compute_results');
    const results = (await t.http<CompetitionResultsView>('GET', `/competitions/${c.id}/results`, { token: county })).body;
    const lines = results.events[0].lines;
    expect(lines.find((l) => l.entryId === ec.id)).toMatchObject({
      rank: null,
      awards: [],
      excludedReason: expect.stringContaining('重大安全事故'),
    });
    expect(lines.find((l) => l.entryId === ea.id)).toMatchObject({
      rank: 1,
      score: 96,
      awards: [expect.objectContaining({ title: '一等奖' }), expect.objectContaining({ title: '技术能手' })],
    });
    expect((await t.http('GET', `/competitions/${c.id}/results`, { token: a })).status).toBe(409);

    c = await step(c, 'start_notice');
    expect(c.noticeEndsAt).not.toBeNull();
    const tooEarly = await t.step(`/competitions/${c.id}`, { token: county, body: { action: 'publish', version: c.version } });
    expect(tooEarly.body.code).toBe('notice_period_running');
    // Four days and 23 hours on, the notice still runs.
    t.clock.advance(5 * 86_400_000 - 3_600_000);
    expect((await t.step(`/competitions/${c.id}`, { token: county, body: { action: 'publish', version: c.version } })).body.code).toBe(
      'notice_period_running',
    );
    await post(`/competitions/${c.id}/objections`, b, { entryId: ea.id, content: '第一名的作品有瑕疵，请复核。' }, 201);
    // An hour later the five days are over (the clock moves; no row is rewritten).
    t.clock.advance(3_600_000 + 1000);
    c = (await t.http<CompetitionView>('GET', `/competitions/${c.id}`, { token: county })).body;
    const blocked = await t.step(`/competitions/${c.id}`, {
      token: county,
      body: { action: 'publish', version: c.version },
    });
    expect(blocked.body.code).toBe('objection_open');
    const [objection] = (await t.http<{ id: number }[]>('GET', `/competitions/${c.id}/objections`, { token: county })).body;
    await post(`/competitions/${c.id}/objections/${objection.id}/resolve`, county, { resolution: '经复核，评分无误。' });
    c = await step(c, 'publish');
    expect(c.state).toBe('published');

    const mine = (await t.http<Page<EntryView>>('GET', '/competitions/entries/mine', { token: a })).body.items;
    expect(mine[0]).toMatchObject({ rank: 1, certificateAvailable: true });
    const png = await fetch(`${t.baseUrl}/api/competitions/entries/${ea.id}/certificate`, { headers: { authorization: `Bearer ${a}` } });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await png.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect(
      (await fetch(`${t.baseUrl}/api/competitions/entries/${ea.id}/certificate`, { headers: { authorization: `Bearer ${b}` } })).status,
    ).toBe(404);

    // Revoked with a reason that stays visible.
    const revoked = await post<CompetitionResultsView>(`/competitions/entries/${ea.id}/revoke`, county, {
      reason: '经查参赛作品非本人完成',
    });
    expect(revoked.events[0].lines.find((l) => l.entryId === ea.id)).toMatchObject({ awards: [], revokedReason: '经查参赛作品非本人完成' });
    const publicView = (await t.http<CompetitionResultsView>('GET', `/competitions/${c.id}/results`, { token: b })).body;
    expect(publicView.events[0].lines.find((l) => l.entryId === ea.id)?.revokedReason).toBe('经查参赛作品非本人完成');
    expect(publicView.events[0].lines.find((l) => l.entryId === ec.id)?.excludedReason).toBeNull();
    expect(
      (await fetch(`${t.baseUrl}/api/competitions/entries/${ea.id}/certificate`, { headers: { authorization: `Bearer ${a}` } })).status,
    ).toBe(404);
  }, 60_000);

  itRaces(
    'gives the last team place to exactly one of 30 teams registering at once',
    async () => {
      const county = tokens.county_cadre;
      const { competition: c } = await aCompetition(t, {
        organiser: county,
        judge: judgePerson,
        state: 'open',
        competition: {
          events: [
            {
              name: '班组应急演练',
              entryKind: 'team',
              maxEntries: 2,
              teamMin: 3,
              teamMax: 5,
              scoring: { kind: 'judges_average', dropExtremesFrom: 0 },
              tieBreak: 'shared',
              awards: [],
            },
          ],
        },
      });
      const eventId = c.events[0].id;
      const first = await newMember();
      await post(`/competitions/${c.id}/entries`, first, { eventId, teamName: '第一队', members: ['张一', '王二', '李三'] }, 201);
      const captains = await Promise.all(Array.from({ length: 30 }, () => newMember()));
      const before = await t.count('competition_entries');
      const results = await Promise.all(
        captains.map((token, i) =>
          t.http('POST', `/competitions/${c.id}/entries`, {
            token,
            body: { eventId, teamName: `队伍${i}`, members: ['甲一', '乙二', '丙三'] },
          }),
        ),
      );
      expect(results.filter((r) => r.status === 201)).toHaveLength(1);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'event_full')).toBe(true);
      expect(await t.count('competition_entries')).toBe(before + 1);
      const after = (await t.http<CompetitionView>('GET', `/competitions/${c.id}`, { token: county })).body;
      expect(after.events[0].entryCount).toBe(2);
    },
    120_000,
  );

  it('refuses registration after the deadline, outside the organiser’s scope, and bad entries', async () => {
    // A town competition of 城关镇: a member in 万安镇 may not enter.
    const { competition: c } = await aCompetition(t, { organiser: tokens.town_cadre, judge: judgePerson, state: 'open' });
    const eventId = c.events[0].id;
    const wanan = await newMember(FOOD_UNION, '万安食品有限公司');
    const outside = await t.http('POST', `/competitions/${c.id}/entries`, { token: wanan, body: { eventId } });
    expect(outside.status).toBe(403);
    const notMember = await t.http('POST', `/competitions/${c.id}/entries`, { token: await t.newWorker('nm'), body: { eventId } });
    expect(notMember.body.code).toBe('not_a_member');
    const inside = await newMember();
    const before = await t.count('competition_entries');
    for (const body of [{ eventId: 999_999 }, { eventId: 'x' }, {}]) {
      const res = await t.http('POST', `/competitions/${c.id}/entries`, { token: inside, body });
      expect(res.status).toBe(400);
    }
    expect(await t.count('competition_entries')).toBe(before);
    // The deadline passed (the clock moves to the day after it): refused, and withdrawing is refused too.
    const entry = await post<EntryView>(`/competitions/${c.id}/entries`, inside, { eventId }, 201);
    t.clock.set(startOfCstDay(addDays(c.registrationClosesOn, 1)));
    const late = await t.http('POST', `/competitions/${c.id}/entries`, { token: await newMember(), body: { eventId } });
    expect(late.status).toBe(409);
    const lateWithdraw = await t.http('POST', `/competitions/entries/${entry.id}/withdraw`, { token: inside });
    expect(lateWithdraw.status).toBe(409);
    // A grassroots cadre cannot organise a competition; bad setups are refused.
    expect((await t.http('POST', '/competitions', { token: tokens.grassroots_cadre, body: competition() })).status).toBe(403);
    const bad = await t.http('POST', '/competitions', {
      token: tokens.county_cadre,
      body: competition({
        registrationClosesOn: day(-1),
        events: [{ ...competition().events[0], scoring: { kind: 'judges_average', dropExtremesFrom: 2 } }],
      }),
    });
    expect(bad.status).toBe(400);
  }, 60_000);

  it('lets the organiser change a draft only, and takes enterprise entries from enterprise unions', async () => {
    const county = tokens.county_cadre;
    const draft = await post<CompetitionView>('/competitions', county, competition(), 201);
    const events = [
      { ...competition().events[0], name: '企业安全管理', entryKind: 'enterprise' as const },
      { ...competition().events[0], name: '个人答题', scoring: { kind: 'direct' as const, better: 'higher' as const, unit: '题' } },
    ];
    const changed = await t.http<CompetitionView>('PUT', `/competitions/${draft.id}`, {
      token: county,
      body: { ...competition({ events }), title: '改过的比赛', version: draft.version },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      title: '改过的比赛',
      events: [expect.objectContaining({ name: '企业安全管理' }), expect.objectContaining({ name: '个人答题' })],
    });
    const stale = await t.http('PUT', `/competitions/${draft.id}`, {
      token: county,
      body: { ...competition({ events }), version: draft.version },
    });
    expect(stale.status).toBe(409);
    let c = await step(changed.body, 'open_registration');
    const locked = await t.http('PUT', `/competitions/${c.id}`, {
      token: county,
      body: { ...competition({ events }), version: c.version },
    });
    expect(locked.status).toBe(409);

    const enterpriseEvent = c.events.find((e) => e.entryKind === 'enterprise') as CompetitionView['events'][number];
    const entry = await post<EntryView>(
      `/competitions/${c.id}/entries`,
      tokens.grassroots_cadre,
      { eventId: enterpriseEvent.id, teamName: '县城建筑公司安全科' },
      201,
    );
    expect(entry).toMatchObject({ kind: 'enterprise', entrantName: '县城建筑公司安全科', employerName: '县城建筑公司' });
    const byWorker = await t.http('POST', `/competitions/${c.id}/entries`, {
      token: await newMember(),
      body: { eventId: enterpriseEvent.id },
    });
    expect(byWorker.status).toBe(403);
    c = (await t.http<CompetitionView>('GET', `/competitions/${c.id}`, { token: county })).body;
    expect(c.events.find((e) => e.id === enterpriseEvent.id)?.entryCount).toBe(1);
  });

  it('takes direct results from the organiser (a change needs a reason) and lets an entrant withdraw while registration is open', async () => {
    const county = tokens.county_cadre;
    const quiz = {
      ...competition().events[0],
      name: '个人答题',
      scoring: { kind: 'direct' as const, better: 'higher' as const, unit: '题' },
    };
    let { competition: c } = await aCompetition(t, {
      organiser: county,
      judge: judgePerson,
      state: 'open',
      competition: { events: [quiz] },
    });
    const eventId = c.events[0].id;
    const { entry } = await anEntry(t, c, { eventId });
    const { entry: leaving, token: leaver } = await anEntry(t, c, { eventId });
    expect((await post<EntryView>(`/competitions/entries/${leaving.id}/withdraw`, leaver, undefined)).status).toBe('withdrawn');
    c = await advanceCompetition(t, c, 'running', county);
    const results = `/competitions/${c.id}/events/${eventId}/results`;
    expect(await post<DirectResultView>(results, county, { entryId: entry.id, value: 42 })).toEqual({ entryId: entry.id, value: 42 });
    expect((await t.http('POST', results, { token: county, body: { entryId: entry.id, value: 40 } })).status).toBe(400);
    await post<DirectResultView>(results, county, { entryId: entry.id, value: 40, reason: '复核答题卡后更正' });
    expect((await t.http('POST', results, { token: county, body: { entryId: leaving.id, value: 1 } })).status).toBe(400);
    // A directly scored event has no judges' scores to show the organiser, but its corrections are logged.
    const log = await t.http<CompetitionScoresView>('GET', `/competitions/${c.id}/events/${eventId}/scores`, { token: county });
    expect(log.status).toBe(200);
    expect(log.body.scores).toEqual([]);
    expect(log.body.corrections.map((x) => [x.entryId, x.from, x.to, x.reason])).toEqual([[entry.id, 42, 40, '复核答题卡后更正']]);
  });

  it('counts the report figures from the records', async () => {
    // 万安镇's organiser runs three competitions of three kinds; the figures of its scope grow by what they hold.
    const organiser = await t.loginAs('town_cadre', WANAN);
    const figures = async () =>
      (await t.http<CompetitionStatistics>('GET', `/competitions/statistics?from=${day(-30)}&to=${day(30)}`, { token: organiser })).body;
    const ofKind = (s: CompetitionStatistics, kind: string) => s.byKind.find((k) => k.kind === kind)?.competitions ?? 0;
    const before = await figures();
    const a = await newMember(FOOD_UNION, '万安食品有限公司');
    const b = await newMember(FOOD_UNION, '万安食品有限公司');

    // A speech contest open for registration, a entered.
    const { competition: speech } = await aCompetition(t, {
      organiser,
      judge: judgePerson,
      state: 'open',
      competition: { kind: 'speech' },
    });
    await anEntry(t, speech, { worker: a });
    // The 安康杯, open, b's team of three entered.
    const { competition: ankang } = await aCompetition(t, {
      organiser,
      judge: judgePerson,
      state: 'open',
      competition: {
        kind: 'ankang_cup',
        events: [
          {
            name: '班组应急演练',
            entryKind: 'team',
            maxEntries: 0,
            teamMin: 3,
            teamMax: 6,
            scoring: { kind: 'judges_average', dropExtremesFrom: 0 },
            tieBreak: 'shared',
            awards: [],
          },
        ],
      },
    });
    await anEntry(t, ankang, { worker: b, body: { teamName: '包装班', members: ['甲一', '乙二', '丙三'] } });
    // A skills contest judged and published: a first (一等奖 and 技术能手), b second (技术能手).
    const { competition: open } = await aCompetition(t, { organiser, judge: judgePerson, state: 'open' });
    const { entry: ea } = await anEntry(t, open, { worker: a });
    const { entry: eb } = await anEntry(t, open, { worker: b });
    const running = await advanceCompetition(t, open, 'running', organiser);
    const eventId = running.events[0].id;
    await post(`/competitions/${running.id}/events/${eventId}/scores`, tokens.judge, { entryId: ea.id, points: 9500 });
    await post(`/competitions/${running.id}/events/${eventId}/scores`, tokens.judge, { entryId: eb.id, points: 9000 });
    expect((await advanceCompetition(t, running, 'published', organiser)).state).toBe('published');

    const after = await figures();
    expect(after.competitions).toBe(before.competitions + 3);
    expect(after.awards).toBe(before.awards + 2);
    // People: a and b on their own and the team's three; person-times: an individual entry counts once, the team three times.
    expect(after.participants.people).toBe(before.participants.people + 5);
    expect(after.participants.personTimes).toBe(before.participants.personTimes + 6);
    expect(after.participants.personTimes).toBeGreaterThan(after.participants.people - 1);
    expect(after.enterprises.total).toBeGreaterThan(0);
    expect(after.enterprises.total).toBe(before.enterprises.total);
    expect(after.enterprises.participating).toBeGreaterThanOrEqual(1);
    for (const kind of ['skills', 'ankang_cup', 'speech']) {
      expect({ kind, competitions: ofKind(after, kind) }).toEqual({ kind, competitions: ofKind(before, kind) + 1 });
    }
  }, 60_000);
});

describe('bad input on the organiser’s and judges’ endpoints', () => {
  it('refuses bad scores, judges, check-ins, objections and flags, and writes nothing', async () => {
    const county = tokens.county_cadre;
    let c = await post<CompetitionView>('/competitions', county, competition(), 201);
    const eventId = c.events[0].id;
    const worker = await t.newWorker('badcomp');
    const cases: [string, string, string, string, unknown][] = [
      [
        'a judge who is not one',
        county,
        'PUT',
        `/competitions/${c.id}/events/${eventId}/judges`,
        { judgeUserIds: [await userIdOf(t, worker)] },
      ],
      ['judges as text', county, 'PUT', `/competitions/${c.id}/events/${eventId}/judges`, { judgeUserIds: 'all' }],
      [
        'a flag of an unknown kind',
        county,
        'POST',
        '/competitions/employer-flags',
        { employerName: '某厂', kind: 'bad', note: '说明', since: today() },
      ],
      [
        'a flag in the future',
        county,
        'POST',
        '/competitions/employer-flags',
        { employerName: '某厂', kind: 'no_union', note: '说明', since: '2099-01-01' },
      ],
      ['an objection outside the notice', worker, 'POST', `/competitions/${c.id}/objections`, { content: '成绩有问题，请复核。' }],
      ['a forged check-in code', county, 'POST', `/competitions/${c.id}/check-in`, { code: '1.AAAAAAAAAAAAAAAAAAAAAA' }],
      ['a score out of range', tokens.judge, 'POST', `/competitions/${c.id}/events/${eventId}/scores`, { entryId: 1, points: 10001 }],
      ['a direct result in a judged event', county, 'POST', `/competitions/${c.id}/events/${eventId}/results`, { entryId: 1, value: 10 }],
    ];
    const tables = ['competition_scores', 'employer_flags', 'notice_objections', 'competition_entries', 'case_history'];
    const before = await Promise.all(tables.map((x) => t.count(x)));
    for (const [name, token, method, path, body] of cases) {
      const res = await t.http(method, path, { token, body });
      expect({ name, refused: res.status >= 400 && res.status < 500 }).toEqual({ name, refused: true });
    }
    expect(await Promise.all(tables.map((x) => t.count(x)))).toEqual(before);
    c = (await t.http<CompetitionView>('GET', `/competitions/${c.id}`, { token: county })).body;
    expect(c.events[0].judges).toEqual([]);
  });
});

describe('sending results back to the judges, and cancelling', () => {
  /** The competition as the county organiser sees it now. */
  const fresh = async (c: CompetitionView, token = tokens.county_cadre) =>
    (await t.http<CompetitionView>('GET', `/competitions/${c.id}`, { token })).body;

  it('sends computed results back to scoring with a reason, lets the judge correct, and computes again', async () => {
    const county = tokens.county_cadre;
    const judge = tokens.judge;
    let { competition: c } = await aCompetition(t, { organiser: county, judge: judgePerson, state: 'open' });
    const eventId = c.events[0].id;
    const { entry: ea } = await anEntry(t, c);
    const { entry: eb } = await anEntry(t, c);
    c = await step(c, 'close_registration');
    await post(`/competitions/${c.id}/events/${eventId}/scores`, judge, { entryId: ea.id, points: 8000 });
    await post(`/competitions/${c.id}/events/${eventId}/scores`, judge, { entryId: eb.id, points: 9000 });
    c = await step(c, 'compute_results');
    expect(c.state).toBe('checking');
    expect(c.actions.map((a) => a.action)).toEqual(expect.arrayContaining(['back_to_scoring', 'start_notice']));
    expect(c.actions.find((a) => a.action === 'back_to_scoring')?.requiresComment).toBe(true);
    let results = (await t.http<CompetitionResultsView>('GET', `/competitions/${c.id}/results`, { token: county })).body;
    expect(results.events[0].lines.find((l) => l.entryId === eb.id)?.rank).toBe(1);
    // Computed: the judge can no longer change a score.
    const locked = await t.http('POST', `/competitions/${c.id}/events/${eventId}/scores`, {
      token: judge,
      body: { entryId: ea.id, points: 9500, reason: '漏看了一项加分' },
    });
    expect(locked.status).toBe(409);

    // Nobody else may send it back, and not without a reason: nothing changes.
    const history = await t.count('case_history');
    const refusals: [string, string, string | undefined, number][] = [
      ['no reason', county, undefined, 400],
      ['a blank reason', county, '   ', 400],
      // A judge and a grassroots cadre see the competition's page, not its case: the case API answers by place and function.
      ['a judge', judge, '请重新评分', 404],
      ['a grassroots cadre', tokens.grassroots_cadre, '请重新评分', 404],
      ['a town cadre outside the organiser’s scope', tokens.town_cadre, '请重新评分', 404],
    ];
    for (const [who, token, comment, status] of refusals) {
      const res = await t.step(`/competitions/${c.id}`, {
        token,
        body: { action: 'back_to_scoring', version: c.version, comment },
      });
      expect({ who, status: res.status }).toEqual({ who, status });
    }
    expect(await t.count('case_history')).toBe(history);
    expect(await fresh(c)).toMatchObject({ state: 'checking', version: c.version });

    const reason = '1 号选手的焊缝外观分漏评，退回评委复核';
    const back = await step(c, 'back_to_scoring', county, reason);
    expect(back).toMatchObject({ state: 'running', stateLabel: '比赛中', version: c.version + 1 });
    expect(back.history.at(-1)).toMatchObject({ action: 'back_to_scoring', fromState: 'checking', toState: 'running', comment: reason });
    expect(back.actions.map((a) => a.action)).toEqual(expect.arrayContaining(['compute_results', 'cancel']));
    expect(back.actions.map((a) => a.action)).not.toContain('start_notice');
    // The stale version (before sending back) is refused.
    const stale = await t.step(`/competitions/${c.id}`, {
      token: county,
      body: { action: 'back_to_scoring', version: c.version, comment: reason },
    });
    expect(stale.status).toBe(409);
    // The judge corrects the score (with a reason, logged) and the results are computed again.
    await post(`/competitions/${c.id}/events/${eventId}/scores`, judge, { entryId: ea.id, points: 9500, reason: '补上漏评的外观分' });
    const recomputed = await step(back, 'compute_results');
    expect(recomputed.state).toBe('checking');
    results = (await t.http<CompetitionResultsView>('GET', `/competitions/${c.id}/results`, { token: county })).body;
    expect(results.events[0].lines.find((l) => l.entryId === ea.id)).toMatchObject({ rank: 1, score: 95 });
    expect(results.events[0].lines.find((l) => l.entryId === eb.id)).toMatchObject({ rank: 2 });
    const log = (
      await t.http<{ corrections: { from: number; to: number; reason: string }[] }>(
        'GET',
        `/competitions/${c.id}/events/${eventId}/scores`,
        {
          token: county,
        },
      )
    ).body;
    expect(log.corrections).toEqual([expect.objectContaining({ from: 8000, to: 9500, reason: '补上漏评的外观分' })]);
  }, 60_000);

  it('cancels a competition with a reason, tells the entrants, and closes registration', async () => {
    // A town competition of 城关镇, open for registration with one entrant.
    const town = tokens.town_cadre;
    const { competition: c } = await aCompetition(t, { organiser: town, judge: judgePerson, state: 'open' });
    const eventId = c.events[0].id;
    const { token: entrant } = await anEntry(t, c);
    // …and one who entered and withdrew: no longer in it, so not told.
    const quitter = await anEntry(t, c);
    expect((await t.http('POST', `/competitions/entries/${quitter.entry.id}/withdraw`, { token: quitter.token })).status).toBe(200);
    expect(c.actions.find((a) => a.action === 'cancel')?.requiresComment).toBe(true);

    const history = await t.count('case_history');
    const refusals: [string, string, string | undefined, number][] = [
      ['no reason', town, undefined, 400],
      ['a grassroots cadre', tokens.grassroots_cadre, '场地不能使用', 404],
      ['the judge', tokens.judge, '场地不能使用', 404],
      ['another town’s cadre', tokens.town2_cadre, '场地不能使用', 404],
    ];
    for (const [who, token, comment, status] of refusals) {
      const res = await t.step(`/competitions/${c.id}`, {
        token,
        body: { action: 'cancel', version: c.version, comment },
      });
      expect({ who, status: res.status }).toEqual({ who, status });
    }
    expect(await t.count('case_history')).toBe(history);
    expect(await fresh(c, town)).toMatchObject({ state: 'open', version: c.version });

    const reason = '比赛场地临时检修，本次比赛取消';
    const cancelled = await step(c, 'cancel', town, reason);
    expect(cancelled).toMatchObject({ state: 'cancelled', stateLabel: '已取消', registrationOpen: false, actions: [] });
    expect(cancelled.history.at(-1)).toMatchObject({ action: 'cancel', fromState: 'open', toState: 'cancelled', comment: reason });
    // The entrant is told; nobody can register any more, and it is no longer listed as open.
    const messages = (await t.http<{ items: { title: string }[] }>('GET', '/messages?limit=50', { token: entrant })).body.items;
    expect(messages.map((m) => m.title)).toContain(`${c.title}：比赛已取消`);
    const toQuitter = await t.http<{ items: { title: string }[] }>('GET', '/messages?limit=50', { token: quitter.token });
    expect(toQuitter.body.items.map((m) => m.title)).not.toContain(`${c.title}：比赛已取消`);
    const late = await t.http('POST', `/competitions/${c.id}/entries`, { token: await newMember(), body: { eventId } });
    expect(late.status).toBe(409);
    const open = (await t.http<Page<CompetitionView>>('GET', '/competitions?filter=open&limit=50', { token: entrant })).body.items;
    expect(open.map((x) => x.id)).not.toContain(c.id);
    const again = await t.step(`/competitions/${c.id}`, {
      token: town,
      body: { action: 'open_registration', version: cancelled.version },
    });
    expect(again.status).toBe(409);
  }, 60_000);

  it('cancels from a draft and while running, but not once results are computed', async () => {
    const county = tokens.county_cadre;
    const draft = await post<CompetitionView>('/competitions', county, competition(), 201);
    expect((await step(draft, 'cancel', county, '计划调整，不再举办')).state).toBe('cancelled');

    let running = await post<CompetitionView>('/competitions', county, competition(), 201);
    running = await step(await step(running, 'open_registration'), 'close_registration');
    expect(running.state).toBe('running');
    const stopped = await step(running, 'cancel', county, '参赛人数不足，比赛取消');
    expect(stopped).toMatchObject({ state: 'cancelled' });
    expect(stopped.history.at(-1)).toMatchObject({ action: 'cancel', fromState: 'running', comment: '参赛人数不足，比赛取消' });

    let checking = await post<CompetitionView>('/competitions', county, competition(), 201);
    checking = await step(await step(await step(checking, 'open_registration'), 'close_registration'), 'compute_results');
    expect(checking.actions.map((a) => a.action)).not.toContain('cancel');
    const refused = await t.step(`/competitions/${checking.id}`, {
      token: county,
      body: { action: 'cancel', version: checking.version, comment: '不想办了' },
    });
    expect(refused.body.code).toBe('action_not_allowed');
    expect((await fresh(checking)).state).toBe('checking');
  }, 60_000);
});

describe('an entrant\u2019s own entries', () => {
  it('are paged newest first by keyset, not cut off; a bad cursor or page size is a 400', async () => {
    const { token } = await aMember(t);
    const organiser = await t.loginAs('county_cadre', COUNTY);
    const judge = await aPerson(t, 'judge');
    const made: { id: number; competitionId: number }[] = [];
    for (let i = 0; i < 3; i += 1) {
      const { competition } = await aCompetition(t, { organiser, judge, state: 'open' });
      made.push({ id: (await anEntry(t, competition, { worker: token })).entry.id, competitionId: competition.id });
    }
    expect(await expectKeysetPages(t, '/competitions/entries/mine', token, 2)).toEqual(made.map((e) => e.id).reverse());
    // A competition's page asks for the entries of that competition only.
    const ofOne = await t.http<Page<EntryView>>('GET', `/competitions/entries/mine?competitionId=${made[0].competitionId}`, { token });
    expect(ofOne.body).toEqual({ items: [expect.objectContaining({ id: made[0].id })], nextCursor: null });
    expect((await t.http('GET', '/competitions/entries/mine?competitionId=x', { token })).status).toBe(400);
  }, 60_000);
});

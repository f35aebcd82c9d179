import type { Page, ProposalStatistics, ProposalView } from '@union/shared';
import { DataSource } from 'typeorm';
import { today } from './hardship-fixtures';
import { itRaces, startTestApp, type TestApp } from './harness';
import { expectKeysetPages } from './paging';
import { aMember, aPerson, aProposal, CONSTRUCTION_UNION, COUNTY } from './factories';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
}, 60_000);
afterAll(() => t?.close());

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

const proposal = {
  title: '钢筋下料改用套裁表',
  problem: '现在钢筋下料凭经验，短料浪费多，每月损耗约 3 吨。',
  suggestion: '按图纸先排套裁表，长短料搭配下料，余料统一编号再用。',
  expectedBenefit: '每月少损耗钢材约 2 吨',
};

/** A member of 县城建筑公司工会, its cadre and a county expert, made for a test. */
async function people(): Promise<{ member: string; cadre: string; judge: string; judgeId: number }> {
  const member = (await aMember(t, { union: CONSTRUCTION_UNION })).token;
  const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
  const expert = await aPerson(t, 'judge', COUNTY);
  return { member, cadre, judge: expert.token, judgeId: expert.id };
}

describe('proposals (合理化建议)', () => {
  it('goes from submission to a graded, published proposal, and the author follows every step', async () => {
    const { member, cadre, judge, judgeId } = await people();
    const county = await t.loginAs('county_cadre', COUNTY);
    const stats0 = (await t.http<ProposalStatistics>('GET', '/proposals/statistics', { token: county })).body;
    const submitted = await post<ProposalView>('/proposals', member, proposal, 201);
    expect(submitted).toMatchObject({ state: 'submitted', organizationName: '县城建筑公司工会', registeredNo: null });
    expect(submitted.deadline?.workingDaysLeft).toBeGreaterThan(0);
    // Another worker cannot see it; an expert not assigned cannot either.
    expect((await t.http('GET', `/proposals/${submitted.id}`, { token: await t.newWorker('nosy') })).status).toBe(404);
    expect((await t.http('GET', `/proposals/${submitted.id}`, { token: judge })).status).toBe(404);

    const registered = await post<ProposalView>(`/proposals/${submitted.id}/register`, cadre, {
      version: submitted.version,
      expertUserIds: [judgeId],
    });
    expect(registered.registeredNo).toMatch(new RegExp(`^JY${today().slice(0, 4)}-\\d{4}$`));
    const early = await t.http('POST', `/proposals/${submitted.id}/decide`, {
      token: cadre,
      body: { version: registered.version, adopt: true },
    });
    expect(early.status).toBe(409);
    const assigned = (await t.http<Page<ProposalView>>('GET', '/proposals?limit=50', { token: judge })).body.items;
    expect(assigned.find((p) => p.id === submitted.id)?.awaitingMyOpinion).toBe(true);
    await post(`/proposals/${submitted.id}/opinions`, judge, { recommend: 'adopt', opinion: '思路可行，建议在三个班组先试行。' });
    const twice = await t.http('POST', `/proposals/${submitted.id}/opinions`, {
      token: judge,
      body: { recommend: 'adopt', opinion: '再说一次意见' },
    });
    expect(twice.status).toBe(400);

    const noReason = await t.http('POST', `/proposals/${submitted.id}/decide`, {
      token: cadre,
      body: { version: registered.version, adopt: false },
    });
    expect(noReason.status).toBe(400);
    const adopted = await post<ProposalView>(`/proposals/${submitted.id}/decide`, cadre, { version: registered.version, adopt: true });
    expect(adopted.state).toBe('adopted');
    const implemented = await post<ProposalView>(`/proposals/${submitted.id}/implement`, cadre, {
      version: adopted.version,
      implementedOn: today(),
      note: '钢筋班已按套裁表下料。',
    });
    const evaluated = await post<ProposalView>(`/proposals/${submitted.id}/evaluate`, cadre, {
      version: implemented.version,
      benefitFen: 8_000_000,
      grade: 'second',
    });
    expect(evaluated).toMatchObject({ state: 'evaluated', gradeLabel: '二等奖', benefitFen: 8_000_000 });
    const published = await postStep<ProposalView>(`/proposals/${submitted.id}`, cadre, {
      action: 'publish',
      version: evaluated.version,
    });
    expect(published.state).toBe('published');

    const mine = (await t.http<Page<ProposalView>>('GET', '/proposals/mine', { token: member })).body.items.find(
      (p) => p.id === submitted.id,
    );
    expect(mine?.history.map((h) => h.action)).toEqual(['submit', 'register', 'adopt', 'implement', 'evaluate', 'publish']);
    const messages = (await t.http<{ items: { title: string }[] }>('GET', '/messages?limit=50', { token: member })).body.items.map(
      (m) => m.title,
    );
    expect(messages).toEqual(expect.arrayContaining(['合理化建议：已采纳', '合理化建议：已评估定级', '合理化建议：已公布']));

    const stats = (await t.http<ProposalStatistics>('GET', '/proposals/statistics', { token: county })).body;
    const seconds = (s: ProposalStatistics) => s.byGrade.find((g) => g.grade === 'second')?.count ?? 0;
    expect(stats).toMatchObject({
      submitted: stats0.submitted + 1,
      adopted: stats0.adopted + 1,
      implemented: stats0.implemented + 1,
      benefitFen: stats0.benefitFen + 8_000_000,
    });
    expect(seconds(stats)).toBe(seconds(stats0) + 1);
  });

  it('tells the author why when not adopted, and refuses non-members and bad input', async () => {
    const { member, cadre, judge, judgeId } = await people();
    const p = await post<ProposalView>('/proposals', member, { ...proposal, title: '食堂增加夜班餐' }, 201);
    const r = await post<ProposalView>(`/proposals/${p.id}/register`, cadre, { version: p.version, expertUserIds: [judgeId] });
    await post(`/proposals/${p.id}/opinions`, judge, { recommend: 'reject', opinion: '属于后勤管理事项，建议转交工会福利委员会。' });
    const rejected = await post<ProposalView>(`/proposals/${p.id}/decide`, cadre, {
      version: r.version,
      adopt: false,
      reason: '属于后勤福利事项，已转交工会福利委员会办理',
    });
    expect(rejected).toMatchObject({ state: 'not_adopted', decisionReason: '属于后勤福利事项，已转交工会福利委员会办理' });

    const worker = await t.newWorker('nonmember');
    expect((await t.http('POST', '/proposals', { token: worker, body: proposal })).body.code).toBe('not_a_member');
    const before = await t.count('proposals');
    for (const body of [{ ...proposal, title: '' }, { ...proposal, problem: '太短' }, { ...proposal, suggestion: 42 }, {}]) {
      expect((await t.http('POST', '/proposals', { token: member, body })).status).toBe(400);
    }
    expect(
      (await t.http('POST', `/proposals/${p.id}/register`, { token: cadre, body: { version: 1, expertUserIds: [judgeId] } })).status,
    ).toBe(409);
    expect(await t.count('proposals')).toBe(before);
  });

  it('lets the author withdraw a proposal before it is registered, and nobody else', async () => {
    const { member, cadre, judgeId } = await people();
    const p = await post<ProposalView>('/proposals', member, { ...proposal, title: '仓库增设防潮垫板' }, 201);
    expect(p.actions.map((a) => a.action)).toEqual(['withdraw']);
    expect(p.actions[0].confirm).toBeTruthy();
    // The union's cadre registers proposals but cannot withdraw one; another worker cannot even see it.
    const history = await t.count('case_history');
    const byCadre = await t.step(`/proposals/${p.id}`, {
      token: cadre,
      body: { action: 'withdraw', version: p.version },
    });
    expect(byCadre.body.code).toBe('action_not_allowed');
    const byOther = await t.step(`/proposals/${p.id}`, {
      token: await t.newWorker('otherauthor'),
      body: { action: 'withdraw', version: p.version },
    });
    expect(byOther.status).toBe(404);
    expect(await t.count('case_history')).toBe(history);
    expect((await t.http<ProposalView>('GET', `/proposals/${p.id}`, { token: member })).body).toMatchObject({
      state: 'submitted',
      version: p.version,
    });

    const withdrawn = await postStep<ProposalView>(`/proposals/${p.id}`, member, { action: 'withdraw', version: p.version });
    expect(withdrawn).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', nextStep: '建议已撤回', actions: [], deadline: null });
    expect(withdrawn.history.map((h) => h.action)).toEqual(['submit', 'withdraw']);
    // The cadre sees it withdrawn and can no longer register it.
    const seen = (await t.http<ProposalView>('GET', `/proposals/${p.id}`, { token: cadre })).body;
    expect(seen).toMatchObject({ state: 'withdrawn', actions: [] });
    const late = await t.http('POST', `/proposals/${p.id}/register`, {
      token: cadre,
      body: { version: withdrawn.version, expertUserIds: [judgeId] },
    });
    expect(late.body.code).toBe('action_not_allowed');

    // Once registered, the author can no longer withdraw.
    const q = await post<ProposalView>('/proposals', member, { ...proposal, title: '班前会增加安全提问' }, 201);
    const registered = await post<ProposalView>(`/proposals/${q.id}/register`, cadre, { version: q.version, expertUserIds: [judgeId] });
    const mine = (await t.http<ProposalView>('GET', `/proposals/${q.id}`, { token: member })).body;
    expect(mine.actions).toEqual([]);
    const tooLate = await t.step(`/proposals/${q.id}`, {
      token: member,
      body: { action: 'withdraw', version: registered.version },
    });
    expect(tooLate.body.code).toBe('action_not_allowed');
    expect((await t.http<ProposalView>('GET', `/proposals/${q.id}`, { token: member })).body.state).toBe('under_review');
  });
});

describe('a member\u2019s own proposals', () => {
  it('are paged newest first by keyset, not cut off; a bad cursor or page size is a 400', async () => {
    const author = (await aMember(t)).token;
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const expert = await aPerson(t, 'judge');
    const made: number[] = [];
    for (let i = 0; i < 3; i += 1) made.push((await aProposal(t, { author, cadre, expert })).proposal.id);
    expect(await expectKeysetPages(t, '/proposals/mine', author, 2)).toEqual([...made].reverse());
  }, 60_000);
});

describe('registration numbers (JY<year>-<n>)', () => {
  const year = () => today().slice(0, 4);
  const numbered = (n: number) => `JY${year()}-${String(n).padStart(4, '0')}`;
  const sequenceOf = (p: ProposalView) => Number(p.registeredNo?.slice(7));

  it('numbers the year’s registrations one after another; a year without its counter row continues after the numbers given', async () => {
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const expert = await aPerson(t, 'judge');
    const first = (await aProposal(t, { cadre, expert, state: 'under_review' })).proposal;
    const second = (await aProposal(t, { cadre, expert, state: 'under_review' })).proposal;
    expect(second.registeredNo).toBe(numbered(sequenceOf(first) + 1));
    // As on a database from before the counter: the year's numbers so far are counted once, then the row takes over.
    const ds = t.app.get(DataSource);
    await ds.query('DELETE FROM proposal_counters WHERE year = ?', [Number(year())]);
    const [given] = (await ds.query('SELECT COUNT(*) AS n FROM proposals WHERE registered_no LIKE ?', [`JY${year()}-%`])) as {
      n: string | number;
    }[];
    const third = (await aProposal(t, { cadre, expert, state: 'under_review' })).proposal;
    expect(third.registeredNo).toBe(numbered(Number(given.n) + 1));
    const fourth = (await aProposal(t, { cadre, expert, state: 'under_review' })).proposal;
    expect(fourth.registeredNo).toBe(numbered(Number(given.n) + 2));
  }, 60_000);

  itRaces(
    'gives registrations at once different numbers, one after another, none refused (MySQL/MariaDB)',
    async () => {
      const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
      const expert = await aPerson(t, 'judge');
      const submitted: ProposalView[] = [];
      for (let i = 0; i < 4; i += 1) submitted.push((await aProposal(t, { cadre, expert })).proposal);
      const answers = await Promise.all(
        submitted.map((p) =>
          t.http<ProposalView>('POST', `/proposals/${p.id}/register`, {
            token: cadre,
            body: { version: p.version, expertUserIds: [expert.id] },
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      const sequences = answers.map((a) => sequenceOf(a.body)).sort((a, b) => a - b);
      expect(sequences).toEqual([0, 1, 2, 3].map((i) => sequences[0] + i));
    },
    60_000,
  );
});

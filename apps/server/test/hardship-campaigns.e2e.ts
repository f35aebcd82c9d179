import { addDays } from '@union/shared';
import type {
  CampaignView,
  GrantApplicationView,
  HardshipApplicationView,
  HardshipFileView,
  HardshipStatistics,
  Page,
} from '@union/shared';
import { fileHousehold, hardshipApplication, newIdNumberFor, organizationIds, today, uploadJpeg } from './hardship-fixtures';
import { startTestApp, type TestApp } from './harness';
import { expectKeysetPages } from './paging';

let t: TestApp;
let orgId: (name: string) => number;

beforeAll(async () => {
  t = await startTestApp();
  orgId = await organizationIds(t);
}, 60_000);
afterAll(() => t?.close());

async function filedWorker(name: string): Promise<{ token: string; fileId: number }> {
  const token = await t.newWorker(name);
  const res = await t.http<HardshipApplicationView>('POST', '/hardship/applications', {
    token,
    body: hardshipApplication(orgId('县城建筑公司工会')),
  });
  expect(res.status).toBe(201);
  const filed = await fileHousehold(t, res.body);
  return { token, fileId: filed.fileId as number };
}

const year = () => today().slice(0, 4);

describe('送温暖', () => {
  it('pays selected households from the campaign budget and lists who has not signed', async () => {
    const county = await t.loginAs('county_cadre');
    const [a, b, c] = [await filedWorker('ww1'), await filedWorker('ww2'), await filedWorker('ww3')];
    const created = await t.http<CampaignView>('POST', '/hardship/campaigns', {
      token: county,
      body: {
        kind: 'winter_warmth',
        title: `${year()}年送温暖`,
        budgetFen: 150_000,
        startsOn: today(),
        endsOn: `${year()}-12-31`,
        eligibility: '在档困难职工家庭',
        amounts: { perHouseholdFen: 60_000 },
        fundSource: '送温暖专项资金',
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const byTown = await t.http('POST', `/hardship/campaigns/${id}/select`, {
      token: await t.loginAs('town_cadre'),
      body: { fileIds: [a.fileId] },
    });
    expect(byTown.status).toBe(403);
    const selected = await t.http<CampaignView>('POST', `/hardship/campaigns/${id}/select`, {
      token: county,
      body: { fileIds: [a.fileId, b.fileId] },
    });
    expect(selected.status).toBe(200);
    expect(selected.body).toMatchObject({ usedFen: 120_000, householdsReached: 2 });
    expect(selected.body.selectedFileIds.sort()).toEqual([a.fileId, b.fileId].sort());
    const twice = await t.http('POST', `/hardship/campaigns/${id}/select`, { token: county, body: { fileIds: [a.fileId] } });
    expect(twice.status).toBe(409);
    const over = await t.http('POST', `/hardship/campaigns/${id}/select`, { token: county, body: { fileIds: [c.fileId] } });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('over_budget');

    // Pay A's record; it shows as not signed until A signs in the app.
    const fileA = (await t.http<HardshipFileView>('GET', `/hardship/files/${a.fileId}`, { token: a.token })).body;
    const record = fileA.aid.find((r) => r.aidType === 'winter_warmth');
    expect(record?.state).toBe('approved');
    const paid = await t.http<{ version: number }>('POST', `/hardship/aid/${record?.id}/pay`, {
      token: county,
      body: { version: record?.version, paymentReference: 'SNW-0001' },
    });
    expect(paid.status).toBe(200);
    let view = (await t.http<CampaignView>('GET', `/hardship/campaigns/${id}`, { token: county })).body;
    expect(view.unsigned.map((u) => u.aidId)).toEqual([record?.id]);
    const workerView = (await t.http<CampaignView>('GET', `/hardship/campaigns/${id}`, { token: a.token })).body;
    expect(workerView.unsigned).toEqual([]);
    await t.step(`/hardship/aid/${record?.id}`, {
      token: a.token,
      body: { action: 'sign', version: paid.body.version },
    });
    view = (await t.http<CampaignView>('GET', `/hardship/campaigns/${id}`, { token: county })).body;
    expect(view.unsigned).toEqual([]);
    // The list of campaigns: the county sees the households chosen; a worker sees the campaign without them.
    const listed = async (token: string) =>
      (await t.http<Page<CampaignView>>('GET', '/hardship/campaigns', { token })).body.items.find((campaign) => campaign.id === id);
    expect((await listed(county))?.selectedFileIds.sort()).toEqual([a.fileId, b.fileId].sort());
    expect(await listed(a.token)).toMatchObject({ usedFen: 120_000, householdsReached: 2, selectedFileIds: [], unsigned: [] });
  }, 60_000);
});

describe('金秋助学', () => {
  it('takes a filed family\u2019s application per student, approves it from the budget and pays it as aid', async () => {
    const county = await t.loginAs('county_cadre');
    const created = await t.http<CampaignView>('POST', '/hardship/campaigns', {
      token: county,
      body: {
        kind: 'autumn_school_grant',
        title: `${year()}年金秋助学`,
        budgetFen: 1_000_000,
        startsOn: today(),
        endsOn: `${year()}-12-31`,
        eligibility: '在档困难职工家庭子女，当年考入大学或高中',
        amounts: {},
        fundSource: '金秋助学专项资金',
      },
    });
    expect(created.body.amounts.perStudentFen).toEqual({ university: 500_000, high_school: 300_000 });
    const id = created.body.id;
    const { token, fileId } = await filedWorker('grant');
    const proof = await uploadJpeg(t, token, 'admission_proof');
    const student = newIdNumberFor();
    const applied = await t.http<GrantApplicationView>('POST', `/hardship/campaigns/${id}/grants`, {
      token,
      body: {
        studentName: '马小牛',
        studentIdNumber: student,
        schoolLevel: 'university',
        schoolName: '省理工大学',
        admissionUploadId: proof.id,
      },
    });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ state: 'submitted', amountFen: 500_000, studentNameMasked: '马**' });
    expect(applied.body.admissionProof).toHaveLength(1);
    const again = await t.http('POST', `/hardship/campaigns/${id}/grants`, {
      token,
      body: {
        studentName: '马小牛',
        studentIdNumber: student,
        schoolLevel: 'university',
        schoolName: '省理工大学',
        admissionUploadId: (await uploadJpeg(t, token, 'admission_proof')).id,
      },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('grant_already_applied');

    const notFiled = await t.newWorker('nofile');
    const refused = await t.http('POST', `/hardship/campaigns/${id}/grants`, {
      token: notFiled,
      body: {
        studentName: '路人甲',
        studentIdNumber: newIdNumberFor(),
        schoolLevel: 'high_school',
        schoolName: '县一中',
        admissionUploadId: (await uploadJpeg(t, notFiled, 'admission_proof')).id,
      },
    });
    expect(refused.status).toBe(409);

    const grassroots = await t.step(`/hardship/grants/${applied.body.id}`, {
      token: await t.loginAs('grassroots_cadre'),
      body: { action: 'approve', version: applied.body.version },
    });
    expect(grassroots.status).toBe(409);
    const approved = await t.step<GrantApplicationView>(`/hardship/grants/${applied.body.id}`, {
      token: county,
      body: { action: 'approve', version: applied.body.version },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.aidId).not.toBeNull();
    const file = (await t.http<HardshipFileView>('GET', `/hardship/files/${fileId}`, { token })).body;
    expect(file.aid.find((r) => r.id === approved.body.aidId)).toMatchObject({
      aidType: 'education',
      amountFen: 500_000,
      state: 'approved',
    });
    const campaign = (await t.http<CampaignView>('GET', `/hardship/campaigns/${id}`, { token: county })).body;
    expect(campaign).toMatchObject({ usedFen: 500_000, householdsReached: 1 });
  }, 60_000);
});

describe('statistics', () => {
  it('counts applications, files, aid and campaigns from the records, for a period and a part of the tree', async () => {
    const county = await t.loginAs('county_cadre');
    // Filing lets a five-day notice run out by moving the clock (here and in the tests before):
    // the period reaches a month past today, so every record made so far is in it.
    const period = `from=${year()}-01-01&to=${addDays(today(), 30)}`;
    const all = await t.http<HardshipStatistics>('GET', `/hardship/statistics?${period}`, { token: county });
    expect(all.status).toBe(200);
    const { fileId } = await filedWorker('stats');
    const aid = await t.http<{ id: number }>('POST', `/hardship/files/${fileId}/aid`, {
      token: county,
      body: { aidType: 'medical', amountFen: 123_400, fundSource: '县总工会医疗救助资金' },
    });
    expect(aid.status).toBe(201);
    const after = (await t.http<HardshipStatistics>('GET', `/hardship/statistics?${period}`, { token: county })).body;
    expect(after.applications.submitted).toBe(all.body.applications.submitted + 1);
    expect(after.applications.filed).toBe(all.body.applications.filed + 1);
    expect(after.files.filed).toBe(all.body.files.filed + 1);
    const medical = (s: HardshipStatistics) => s.aid.byType.find((b) => b.aidType === 'medical')?.amountFen ?? 0;
    expect(medical(after)).toBe(medical(all.body) + 123_400);

    // 万安镇 sees only its own part of the tree; another town's figures are not its business.
    const town2 = await t.loginAs('town2_cadre');
    const wanan = (await t.http<HardshipStatistics>('GET', '/hardship/statistics', { token: town2 })).body;
    expect(wanan.organizationName).toBe('万安镇总工会');
    expect(wanan.applications.submitted).toBeLessThan(after.applications.submitted);
    const chengguanId = orgId('城关镇总工会');
    expect((await t.http('GET', `/hardship/statistics?organizationId=${chengguanId}`, { token: town2 })).status).toBe(404);
    expect((await t.http('GET', '/hardship/statistics?from=2026-02-30&to=2026-03-01', { token: county })).status).toBe(400);
  }, 60_000);
});

describe('金秋助学: rejecting and withdrawing', () => {
  /** A grant campaign open today, and a filed family's application for one university student. */
  async function grantApplication(name: string) {
    const county = await t.loginAs('county_cadre');
    const campaign = await t.http<CampaignView>('POST', '/hardship/campaigns', {
      token: county,
      body: {
        kind: 'autumn_school_grant',
        title: `${year()}年金秋助学（${name}）`,
        budgetFen: 1_000_000,
        startsOn: today(),
        endsOn: `${year()}-12-31`,
        eligibility: '在档困难职工家庭子女，当年考入大学或高中',
        amounts: {},
        fundSource: '金秋助学专项资金',
      },
    });
    expect(campaign.status).toBe(201);
    const { token, fileId } = await filedWorker(name);
    const applied = await t.http<GrantApplicationView>('POST', `/hardship/campaigns/${campaign.body.id}/grants`, {
      token,
      body: {
        studentName: '马小牛',
        studentIdNumber: newIdNumberFor(),
        schoolLevel: 'university',
        schoolName: '省理工大学',
        admissionUploadId: (await uploadJpeg(t, token, 'admission_proof')).id,
      },
    });
    expect(applied.status).toBe(201);
    return { county, worker: token, fileId, campaignId: campaign.body.id, grant: applied.body };
  }

  const grantStep = (token: string, id: number, body: Record<string, unknown>) =>
    t.step<GrantApplicationView>(`/hardship/grants/${id}`, { token, body });

  /** Each attempt is refused with its status, and the grant is left as it was. */
  async function expectRefused(
    grant: GrantApplicationView,
    attempts: [who: string, token: string, body: Record<string, unknown>, status: number][],
  ) {
    for (const [who, token, body, status] of attempts) {
      const res = await grantStep(token, grant.id, body);
      expect({ who, status: res.status }).toEqual({ who, status });
    }
    const after = (await t.http<GrantApplicationView>('GET', `/hardship/grants/${grant.id}`, { token: await t.loginAs('county_cadre') }))
      .body;
    expect({ state: after.state, version: after.version, history: after.history.length }).toEqual({
      state: grant.state,
      version: grant.version,
      history: grant.history.length,
    });
  }

  const messagesOf = async (token: string) =>
    (await t.http<{ items: { title: string; body: string }[] }>('GET', '/messages?limit=50', { token })).body.items;

  it('the county rejects a grant with a reason: no aid, no budget spent, and the worker is told why', async () => {
    const { county, worker, fileId, campaignId, grant } = await grantApplication('grej');
    const reason = '录取通知书上的学生姓名与户口簿不一致，请核实后重新申请。';
    await expectRefused(grant, [
      ['the grassroots union', await t.loginAs('grassroots_cadre'), { action: 'reject', version: grant.version, comment: reason }, 409],
      ['the town', await t.loginAs('town_cadre'), { action: 'reject', version: grant.version, comment: reason }, 409],
      ['the worker', worker, { action: 'reject', version: grant.version, comment: reason }, 409],
      ['another town', await t.loginAs('town2_cadre'), { action: 'reject', version: grant.version, comment: reason }, 404],
      ['no reason', county, { action: 'reject', version: grant.version }, 400],
    ]);
    const offered = await t.actionsOf(`/hardship/grants/${grant.id}`, {
      token: county,
    });
    expect(offered.body.map((a) => a.action).sort()).toEqual(['approve', 'reject']);
    expect(offered.body.find((a) => a.action === 'reject')?.requiresComment).toBe(true);

    const rejected = await grantStep(county, grant.id, { action: 'reject', version: grant.version, comment: reason });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', stateLabel: '未通过', nextStep: '可查看原因', aidId: null, deadline: null });
    expect(rejected.body.history.at(-1)).toMatchObject({ action: 'reject', actionLabel: '不予批准', toState: 'rejected', comment: reason });
    const approveLate = await grantStep(county, grant.id, { action: 'approve', version: rejected.body.version });
    expect(approveLate.status).toBe(409);

    const campaign = (await t.http<CampaignView>('GET', `/hardship/campaigns/${campaignId}`, { token: county })).body;
    expect(campaign.usedFen).toBe(0);
    const file = (await t.http<HardshipFileView>('GET', `/hardship/files/${fileId}`, { token: worker })).body;
    expect(file.aid.filter((r) => r.aidType === 'education')).toEqual([]);
    const mine = await t.http<Page<GrantApplicationView>>('GET', '/hardship/grants/mine', { token: worker });
    expect(mine.body.items.find((g) => g.id === grant.id)?.state).toBe('rejected');
    expect((await messagesOf(worker)).find((m) => m.title === '金秋助学未通过')?.body).toBe(reason);
  }, 60_000);

  it('the worker withdraws a grant application under review; nobody else can', async () => {
    const { county, worker, campaignId, grant } = await grantApplication('gwd');
    await expectRefused(grant, [
      ['the county', county, { action: 'withdraw', version: grant.version }, 409],
      ['another worker', await t.newWorker('gwdnosy'), { action: 'withdraw', version: grant.version }, 404],
      ['a version not current', worker, { action: 'withdraw', version: grant.version + 1 }, 409],
    ]);
    const offered = await t.actionsOf(`/hardship/grants/${grant.id}`, { token: worker });
    expect(offered.body.map((a) => a.action)).toEqual(['withdraw']);

    const withdrawn = await grantStep(worker, grant.id, { action: 'withdraw', version: grant.version });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', nextStep: '申请已撤回', aidId: null });
    expect(withdrawn.body.history.at(-1)).toMatchObject({ action: 'withdraw', fromState: 'submitted', toState: 'withdrawn' });
    // The county has nothing left to approve, and nothing was spent.
    const approveLate = await grantStep(county, grant.id, { action: 'approve', version: withdrawn.body.version });
    expect(approveLate.status).toBe(409);
    expect((await t.http<CampaignView>('GET', `/hardship/campaigns/${campaignId}`, { token: county })).body.usedFen).toBe(0);
    expect((await messagesOf(worker)).map((m) => m.title)).toContain('金秋助学申请已撤回');
  }, 60_000);
});

describe('the lists of campaigns and of grant applications are paged', () => {
  const grantCampaign = (county: string, title: string) =>
    t.http<CampaignView>('POST', '/hardship/campaigns', {
      token: county,
      body: {
        kind: 'autumn_school_grant',
        title,
        budgetFen: 1_000_000,
        startsOn: today(),
        endsOn: `${year()}-12-31`,
        eligibility: '在档困难职工家庭子女，当年考入大学或高中',
        amounts: {},
        fundSource: '金秋助学专项资金',
      },
    });

  it('pages the campaigns newest first by keyset, not cut off; a bad cursor or page size is a 400', async () => {
    const county = await t.loginAs('county_cadre');
    const made: number[] = [];
    for (const n of [1, 2, 3]) {
      const created = await grantCampaign(county, `${year()}年金秋助学（分页${n}）`);
      expect(created.status).toBe(201);
      made.push(created.body.id);
    }
    const walked = await expectKeysetPages(t, '/hardship/campaigns', county, 2);
    expect(walked.slice(0, 3)).toEqual([...made].reverse());
    // A worker pages the same campaigns (without the budget's detail).
    expect(await expectKeysetPages(t, '/hardship/campaigns', await t.newWorker('campaignpages'), 2)).toEqual(walked);
  }, 60_000);

  it('pages a worker\u2019s own grant applications, newest first', async () => {
    const county = await t.loginAs('county_cadre');
    const campaign = await grantCampaign(county, `${year()}年金秋助学（我的申请分页）`);
    expect(campaign.status).toBe(201);
    const { token } = await filedWorker('grantpages');
    const applied: number[] = [];
    for (const studentName of ['马小一', '马小二', '马小三']) {
      const res = await t.http<GrantApplicationView>('POST', `/hardship/campaigns/${campaign.body.id}/grants`, {
        token,
        body: {
          studentName,
          studentIdNumber: newIdNumberFor(),
          schoolLevel: 'university',
          schoolName: '省理工大学',
          admissionUploadId: (await uploadJpeg(t, token, 'admission_proof')).id,
        },
      });
      expect(res.status).toBe(201);
      applied.push(res.body.id);
    }
    expect(await expectKeysetPages(t, '/hardship/grants/mine', token, 2)).toEqual([...applied].reverse());
    const last = await t.http<Page<GrantApplicationView>>('GET', '/hardship/grants/mine?limit=2', { token });
    expect(last.body.items[0]).toMatchObject({ id: applied[2], campaignTitle: campaign.body.title, schoolName: '省理工大学' });
    expect(last.body.items[0].history.length).toBeGreaterThan(0);
  }, 60_000);
});

import {
  CONSENT_VERSIONS,
  HARDSHIP_CONSENT_VERSIONS,
  type AssistanceRecordView,
  type HardshipApplicationSummary,
  type HardshipApplicationView,
  type HardshipFileSummary,
  type HardshipFileView,
  type HardshipRuleSetView,
  type HardshipSelfTestResult,
  type HardshipStatistics,
  type OrganizationView,
  type Page,
  type PublicNoticeView,
  type WorkbenchItem,
} from '@union/shared';
import { DataSource } from 'typeorm';
import { aHardshipCase, endNotice, fileHousehold, hardshipApplication, today, uploadJpeg } from './hardship-fixtures';
import { newIdNumber, newPhone, startTestApp, type TestApp } from './harness';
import { expectKeysetPages } from './paging';

let t: TestApp;
let orgs: Map<string, OrganizationView>;

beforeAll(async () => {
  t = await startTestApp();
  const token = await t.loginAs('county_cadre');
  const res = await t.http<OrganizationView[]>('GET', '/organizations/search?q=%E5%B7%A5%E4%BC%9A&limit=50', { token });
  orgs = new Map(res.body.map((o) => [o.name, o]));
}, 60_000);
afterAll(() => t?.close());

const orgId = (name: string) => {
  const org = orgs.get(name);
  if (!org) throw new Error(`no organisation ${name}`);
  return org.id;
};

const application = (overrides: Record<string, unknown> = {}) => hardshipApplication(orgId('县城建筑公司工会'), overrides);

async function submit(token: string, body = application()) {
  const res = await t.http<HardshipApplicationView>('POST', '/hardship/applications', { token, body });
  expect(res.status).toBe(201);
  return res.body;
}

/** Move an application through the grassroots steps up to the public notice. */
async function toNotice(appId: number): Promise<HardshipApplicationView> {
  const cadre = await t.loginAs('grassroots_cadre');
  let a = (await t.http<HardshipApplicationView>('GET', `/hardship/applications/${appId}`, { token: cadre })).body;
  a = (
    await t.step<HardshipApplicationView>(`/hardship/applications/${appId}`, {
      token: cadre,
      body: { action: 'pass_initial_review', version: a.version },
    })
  ).body;
  expect(a.state).toBe('home_visit');
  const visit = await t.http<HardshipApplicationView>('POST', `/hardship/applications/${appId}/home-visit`, {
    token: cadre,
    body: {
      version: a.version,
      visitedOn: today(),
      visitors: ['张干事', '李委员'],
      findings: '家中陈设简陋，爱人在家休养，与申报一致。',
      matchesDeclaration: true,
      photoUploadIds: [],
    },
  });
  expect(visit.status).toBe(200);
  const review = await t.http<HardshipApplicationView>('POST', `/hardship/applications/${appId}/democratic-review`, {
    token: cadre,
    body: {
      version: visit.body.version,
      meetingOn: today(),
      attendees: ['王委员', '李委员', '赵委员', '孙委员', '周委员'],
      votesFor: 5,
      votesAgainst: 0,
      abstentions: 0,
    },
  });
  expect(review.status).toBe(200);
  expect(review.body.state).toBe('public_notice');
  return review.body;
}

describe('self-test', () => {
  it('answers without a login with the likely category, why, and the rule version', async () => {
    const res = await t.http<HardshipSelfTestResult>('POST', '/hardship/self-test', {
      body: {
        householdSize: 3,
        annualIncomeFen: 3_000_000,
        essentialSpendingFen: 600_000,
        accidentCostsFen: 0,
        employmentType: 'employee',
        employmentMonths: 24,
        exclusions: [],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.category).toBe('severe');
    expect(res.body.reasons[0]).toContain('666.67 元');
    expect(res.body.ruleSetVersion).toBeGreaterThanOrEqual(1);
  });

  it('tells a migrant worker with 6 months of work why not', async () => {
    const res = await t.http<HardshipSelfTestResult>('POST', '/hardship/self-test', {
      body: {
        householdSize: 2,
        annualIncomeFen: 1_000_000,
        essentialSpendingFen: 0,
        accidentCostsFen: 0,
        employmentType: 'migrant_worker',
        employmentMonths: 6,
        exclusions: [],
      },
    });
    expect(res.body.eligible).toBe(false);
    expect(res.body.reasons[0]).toContain('12 个月');
  });
});

describe('the whole procedure', () => {
  it('runs from application to filed household to aid paid and signed', async () => {
    const worker = await t.newWorker('hs');
    const submitted = await submit(worker);
    expect(submitted.state).toBe('submitted');
    expect(submitted.assessment.category).toBe('relative');
    expect(submitted.members[1].idNumberMasked).toMatch(/^\d{3}\*+\d{3}[\dX]$/);
    expect(JSON.stringify(submitted)).not.toContain('尿毒症');
    expect(submitted.deadline).not.toBeNull();

    const notice = (await toNotice(submitted.id)).publicNotice;
    expect(notice?.content).toContain('马*');
    expect(notice?.content).not.toContain('尿毒症');
    const cadre = await t.loginAs('grassroots_cadre');
    let view = (await t.http<HardshipApplicationView>('GET', `/hardship/applications/${submitted.id}`, { token: cadre })).body;

    // The notice is still running: cannot move on.
    const early = await t.step(`/hardship/applications/${submitted.id}`, {
      token: cadre,
      body: { action: 'complete_public_notice', version: view.version },
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('notice_period_running');
    // The button says so before it is tapped: disabled, with the day the notice ends.
    const offered = await t.actionsOf(`/hardship/applications/${submitted.id}`, { token: cadre });
    expect(offered.body.find((a) => a.action === 'complete_public_notice')?.blockedReason).toMatch(
      /^公示期到 .+ 结束，之后才能报上级审核$/,
    );

    // An objection blocks the procedure until it is resolved.
    const other = await t.newWorker('objector');
    const objected = await t.http('POST', `/hardship/notices/${notice?.id}/objections`, {
      token: other,
      body: { channel: 'online', content: '据我所知他家在城里还有一套房。' },
    });
    expect(objected.status).toBe(201);
    await endNotice(t, notice?.id as number);
    const blocked = await t.step(`/hardship/applications/${submitted.id}`, {
      token: cadre,
      body: { action: 'complete_public_notice', version: view.version },
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('objection_open');
    view = (await t.http<HardshipApplicationView>('GET', `/hardship/applications/${submitted.id}`, { token: cadre })).body;
    const objectionId = view.publicNotice?.objections[0].id;
    const resolved = await t.http('POST', `/hardship/objections/${objectionId}/resolve`, {
      token: cadre,
      body: { resolution: '经核实该房屋为租住，异议不成立。', upheld: false },
    });
    expect(resolved.status).toBe(200);
    const completed = await t.step<HardshipApplicationView>(`/hardship/applications/${submitted.id}`, {
      token: cadre,
      body: { action: 'complete_public_notice', version: view.version },
    });
    expect(completed.status).toBe(200);
    expect(completed.body.state).toBe('town_review');

    // The grassroots cadre cannot do the town's or the county's step.
    const wrongLevel = await t.step(`/hardship/applications/${submitted.id}`, {
      token: cadre,
      body: { action: 'pass_town_review', version: completed.body.version },
    });
    expect(wrongLevel.status).toBe(409);
    expect(wrongLevel.body.code).toBe('action_not_allowed');

    const town = await t.loginAs('town_cadre');
    const townOk = await t.step<HardshipApplicationView>(`/hardship/applications/${submitted.id}`, {
      token: town,
      body: { action: 'pass_town_review', version: completed.body.version },
    });
    expect(townOk.body.state).toBe('county_approval');
    expect(townOk.body.holderName).toContain('总工会');

    const grassrootsFile = await t.http('POST', `/hardship/applications/${submitted.id}/file`, {
      token: cadre,
      body: { version: townOk.body.version, category: 'relative' },
    });
    expect(grassrootsFile.status).toBe(403);
    const townFile = await t.http('POST', `/hardship/applications/${submitted.id}/file`, {
      token: town,
      body: { version: townOk.body.version, category: 'relative' },
    });
    expect(townFile.status).toBe(403);

    const county = await t.loginAs('county_cadre');
    const filed = await t.http<HardshipApplicationView>('POST', `/hardship/applications/${submitted.id}/file`, {
      token: county,
      body: { version: townOk.body.version, category: 'relative' },
    });
    expect(filed.status).toBe(200);
    expect(filed.body.state).toBe('filed');
    expect(filed.body.fileId).not.toBeNull();
    expect(filed.body.history.map((h) => h.action)).toEqual([
      'submit',
      'pass_initial_review',
      'record_home_visit',
      'record_democratic_review',
      'complete_public_notice',
      'pass_town_review',
      'approve_and_file',
    ]);

    // Aid: over the ceiling is refused with the numbers; relative living aid is 8 × ¥800 = ¥6,400 a year.
    const fileId = filed.body.fileId as number;
    const over = await t.http('POST', `/hardship/files/${fileId}/aid`, {
      token: county,
      body: { aidType: 'living', amountFen: 700_000, fundSource: '县总工会帮扶资金' },
    });
    expect(over.status).toBe(409);
    expect(over.body.code).toBe('over_ceiling');
    expect(over.body.message).toContain('6400.00 元');
    const grassrootsAid = await t.http('POST', `/hardship/files/${fileId}/aid`, {
      token: cadre,
      body: { aidType: 'living', amountFen: 100_000, fundSource: '县总工会帮扶资金' },
    });
    expect(grassrootsAid.status).toBe(403);
    const aid = await t.http<AssistanceRecordView>('POST', `/hardship/files/${fileId}/aid`, {
      token: county,
      body: { aidType: 'living', amountFen: 500_000, fundSource: '县总工会帮扶资金' },
    });
    expect(aid.status).toBe(201);
    expect(aid.body.state).toBe('approved');
    const second = await t.http('POST', `/hardship/files/${fileId}/aid`, {
      token: county,
      body: { aidType: 'living', amountFen: 200_000, fundSource: '县总工会帮扶资金' },
    });
    expect(second.body.code).toBe('over_ceiling');
    expect(second.body.message).toContain('最多还能批 1400.00 元');

    // The worker cannot sign before payment; two payments at once: one wins.
    const early2 = await t.step(`/hardship/aid/${aid.body.id}`, {
      token: worker,
      body: { action: 'sign', version: aid.body.version },
    });
    expect(early2.status).toBe(409);
    const admin = await t.loginAs('county_admin');
    const pays = await Promise.all(
      [county, admin].map((token) =>
        t.http<AssistanceRecordView>('POST', `/hardship/aid/${aid.body.id}/pay`, {
          token,
          body: { version: aid.body.version, paymentReference: `NX2026112400${token.length % 10}` },
        }),
      ),
    );
    expect(pays.map((p) => p.status).sort()).toEqual([200, 409]);
    const paid = pays.find((p) => p.status === 200)?.body as AssistanceRecordView;
    expect(paid.state).toBe('paid');

    const mine = await t.http<Page<HardshipFileView>>('GET', '/hardship/files/mine', { token: worker });
    expect(mine.body.items).toHaveLength(1);
    expect(mine.body.nextCursor).toBeNull();
    expect(mine.body.items[0].aid[0].state).toBe('paid');
    expect(mine.body.items[0].thisYear.find((y) => y.aidType === 'living')).toMatchObject({ usedFen: 500_000, ceilingFen: 640_000 });
    const signed = await t.step<AssistanceRecordView>(`/hardship/aid/${aid.body.id}`, {
      token: worker,
      body: { action: 'sign', version: paid.version },
    });
    expect(signed.status).toBe(200);
    expect(signed.body.state).toBe('signed');
    expect(signed.body.signMethod).toBe('in_app');

    // The worker was told at every step.
    const messages = await t.http<{ items: { title: string }[] }>('GET', '/messages?limit=50', { token: worker });
    const titles = messages.body.items.map((m) => m.title);
    expect(titles).toEqual(
      expect.arrayContaining(['困难帮扶申请已提交', '帮扶申请进入公示', '已建立困难职工档案', '帮扶已发放', '已确认签收']),
    );
  }, 60_000);

  it('returns an application for material and takes it back when the worker adds it', async () => {
    const worker = await t.newWorker('ret');
    const a = await submit(worker);
    const cadre = await t.loginAs('grassroots_cadre');
    const returned = await t.http<HardshipApplicationView>('POST', `/hardship/applications/${a.id}/return`, {
      token: cadre,
      body: { version: a.version, missingItems: ['医院诊断证明', '户口簿'], comment: '请补充爱人的诊断证明和户口簿。' },
    });
    expect(returned.status).toBe(200);
    expect(returned.body.state).toBe('needs_material');
    const seen = await t.http<HardshipApplicationView>('GET', `/hardship/applications/${a.id}`, { token: worker });
    expect(seen.body.missingItems).toEqual(['医院诊断证明', '户口簿']);
    expect(seen.body.holderName).toContain('您');
    const empty = await t.http('POST', `/hardship/applications/${a.id}/resubmit`, {
      token: worker,
      body: { version: seen.body.version, evidenceUploadIds: [] },
    });
    expect(empty.status).toBe(400);
    const back = await t.http<HardshipApplicationView>('POST', `/hardship/applications/${a.id}/resubmit`, {
      token: worker,
      body: { version: seen.body.version, evidenceUploadIds: [], note: '诊断证明原件已交到工会办公室' },
    });
    expect(back.status).toBe(200);
    expect(back.body.state).toBe('submitted');
    expect(back.body.missingItems).toEqual([]);
  });
});

describe('scope and duplicates', () => {
  it('answers 404 to a cadre of another town and to another worker', async () => {
    const a = await submit(await t.newWorker('scope'));
    for (const token of [await t.loginAs('town2_cadre'), await t.newWorker('nosy')]) {
      expect((await t.http('GET', `/hardship/applications/${a.id}`, { token })).status).toBe(404);
      expect(
        (
          await t.step(`/hardship/applications/${a.id}`, {
            token,
            body: { action: 'reject', version: a.version, comment: 'x' },
          })
        ).status,
      ).toBe(404);
    }
    const town2 = await t.loginAs('town2_cadre');
    const queue = await t.http<{ items: WorkbenchItem[] }>('GET', '/workbench/queue?limit=50', { token: town2 });
    expect(queue.body.items.some((i) => i.caseType === 'hardship_application' && i.id === a.id)).toBe(false);
    const own = await t.http<{ items: WorkbenchItem[] }>('GET', '/workbench/queue?limit=50', {
      token: await t.loginAs('grassroots_cadre'),
    });
    expect(own.body.items.some((i) => i.caseType === 'hardship_application' && i.id === a.id)).toBe(true);
  });

  it('flags a household whose member is already in another open application, county-wide', async () => {
    const spouseId = newIdNumber();
    const a = application();
    (a.members as { idNumber: string }[])[1].idNumber = spouseId;
    await submit(await t.newWorker('dup2'), a);
    const b = application({ organizationId: orgId('万安食品有限公司工会') });
    (b.members as { idNumber: string }[])[1].idNumber = spouseId;
    const flagged = await submit(await t.newWorker('dup3'), b);
    expect(flagged.duplicates).toHaveLength(1);
    expect(flagged.duplicates[0]).toMatchObject({ kind: 'application', organizationName: '县城建筑公司工会' });
  });

  it('needs the privacy notice, and takes the two hardship consents with the application itself', async () => {
    const login = await t.http<{ accessToken: string }>('POST', '/auth/wechat-login', { body: { code: `user-fresh${Date.now()}-1` } });
    const token = login.body.accessToken;
    const refused = await t.http('POST', '/hardship/applications', { token, body: application() });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('consent_required');
    await t.http('POST', '/me/consents', { token, body: { kind: 'privacy_notice', version: CONSENT_VERSIONS.privacy_notice } });
    const accepted = await t.http('POST', '/hardship/applications', { token, body: application() });
    expect(accepted.status).toBe(201);
  });

  it('refuses a second open application of the same person', async () => {
    const body = application();
    await submit(await t.newWorker('twice'), body);
    const again = await t.http('POST', '/hardship/applications', {
      token: await t.newWorker('twice2'),
      body: { ...body, phone: newPhone() },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('hardship_application_open');
  });
});

describe('bad input', () => {
  it.each([
    ['a wrong ID checksum', (b: Record<string, unknown>) => ((b.members as { idNumber: string }[])[0].idNumber = '110105194912310021')],
    [
      'an old consent version',
      (b: Record<string, unknown>) => (b.consents = { sensitiveData: 'old', financeCheck: HARDSHIP_CONSENT_VERSIONS.financeCheck }),
    ],
    [
      'a first member who is not the applicant',
      (b: Record<string, unknown>) => ((b.members as { relation: string }[])[0].relation = 'spouse'),
    ],
    ['an unknown field', (b: Record<string, unknown>) => (b.isAdmin = true)],
    ['a negative income', (b: Record<string, unknown>) => ((b.members as { annualIncomeFen: number }[])[0].annualIncomeFen = -1)],
    ['an amount as a string', (b: Record<string, unknown>) => (b.essentialSpendingFen = '1000')],
    ['SQL in a name', (b: Record<string, unknown>) => ((b.members as { name: string }[])[0].name = "x'; DROP TABLE users;--")],
    ['a bank card with letters', (b: Record<string, unknown>) => ((b.bankAccount as { accountNumber: string }).accountNumber = '6228abc')],
  ])('refuses %s with 400 and writes nothing', async (_name, spoil) => {
    const token = await t.newWorker('bad');
    const before = await Promise.all(['hardship_applications', 'hardship_household_members', 'workflow_cases'].map((x) => t.count(x)));
    const body = application();
    spoil(body as Record<string, unknown>);
    const res = await t.http('POST', '/hardship/applications', { token, body });
    expect(res.status).toBe(400);
    const after = await Promise.all(['hardship_applications', 'hardship_household_members', 'workflow_cases'].map((x) => t.count(x)));
    expect(after).toEqual(before);
  });

  it('refuses a democratic review without a majority', async () => {
    const a = await submit(await t.newWorker('vote'));
    const cadre = await t.loginAs('grassroots_cadre');
    const passed = await t.step<HardshipApplicationView>(`/hardship/applications/${a.id}`, {
      token: cadre,
      body: { action: 'pass_initial_review', version: a.version },
    });
    const visited = await t.http<HardshipApplicationView>('POST', `/hardship/applications/${a.id}/home-visit`, {
      token: cadre,
      body: {
        version: passed.body.version,
        visitedOn: today(),
        visitors: ['张干事', '李委员'],
        findings: '情况属实。',
        matchesDeclaration: true,
        photoUploadIds: [],
      },
    });
    const noticesBefore = await t.count('public_notices');
    const reviewsBefore = await t.count('hardship_democratic_reviews');
    const res = await t.http('POST', `/hardship/applications/${a.id}/democratic-review`, {
      token: cadre,
      body: {
        version: visited.body.version,
        meetingOn: today(),
        attendees: ['王委员', '李委员', '赵委员'],
        votesFor: 1,
        votesAgainst: 2,
        abstentions: 0,
      },
    });
    expect(res.status).toBe(409);
    const formByButton = await t.step(`/hardship/applications/${a.id}`, {
      token: cadre,
      body: { action: 'record_democratic_review', version: visited.body.version },
    });
    expect(formByButton.status).toBe(409);
    expect(await t.count('public_notices')).toBe(noticesBefore);
    expect(await t.count('hardship_democratic_reviews')).toBe(reviewsBefore);
  });
});

describe('drafts, rules and reveal', () => {
  it('keeps the newest draft and never lets an older offline copy overwrite it', async () => {
    const token = await t.newWorker('draft');
    const newer = new Date().toISOString();
    expect(
      (await t.http('PUT', '/hardship/draft', { token, body: { step: 3, data: { phone: '13800000000' }, savedAt: newer } })).status,
    ).toBe(200);
    const older = await t.http<{ step: number }>('PUT', '/hardship/draft', {
      token,
      body: { step: 1, data: {}, savedAt: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(older.body.step).toBe(3);
    const got = await t.http<{ step: number; data: { phone: string } }>('GET', '/hardship/draft', { token });
    expect(got.body).toMatchObject({ step: 3, data: { phone: '13800000000' } });
    const raw = (await t.app.get(DataSource).query('SELECT data_enc FROM hardship_drafts')) as { data_enc: string }[];
    expect(raw.map((r) => r.data_enc).join()).not.toContain('13800000000');
    await submit(token);
    expect((await t.http('GET', '/hardship/draft', { token })).body).toBeNull();
  });

  it('judges each application by the rule version in force on its day', async () => {
    const county = await t.loginAs('county_cadre');
    const current = await t.http<{ version: number; rules: Record<string, unknown> }>('GET', '/hardship/rule-sets/current');
    const year = Number(today().slice(0, 4));
    const future = await t.http<{ version: number }>('POST', '/hardship/rule-sets', {
      token: county,
      body: { year: year + 1, effectiveFrom: `${year + 1}-01-01`, rules: { ...current.body.rules, minimumLivingFen: 200_000 } },
    });
    expect(future.status).toBe(201);
    const a = await submit(await t.newWorker('rv1'));
    expect(a.ruleSetVersion).toBe(current.body.version);
    // A version in force from today (低保 ¥400): the same household is no longer in hardship.
    const now = await t.http<{ version: number }>('POST', '/hardship/rule-sets', {
      token: county,
      body: { year, effectiveFrom: today(), rules: { ...current.body.rules, minimumLivingFen: 40_000 } },
    });
    expect(now.status).toBe(201);
    const b = await submit(await t.newWorker('rv2'));
    expect(b.ruleSetVersion).toBe(now.body.version);
    expect(b.assessment.category).toBeNull();
    const versions = await t.http<HardshipRuleSetView[]>('GET', '/hardship/rule-sets', { token: county });
    expect(versions.body.find((v) => v.version === future.body.version)?.effectiveFrom).toBe(`${year + 1}-01-01`);
    expect(versions.body.find((v) => v.version === now.body.version)?.rules.minimumLivingFen).toBe(40_000);
    const stillA = await t.http<HardshipApplicationView>('GET', `/hardship/applications/${a.id}`, { token: county });
    expect(stillA.body.ruleSetVersion).toBe(current.body.version);
    const bad = await t.http('POST', '/hardship/rule-sets', {
      token: county,
      body: { year, effectiveFrom: today(), rules: { ...current.body.rules, relativeMultiplier: 0.5 } },
    });
    expect(bad.status).toBe(400);
    const yesterday = new Date(Date.parse(`${today()}T00:00:00Z`) - 86400_000).toISOString().slice(0, 10);
    const backdated = await t.http('POST', '/hardship/rule-sets', {
      token: county,
      body: { year: Number(yesterday.slice(0, 4)), effectiveFrom: yesterday, rules: current.body.rules },
    });
    expect(backdated.status).toBe(400);
    expect(JSON.stringify(backdated.body)).toContain('effectiveFrom');
    const byTown = await t.http('POST', '/hardship/rule-sets', {
      token: await t.loginAs('town_cadre'),
      body: { year, effectiveFrom: today(), rules: current.body.rules },
    });
    expect(byTown.status).toBe(403);
    // Restore the defaults for the other tests.
    await t.http('POST', '/hardship/rule-sets', { token: county, body: { year, effectiveFrom: today(), rules: current.body.rules } });
  });

  it('reads a rule version saved before a rule existed with that rule\u2019s default, and keeps what it said', async () => {
    const county = await t.loginAs('county_cadre');
    const current = await t.http<{ id: number; version: number; rules: HardshipRuleSetView['rules'] }>(
      'GET',
      '/hardship/rule-sets/current',
    );
    const ds = t.app.get(DataSource);
    const [{ rules: stored }] = (await ds.query('SELECT rules FROM rule_sets WHERE id = ?', [current.body.id])) as { rules: string }[];
    // As an older release saved it: no grant review deadline, no accident ceilings for "other" aid.
    const old = JSON.parse(stored) as Record<string, Record<string, unknown>>;
    const { grantReview: _dropped, ...olderDeadlines } = old.deadlines;
    const olderCeilings = { ...old.ceilingMonths, accident: { ...(old.ceilingMonths.accident as object) } } as Record<
      string,
      Record<string, unknown>
    >;
    delete olderCeilings.accident.other;
    await ds.query('UPDATE rule_sets SET rules = ? WHERE id = ?', [
      JSON.stringify({ ...old, deadlines: olderDeadlines, ceilingMonths: olderCeilings }),
      current.body.id,
    ]);
    try {
      const read = await t.http<HardshipRuleSetView>('GET', '/hardship/rule-sets/current');
      expect(read.status).toBe(200);
      expect(read.body.rules.deadlines.grantReview).toBe(10);
      expect(read.body.rules.ceilingMonths.accident.other).toBe(1);
      expect(read.body.rules.minimumLivingFen).toBe(current.body.rules.minimumLivingFen);
      expect(read.body.rules.deadlines.homeVisit).toBe(current.body.rules.deadlines.homeVisit);
      const versions = await t.http<HardshipRuleSetView[]>('GET', '/hardship/rule-sets', { token: county });
      expect(versions.status).toBe(200);
      // An application judged by it still goes in, with its deadlines.
      const a = await submit(await t.newWorker('oldrules'));
      expect(a.ruleSetVersion).toBe(current.body.version);
    } finally {
      await ds.query('UPDATE rule_sets SET rules = ? WHERE id = ?', [stored, current.body.id]);
    }
  });

  it('reveals a health note only through an audited action', async () => {
    const a = await submit(await t.newWorker('rev'));
    const cadre = await t.loginAs('grassroots_cadre');
    const before = await t.count('audit_log');
    const res = await t.http<{ value: string }>('POST', '/hardship/reveal', {
      token: cadre,
      body: { subject: 'hardship_member', id: a.members[1].id, field: 'healthNote', reason: '核实医疗救助金额' },
    });
    expect(res.status).toBe(200);
    expect(res.body.value).toBe('尿毒症，每周透析三次');
    expect(await t.count('audit_log')).toBe(before + 1);
    const outside = await t.http('POST', '/hardship/reveal', {
      token: await t.loginAs('town2_cadre'),
      body: { subject: 'hardship_member', id: a.members[1].id, field: 'healthNote', reason: '看看' },
    });
    expect(outside.status).toBe(404);
  });
});

describe('yearly re-check', () => {
  it('lists files due on the grassroots workbench and closes one with a reason the worker is told', async () => {
    // A household filed for this test; its yearly re-check falls due when the clock reaches the day before.
    const { application, staff, applicant } = await aHardshipCase(t, { state: 'filed' });
    const cadre = staff.town;
    const county = staff.county;
    const fileId = application.fileId as number;
    expect(
      (await t.http<{ items: { id: number }[] }>('GET', '/hardship/files/recheck-due', { token: cadre })).body.items.map((f) => f.id),
    ).not.toContain(fileId);
    const dueAt = (await t.http<HardshipFileView>('GET', `/hardship/files/${fileId}`, { token: cadre })).body.recheckDueAt;
    t.clock.set(new Date(Date.parse(dueAt as string) - 86_400_000));
    const due = await t.http<{ items: { id: number }[] }>('GET', '/hardship/files/recheck-due', { token: cadre });
    expect(due.body.items.map((f) => f.id)).toContain(fileId);
    expect(
      (
        await t.http<{ items: { id: number }[] }>('GET', '/hardship/files/recheck-due', { token: await t.loginAs('town2_cadre') })
      ).body.items.map((f) => f.id),
    ).not.toContain(fileId);

    let file = (await t.http<HardshipFileView>('GET', `/hardship/files/${fileId}`, { token: cadre })).body;
    const kept = await t.http<HardshipFileView>('POST', `/hardship/files/${fileId}/recheck`, {
      token: cadre,
      body: { version: file.version, outcome: 'change_category', category: 'severe', note: '爱人病情加重，收入进一步下降' },
    });
    expect(kept.status).toBe(200);
    expect(kept.body.category).toBe('severe');
    expect(new Date(kept.body.recheckDueAt as string).getTime()).toBeGreaterThan(t.clock.nowMs() + 300 * 86_400_000);
    const stale = await t.http('POST', `/hardship/files/${fileId}/recheck`, {
      token: cadre,
      body: { version: file.version, outcome: 'keep', note: '维持' },
    });
    expect(stale.status).toBe(409);
    // A second look the same day keeps the file as it is; the re-check moves a year on again.
    const again = await t.http<HardshipFileView>('POST', `/hardship/files/${fileId}/recheck`, {
      token: cadre,
      body: { version: kept.body.version, outcome: 'keep', note: '入户核实，情况属实' },
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ state: 'active', category: 'severe', version: kept.body.version + 1 });
    file = again.body;
    // The half-year figures count the closing from the file's case: one more closed, one fewer in the file.
    const figures = async () => (await t.http<HardshipStatistics>('GET', '/hardship/statistics', { token: county })).body.files;
    const before = await figures();
    const noReason = await t.http('POST', `/hardship/files/${fileId}/recheck`, {
      token: cadre,
      body: { version: file.version, outcome: 'close', note: '已脱困' },
    });
    expect(noReason.status).toBe(400);
    const closed = await t.http<HardshipFileView>('POST', `/hardship/files/${fileId}/recheck`, {
      token: cadre,
      body: { version: file.version, outcome: 'close', closeReason: 'recovered', note: '孩子已工作，家庭收入明显提高' },
    });
    expect(closed.body.status).toBe('closed');
    expect(closed.body.closeReasonLabel).toBe('已脱困');
    expect(closed.body.followUpDueAt).not.toBeNull();
    expect(closed.body).toMatchObject({ state: 'exited', recheckDueAt: null });
    expect(await figures()).toEqual({ ...before, closed: before.closed + 1, activeAtEnd: before.activeAtEnd - 1 });
    const listed = async (status: string) =>
      (await t.http<Page<HardshipFileSummary>>('GET', `/hardship/files?status=${status}&limit=50`, { token: cadre })).body.items;
    expect((await listed('closed')).find((f) => f.id === fileId)).toMatchObject({ status: 'closed', recheckDueAt: null });
    expect((await listed('active')).map((f) => f.id)).not.toContain(fileId);
    expect(closed.body.events.map((e) => [e.outcome, e.note])).toEqual([
      ['change_category', '调整为深度困难：爱人病情加重，收入进一步下降'],
      ['keep', '入户核实，情况属实'],
      ['close', '已脱困：孩子已工作，家庭收入明显提高'],
    ]);
    // The file is a case like any other: its history and its steps come through the case API too,
    // where the re-check form's steps are refused (they need the form's fields).
    const history = await t.http<{ action: string }[]>('GET', `/cases/${closed.body.caseId}/history`, { token: cadre });
    expect(history.body.map((h) => h.action)).toEqual(['submit', 'change_category', 'keep', 'close']);
    const bare = await t.http('POST', `/cases/${closed.body.caseId}/transitions`, {
      token: cadre,
      body: { action: 'follow_up', version: closed.body.version, comment: '回访' },
    });
    expect(bare.status).toBe(409);
    const worker = await t.http<HardshipFileView>('GET', `/hardship/files/${fileId}`, { token: applicant });
    expect(worker.body).toMatchObject({ status: 'closed', stateLabel: '已关闭，待回访', actions: [] });
    const aid = await t.http('POST', `/hardship/files/${fileId}/aid`, {
      token: county,
      body: { aidType: 'living', amountFen: 10_000, fundSource: '县总工会帮扶资金' },
    });
    expect(aid.status).toBe(409);

    // About three months later (the clock moves) the family gets a follow-up call; then it leaves the list.
    const followUpNotYet = await t.http<{ items: { id: number }[] }>('GET', '/hardship/files/follow-up-due', { token: cadre });
    expect(followUpNotYet.body.items.map((f) => f.id)).not.toContain(fileId);
    t.clock.set(new Date(Date.parse(closed.body.followUpDueAt as string) + 1000));
    const followUps = await t.http<{ items: { id: number }[] }>('GET', '/hardship/files/follow-up-due', { token: cadre });
    expect(followUps.body.items.map((f) => f.id)).toContain(fileId);
    const called = await t.http<HardshipFileView>('POST', `/hardship/files/${fileId}/recheck`, {
      token: cadre,
      body: { version: closed.body.version, outcome: 'follow_up', note: '电话回访：孩子工作稳定，家庭情况良好' },
    });
    expect(called.status).toBe(200);
    expect(called.body).toMatchObject({ state: 'closed', stateLabel: '已关闭', followUpDueAt: null, actions: [] });
    expect(
      (await t.http<{ items: { id: number }[] }>('GET', '/hardship/files/follow-up-due', { token: cadre })).body.items.map((f) => f.id),
    ).not.toContain(fileId);
  });
});

describe('filing on a worker\u2019s behalf (代办)', () => {
  it('records how the worker consented and needs the signed form when that is the method', async () => {
    const cadre = await t.loginAs('grassroots_cadre');
    const noForm = await t.http('POST', '/hardship/applications/proxy', {
      token: cadre,
      body: { ...application(), consentMethod: 'signed_form', consentNote: '本人不会用手机，委托工会代办' },
    });
    expect(noForm.status).toBe(400);
    const outside = await t.http('POST', '/hardship/applications/proxy', {
      token: cadre,
      body: { ...application({ organizationId: orgId('万安食品有限公司工会') }), consentMethod: 'in_person', consentNote: '本人当面同意' },
    });
    expect(outside.status).toBe(400);
    const filed = await t.http<HardshipApplicationView>('POST', '/hardship/applications/proxy', {
      token: cadre,
      body: { ...application(), consentMethod: 'in_person', consentNote: '2026年11月在工会办公室当面同意，由工会代办' },
    });
    expect(filed.status).toBe(201);
    expect(filed.body.proxy).toMatchObject({ filedByName: '张干事', consentMethodLabel: '本人当面口头同意' });
    expect(filed.body.history[0].actorName).toBe('张干事');
    const byWorker = await t.http('POST', '/hardship/applications/proxy', {
      token: await t.newWorker('notcadre'),
      body: { ...application(), consentMethod: 'in_person', consentNote: '本人当面同意代办' },
    });
    expect(byWorker.status).toBe(403);
  });
});

describe('public notices', () => {
  it('lists running notices (masked) so anyone can object online', async () => {
    const token = await t.newWorker('reader');
    const list = await t.http<{ items: { id: number; content: string; organizationName: string }[] }>('GET', '/hardship/notices?limit=50', {
      token,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.length).toBeGreaterThan(0);
    for (const n of list.body.items) {
      expect(n.content).not.toMatch(/\d{17}[\dX]/);
      expect(n.content).not.toContain('透析');
    }
    expect(list.body.items[0].organizationName).not.toBe('');
    expect((await t.http('GET', '/hardship/notices')).status).toBe(401);
  });

  it('shows a running notice to anyone signed in without the objections, which the union sees on the application', async () => {
    const worker = await t.newWorker('noticed');
    const a = await submit(worker);
    const onNotice = await toNotice(a.id);
    const noticeId = onNotice.publicNotice?.id as number;
    const mine = await t.http<Page<HardshipApplicationSummary>>('GET', '/hardship/applications/mine', { token: worker });
    expect(mine.body.items.find((s) => s.id === a.id)).toMatchObject({ state: 'public_notice', stateLabel: '公示中' });
    const reader = await t.newWorker('objector');
    const objected = await t.http<PublicNoticeView>('POST', `/hardship/notices/${noticeId}/objections`, {
      token: reader,
      body: { channel: 'online', content: '据我所知他家在城里还有一套住房' },
    });
    expect(objected.status).toBe(201);
    expect(objected.body.objections).toEqual([]);
    const read = await t.http<PublicNoticeView>('GET', `/hardship/notices/${noticeId}`, { token: reader });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: noticeId, ended: false, content: onNotice.publicNotice?.content, objections: [] });
    const cadre = await t.loginAs('grassroots_cadre');
    const seen = (await t.http<HardshipApplicationView>('GET', `/hardship/applications/${a.id}`, { token: cadre })).body;
    expect(seen.publicNotice?.objections.map((o) => [o.channel, o.status])).toEqual([['online', 'open']]);
  });
});

/** A plain step on an application (no form). */
const step = (token: string, id: number, body: Record<string, unknown>) =>
  t.step<HardshipApplicationView>(`/hardship/applications/${id}`, { token, body });

const getApplication = async (id: number) =>
  (await t.http<HardshipApplicationView>('GET', `/hardship/applications/${id}`, { token: await t.loginAs('county_cadre') })).body;

/**
 * Each attempt is refused with its status (and code), and the application is left exactly as it
 * was: same state, same version, no new history.
 */
async function expectRefused(
  a: HardshipApplicationView,
  attempts: [who: string, token: string, body: Record<string, unknown>, status: number, code?: string][],
) {
  for (const [who, token, body, status, code] of attempts) {
    const res = await t.step<{ code?: string }>(`/hardship/applications/${a.id}`, { token, body });
    expect({ who, status: res.status, code: res.body.code }).toEqual({ who, status, code: code ?? res.body.code });
  }
  const after = await getApplication(a.id);
  expect({ state: after.state, version: after.version, history: after.history.length }).toEqual({
    state: a.state,
    version: a.version,
    history: a.history.length,
  });
}

/** Move an application through the public notice (ended, no objection) to the town's review. */
async function toTownReview(appId: number): Promise<HardshipApplicationView> {
  const notice = await toNotice(appId);
  await endNotice(t, notice.publicNotice?.id as number);
  const res = await step(await t.loginAs('grassroots_cadre'), appId, { action: 'complete_public_notice', version: notice.version });
  expect(res.body.state).toBe('town_review');
  return res.body;
}

async function messagesOf(token: string) {
  return (await t.http<{ items: { title: string; body: string }[] }>('GET', '/messages?limit=50', { token })).body.items;
}

describe('rejections', () => {
  it('the grassroots union rejects a submitted application only with a reason; the worker is told and may apply again', async () => {
    const worker = await t.newWorker('rej');
    const body = application();
    const a = await submit(worker, body);
    const cadre = await t.loginAs('grassroots_cadre');
    const reason = '经核实家庭人均收入高于当地低保标准的两倍，暂不符合困难职工条件。';
    await expectRefused(a, [
      ['no reason', cadre, { action: 'reject', version: a.version }, 400, 'validation_failed'],
      ['a blank reason', cadre, { action: 'reject', version: a.version, comment: '   ' }, 400, 'validation_failed'],
      ['the applicant', worker, { action: 'reject', version: a.version, comment: reason }, 409, 'action_not_allowed'],
      ['the county (not its step)', await t.loginAs('county_cadre'), { action: 'reject', version: a.version, comment: reason }, 409],
      ['another town', await t.loginAs('town2_cadre'), { action: 'reject', version: a.version, comment: reason }, 404],
      ['a version not current', cadre, { action: 'reject', version: a.version + 1, comment: reason }, 409, 'state_conflict'],
    ]);
    const offered = await t.actionsOf(`/hardship/applications/${a.id}`, { token: cadre });
    expect(offered.body.find((x) => x.action === 'reject')).toMatchObject({ requiresComment: true, label: '不予通过' });

    const rejected = await step(cadre, a.id, { action: 'reject', version: a.version, comment: reason });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', stateLabel: '未通过', deadline: null });
    expect(rejected.body.nextStep).toContain('重新申请');
    expect(rejected.body.history.at(-1)).toMatchObject({
      action: 'reject',
      actionLabel: '不予通过',
      fromState: 'submitted',
      toState: 'rejected',
      actorName: '张干事',
      comment: reason,
    });
    // A closed case: nothing more to do, and a second rejection is refused.
    expect((await t.actionsOf(`/hardship/applications/${a.id}`, { token: cadre })).body).toEqual([]);
    const again = await step(cadre, a.id, { action: 'reject', version: rejected.body.version, comment: reason });
    expect(again.status).toBe(409);

    const seen = await t.http<HardshipApplicationView>('GET', `/hardship/applications/${a.id}`, { token: worker });
    expect(seen.body.state).toBe('rejected');
    expect((await messagesOf(worker)).find((m) => m.title === '帮扶申请未通过')?.body).toContain(reason);
    // The household is free again: the same family may apply once its situation changes.
    const anew = await submit(worker, { ...body, phone: newPhone() });
    expect(anew.state).toBe('submitted');
    expect(anew.duplicates).toEqual([]);
  });

  it('the grassroots union rejects during the public notice when an objection is upheld', async () => {
    const worker = await t.newWorker('rejn');
    const a = await submit(worker);
    const notice = await toNotice(a.id);
    const objected = await t.http('POST', `/hardship/notices/${notice.publicNotice?.id}/objections`, {
      token: await t.newWorker('objector2'),
      body: { channel: 'online', content: '他家在城里还有两套商品房出租。' },
    });
    expect(objected.status).toBe(201);
    const cadre = await t.loginAs('grassroots_cadre');
    const objectionId = (await getApplication(a.id)).publicNotice?.objections[0].id;
    const resolved = await t.http('POST', `/hardship/objections/${objectionId}/resolve`, {
      token: cadre,
      body: { resolution: '经查询不动产登记，该户确有两套住房出租，异议成立。', upheld: true },
    });
    expect(resolved.status).toBe(200);
    const current = await getApplication(a.id);
    expect(current.state).toBe('public_notice');
    await expectRefused(current, [
      ['no reason', cadre, { action: 'reject', version: current.version }, 400, 'validation_failed'],
      ['the applicant', worker, { action: 'reject', version: current.version, comment: '不予通过' }, 409, 'action_not_allowed'],
    ]);
    const reason = '公示期间异议成立：家庭另有两套住房出租，不符合条件。';
    const rejected = await step(cadre, a.id, { action: 'reject', version: current.version, comment: reason });
    expect(rejected.status).toBe(200);
    expect(rejected.body.state).toBe('rejected');
    expect(rejected.body.history.map((h) => h.action)).toEqual([
      'submit',
      'pass_initial_review',
      'record_home_visit',
      'record_democratic_review',
      'reject',
    ]);
    expect(rejected.body.history.at(-1)).toMatchObject({ fromState: 'public_notice', comment: reason });
    expect((await messagesOf(worker)).map((m) => m.title)).toContain('帮扶申请未通过');
  }, 30_000);

  it('the town union rejects at its review, with a reason; the grassroots union cannot', async () => {
    const worker = await t.newWorker('trej');
    const a = await toTownReview((await submit(worker)).id);
    const town = await t.loginAs('town_cadre');
    const reason = '抽查发现爱人有稳定的退休金收入，申报不实。';
    await expectRefused(a, [
      [
        'the grassroots union',
        await t.loginAs('grassroots_cadre'),
        { action: 'town_reject', version: a.version, comment: reason },
        409,
        'action_not_allowed',
      ],
      ['a grassroots rejection at this step', town, { action: 'reject', version: a.version, comment: reason }, 409, 'action_not_allowed'],
      ['another town', await t.loginAs('town2_cadre'), { action: 'town_reject', version: a.version, comment: reason }, 404],
      ['the applicant', worker, { action: 'town_reject', version: a.version, comment: reason }, 409, 'action_not_allowed'],
      ['no reason', town, { action: 'town_reject', version: a.version }, 400, 'validation_failed'],
    ]);
    const offered = await t.actionsOf(`/hardship/applications/${a.id}`, { token: town });
    expect(offered.body.map((x) => x.action).sort()).toEqual(['pass_town_review', 'town_reject']);

    const rejected = await step(town, a.id, { action: 'town_reject', version: a.version, comment: reason });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', stateLabel: '未通过', deadline: null });
    expect(rejected.body.history.at(-1)).toMatchObject({
      action: 'town_reject',
      fromState: 'town_review',
      toState: 'rejected',
      comment: reason,
    });
    expect((await messagesOf(worker)).find((m) => m.title === '帮扶申请未通过')?.body).toContain(reason);
    // Nothing more for the county to approve.
    const county = await t.loginAs('county_cadre');
    const file = await t.http('POST', `/hardship/applications/${a.id}/file`, {
      token: county,
      body: { version: rejected.body.version, category: 'relative' },
    });
    expect(file.status).toBe(409);
  }, 30_000);

  it('the county refuses approval, with a reason; the town and the grassroots union cannot', async () => {
    const worker = await t.newWorker('crej');
    const inTown = await toTownReview((await submit(worker)).id);
    const town = await t.loginAs('town_cadre');
    const passed = await step(town, inTown.id, { action: 'pass_town_review', version: inTown.version });
    expect(passed.body.state).toBe('county_approval');
    const a = passed.body;
    const county = await t.loginAs('county_cadre');
    const reason = '比对社保数据，申请人另有一份全职工作，不予批准。';
    await expectRefused(a, [
      ['the town', town, { action: 'county_reject', version: a.version, comment: reason }, 409, 'action_not_allowed'],
      ['the grassroots union', await t.loginAs('grassroots_cadre'), { action: 'county_reject', version: a.version, comment: reason }, 409],
      ['the applicant', worker, { action: 'county_reject', version: a.version, comment: reason }, 409, 'action_not_allowed'],
      ['no reason', county, { action: 'county_reject', version: a.version }, 400, 'validation_failed'],
      ['the town\u2019s rejection', county, { action: 'town_reject', version: a.version, comment: reason }, 409, 'action_not_allowed'],
    ]);
    const rejected = await step(county, a.id, { action: 'county_reject', version: a.version, comment: reason });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ state: 'rejected', stateLabel: '未通过', fileId: null, deadline: null });
    expect(rejected.body.history.map((h) => h.action)).toEqual([
      'submit',
      'pass_initial_review',
      'record_home_visit',
      'record_democratic_review',
      'complete_public_notice',
      'pass_town_review',
      'county_reject',
    ]);
    expect(rejected.body.history.at(-1)).toMatchObject({ actionLabel: '不予批准', fromState: 'county_approval', comment: reason });
    // No household file was made, and the worker is told why.
    expect((await t.http<Page<HardshipFileView>>('GET', '/hardship/files/mine', { token: worker })).body).toEqual({
      items: [],
      nextCursor: null,
    });
    expect((await messagesOf(worker)).find((m) => m.title === '帮扶申请未通过')?.body).toContain(reason);
  }, 30_000);
});

describe('withdrawal', () => {
  it('the worker withdraws a submitted application; nobody else can, and it leaves the union\u2019s queue', async () => {
    const worker = await t.newWorker('wd');
    const body = application();
    const a = await submit(worker, body);
    const cadre = await t.loginAs('grassroots_cadre');
    await expectRefused(a, [
      ['the grassroots union', cadre, { action: 'withdraw', version: a.version }, 409, 'action_not_allowed'],
      ['another worker', await t.newWorker('wdnosy'), { action: 'withdraw', version: a.version }, 404],
      ['a version not current', worker, { action: 'withdraw', version: a.version + 1 }, 409, 'state_conflict'],
    ]);
    const offered = await t.actionsOf(`/hardship/applications/${a.id}`, { token: worker });
    expect(offered.body.map((x) => x.action)).toEqual(['withdraw']);
    expect(offered.body[0].confirm).toBe('确认撤回困难帮扶申请？');

    const withdrawn = await step(worker, a.id, { action: 'withdraw', version: a.version });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ state: 'withdrawn', stateLabel: '已撤回', deadline: null });
    expect(withdrawn.body.history.at(-1)).toMatchObject({
      action: 'withdraw',
      fromState: 'submitted',
      toState: 'withdrawn',
      comment: null,
    });
    const queue = await t.http<{ items: WorkbenchItem[] }>('GET', '/workbench/queue?limit=50', { token: cadre });
    expect(queue.body.items.some((i) => i.caseType === 'hardship_application' && i.id === a.id)).toBe(false);
    const late = await step(cadre, a.id, { action: 'pass_initial_review', version: withdrawn.body.version });
    expect(late.status).toBe(409);
    expect((await messagesOf(worker)).map((m) => m.title)).toContain('帮扶申请已撤回');
    // Withdrawn is not refused: the worker may apply again later.
    expect((await submit(worker, { ...body, phone: newPhone() })).state).toBe('submitted');
  });

  it('the worker withdraws an application returned for material instead of adding it', async () => {
    const worker = await t.newWorker('wdm');
    const a = await submit(worker);
    const cadre = await t.loginAs('grassroots_cadre');
    const returned = await t.http<HardshipApplicationView>('POST', `/hardship/applications/${a.id}/return`, {
      token: cadre,
      body: { version: a.version, missingItems: ['收入证明'], comment: '请补充本人单位开具的收入证明。' },
    });
    expect(returned.body.state).toBe('needs_material');
    await expectRefused(returned.body, [
      ['the grassroots union', cadre, { action: 'withdraw', version: returned.body.version }, 409, 'action_not_allowed'],
    ]);
    const withdrawn = await step(worker, a.id, { action: 'withdraw', version: returned.body.version });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.state).toBe('withdrawn');
    expect(withdrawn.body.history.at(-1)).toMatchObject({ action: 'withdraw', fromState: 'needs_material' });
    const resubmit = await t.http('POST', `/hardship/applications/${a.id}/resubmit`, {
      token: worker,
      body: { version: withdrawn.body.version, evidenceUploadIds: [], note: '收入证明已交到工会' },
    });
    expect(resubmit.status).toBe(409);
  });
});

describe('aid records: cancelling and paper receipts', () => {
  async function filedWithAid(name: string, amountFen: number) {
    const worker = await t.newWorker(name);
    const filed = await fileHousehold(t, await submit(worker));
    const county = await t.loginAs('county_cadre');
    const aid = await t.http<AssistanceRecordView>('POST', `/hardship/files/${filed.fileId}/aid`, {
      token: county,
      body: { aidType: 'living', amountFen, fundSource: '县总工会帮扶资金' },
    });
    expect(aid.status).toBe(201);
    return { worker, county, fileId: filed.fileId as number, aid: aid.body };
  }

  const aidStep = (token: string, id: number, body: Record<string, unknown>) =>
    t.step<AssistanceRecordView>(`/hardship/aid/${id}`, { token, body });

  it('the county cancels an unpaid approval with a reason, and the amount no longer counts against the ceiling', async () => {
    const { worker, county, fileId, aid } = await filedWithAid('cancel', 500_000);
    const reason = '金额录入有误，撤销后重新审批。';
    for (const [who, token, body, status] of [
      ['the worker', worker, { action: 'cancel', version: aid.version, comment: reason }, 409],
      ['the grassroots union', await t.loginAs('grassroots_cadre'), { action: 'cancel', version: aid.version, comment: reason }, 409],
      ['another town', await t.loginAs('town2_cadre'), { action: 'cancel', version: aid.version, comment: reason }, 404],
      ['no reason', county, { action: 'cancel', version: aid.version }, 400],
    ] as const) {
      const res = await aidStep(token, aid.id, body);
      expect({ who, status: res.status }).toEqual({ who, status });
    }
    const unchanged = await t.http<AssistanceRecordView>('GET', `/hardship/aid/${aid.id}`, { token: county });
    expect(unchanged.body).toMatchObject({ state: 'approved', version: aid.version });

    const cancelled = await aidStep(county, aid.id, { action: 'cancel', version: aid.version, comment: reason });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ state: 'cancelled', stateLabel: '已撤销', paidAt: null });
    expect(cancelled.body.history.at(-1)).toMatchObject({ action: 'cancel', fromState: 'approved', toState: 'cancelled', comment: reason });
    // Cancelled: it cannot be paid, and the household's yearly room is back.
    const pay = await t.http('POST', `/hardship/aid/${aid.id}/pay`, {
      token: county,
      body: { version: cancelled.body.version, paymentReference: 'NX-CANCELLED-1' },
    });
    expect(pay.status).toBe(409);
    const file = (await t.http<HardshipFileView>('GET', `/hardship/files/${fileId}`, { token: worker })).body;
    expect(file.aid.find((r) => r.id === aid.id)?.state).toBe('cancelled');
    expect(file.thisYear.find((y) => y.aidType === 'living')).toMatchObject({ usedFen: 0, ceilingFen: 640_000 });
    const full = await t.http<AssistanceRecordView>('POST', `/hardship/files/${fileId}/aid`, {
      token: county,
      body: { aidType: 'living', amountFen: 640_000, fundSource: '县总工会帮扶资金' },
    });
    expect(full.status).toBe(201);
    expect((await messagesOf(worker)).find((m) => m.title === '帮扶已撤销')?.body).toContain(reason);
  }, 30_000);

  it('a paid aid can be cancelled no more', async () => {
    const { county, aid } = await filedWithAid('cancelpaid', 100_000);
    const paid = await t.http<AssistanceRecordView>('POST', `/hardship/aid/${aid.id}/pay`, {
      token: county,
      body: { version: aid.version, paymentReference: 'NX-PAID-0001' },
    });
    expect(paid.body.state).toBe('paid');
    const res = await t.step(`/hardship/aid/${aid.id}`, {
      token: county,
      body: { action: 'cancel', version: paid.body.version, comment: '想撤销' },
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('action_not_allowed');
  }, 30_000);

  it('the county records the receipt a worker signed on paper, once the aid is paid', async () => {
    const { worker, county, aid } = await filedWithAid('paper', 300_000);
    const receipt = await uploadJpeg(t, county, 'aid_receipt');
    // Not before payment: the upload stays free for the real step.
    const early = await t.http('POST', `/hardship/aid/${aid.id}/signed-form`, {
      token: county,
      body: { version: aid.version, uploadId: receipt.id },
    });
    expect(early.status).toBe(409);
    const paid = await t.http<AssistanceRecordView>('POST', `/hardship/aid/${aid.id}/pay`, {
      token: county,
      body: { version: aid.version, paymentReference: 'NX-PAPER-0001' },
    });
    expect(paid.body.state).toBe('paid');

    const grassroots = await t.loginAs('grassroots_cadre');
    for (const [who, token, path, body, status] of [
      [
        'the grassroots union',
        grassroots,
        'signed-form',
        { version: paid.body.version, uploadId: (await uploadJpeg(t, grassroots, 'aid_receipt')).id },
        403,
      ],
      ['the worker', worker, 'signed-form', { version: paid.body.version, uploadId: (await uploadJpeg(t, worker, 'aid_receipt')).id }, 403],
      ['no photo of the form', county, 'signed-form', { version: paid.body.version }, 400],
      ['a button without the form', county, 'transitions', { action: 'record_signed_form', version: paid.body.version }, 409],
    ] as const) {
      const res =
        path === 'transitions'
          ? await t.step(`/hardship/aid/${aid.id}`, { token, body })
          : await t.http('POST', `/hardship/aid/${aid.id}/${path}`, { token, body });
      expect({ who, status: res.status }).toEqual({ who, status });
    }
    const unchanged = await t.http<AssistanceRecordView>('GET', `/hardship/aid/${aid.id}`, { token: county });
    expect(unchanged.body).toMatchObject({ state: 'paid', version: paid.body.version, signedAt: null });

    const signed = await t.http<AssistanceRecordView>('POST', `/hardship/aid/${aid.id}/signed-form`, {
      token: county,
      body: { version: paid.body.version, uploadId: receipt.id },
    });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ state: 'signed', stateLabel: '已签收', signMethod: 'paper_form' });
    expect(signed.body.signedAt).not.toBeNull();
    expect(signed.body.history.at(-1)).toMatchObject({ action: 'record_signed_form', fromState: 'paid', toState: 'signed' });
    // Signed on paper: nothing left for the worker to sign in the app.
    const inApp = await aidStep(worker, aid.id, { action: 'sign', version: signed.body.version });
    expect(inApp.status).toBe(409);
    expect((await t.actionsOf(`/hardship/aid/${aid.id}`, { token: worker })).body).toEqual([]);
    expect((await messagesOf(worker)).map((m) => m.title)).toContain('签收单已登记');
  }, 30_000);
});

describe('a worker\u2019s own applications and household files are paged', () => {
  it('pages the applications newest first by keyset; a bad cursor or page size is a 400', async () => {
    const worker = await t.newWorker('hsmypages');
    const made: number[] = [];
    for (let i = 0; i < 3; i += 1) made.push((await aHardshipCase(t, { applicant: worker })).application.id);
    expect(await expectKeysetPages(t, '/hardship/applications/mine', worker, 2)).toEqual([...made].reverse());
    // Another worker's list holds none of them.
    const other = await t.http<Page<HardshipApplicationSummary>>('GET', '/hardship/applications/mine', {
      token: await t.newWorker('hsnone'),
    });
    expect(other.body).toEqual({ items: [], nextCursor: null });
  }, 60_000);

  it('pages the household files, each with its aid and this year\u2019s totals, in the same queries however many', async () => {
    const worker = await t.newWorker('hsfilepages');
    const files: number[] = [];
    for (let i = 0; i < 2; i += 1) files.push((await aHardshipCase(t, { applicant: worker, state: 'filed' })).application.fileId as number);
    const walked = await expectKeysetPages(t, '/hardship/files/mine', worker, 1);
    expect(walked).toEqual([...files].reverse());
    const second = await t.http<Page<HardshipFileView>>('GET', '/hardship/files/mine?limit=1', { token: worker });
    const next = await t.http<Page<HardshipFileView>>('GET', `/hardship/files/mine?limit=1&after=${second.body.nextCursor as string}`, {
      token: worker,
    });
    expect(next.body.items[0]).toMatchObject({ id: files[0], status: 'active', aid: [], members: expect.any(Array) });
    expect(next.body.items[0].members).toHaveLength(3);
    expect(next.body.items[0].thisYear.length).toBeGreaterThan(0);
  }, 60_000);
});

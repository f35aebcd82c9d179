import type { HonourRollLine, HonourStatistics, ModelWorkerView, NominationView, Page } from '@union/shared';
import { DataSource } from 'typeorm';
import { ModelWorker } from '../src/modules/honours/entities/honour.entity';
import { today } from './hardship-fixtures';
import { startTestApp, type TestApp } from './harness';
import { aMember, anEmployerFlag, CONSTRUCTION_UNION, COUNTY, honourKind } from './factories';

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

const deeds = '扎根建筑一线二十年，带领班组攻克高支模施工难题，连续三年安全生产零事故，带出徒弟 15 人。';

/** The nominating union's cadre (县城建筑公司工会) and the county's honour staff, made for a test. */
async function staff(): Promise<{ cadre: string; county: string }> {
  return { cadre: await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION), county: await t.loginAs('county_cadre', COUNTY) };
}

/** The ids of the whole model-worker registry, page after page. */
async function registryIds(token: string): Promise<number[]> {
  const ids: number[] = [];
  let after: string | null = null;
  do {
    const query: string = after ? `limit=50&after=${encodeURIComponent(after)}` : 'limit=50';
    const page = (await t.http<Page<ModelWorkerView>>('GET', `/honours/model-workers?${query}`, { token })).body;
    ids.push(...page.items.map((w) => w.id));
    after = page.nextCursor;
  } while (after);
  return ids;
}

/** A new member of a union (to see the notice board and object). */
const aMemberToken = async () => (await aMember(t)).token;

describe('honours', () => {
  it('nominates, reviews, notices (objections first), awards into the model-worker registry, and revokes visibly', async () => {
    const { cadre, county } = await staff();
    const stats0 = (await t.http<HonourStatistics>('GET', '/honours/statistics', { token: county })).body;
    const model = await honourKind(t, cadre, 'model_worker');
    const year = Number(today().slice(0, 4));
    const n = await post<NominationView>(
      '/honours/nominations',
      cadre,
      { kindId: model.id, nomineeName: '钱师傅', employerName: '县城建筑公司', deeds, year },
      201,
    );
    expect(n).toMatchObject({ state: 'submitted', kindName: '劳动模范', nominatedByName: '县城建筑公司工会', excludedReason: null });
    // The nominating union cannot decide (it sees the case as the nominator: the table refuses); the county can.
    expect(
      (
        await t.step(`/honours/nominations/${n.id}`, {
          token: cadre,
          body: { action: 'start_notice', version: n.version },
        })
      ).status,
    ).toBe(409);
    const notice = await postStep<NominationView>(`/honours/nominations/${n.id}`, county, {
      action: 'start_notice',
      version: n.version,
    });
    expect(notice.state).toBe('public_notice');
    const member = await aMemberToken();
    const onNotice = (await t.http<Page<{ id: number }>>('GET', '/honours/notices?limit=50', { token: member })).body.items;
    expect(onNotice.map((x) => x.id)).toContain(n.id);
    await post(`/honours/nominations/${n.id}/objections`, member, { content: '请核实安全生产零事故的说法。' }, 201);
    // Five days later (the clock moves; no row is rewritten).
    t.clock.advance(5 * 86_400_000 + 1000);
    const blocked = await t.step(`/honours/nominations/${n.id}`, {
      token: county,
      body: { action: 'award', version: notice.version },
    });
    expect(blocked.body.code).toBe('objection_open');
    const objections = await t.app
      .get(DataSource)
      .query('SELECT o.id FROM notice_objections o JOIN honour_nominations n ON n.case_id = o.notice_case_id WHERE n.id = ?', [n.id]);
    await post(`/honours/nominations/${n.id}/objections/${(objections as { id: number }[])[0].id}/resolve`, county, {
      resolution: '经核实，安监部门记录无事故。',
    });
    const awarded = await postStep<NominationView>(`/honours/nominations/${n.id}`, county, {
      action: 'award',
      version: notice.version,
    });
    expect(awarded.state).toBe('awarded');

    // This year's awards come first in the registry.
    const registry = (await t.http<Page<ModelWorkerView>>('GET', '/honours/model-workers?limit=5', { token: county })).body;
    const worker = registry.items.find((w) => w.name === '钱师傅') as ModelWorkerView;
    expect(worker).toMatchObject({ awardedYear: year, healthCheckDue: true });
    const after = await post<ModelWorkerView>(
      `/honours/model-workers/${worker.id}/records`,
      county,
      { kind: 'health_check', date: today(), note: '血压偏高，建议复查' },
      201,
    );
    expect(after).toMatchObject({ id: worker.id, healthCheckDue: false });
    const raw = await t.app.get(DataSource).query('SELECT note_enc FROM model_worker_records');
    expect(JSON.stringify(raw)).not.toContain('血压');
    await post(
      `/honours/model-workers/${worker.id}/records`,
      county,
      { kind: 'support', date: today(), note: '春节慰问', amountFen: 100_000 },
      201,
    );
    expect((await t.http('GET', '/honours/model-workers', { token: cadre })).status).toBe(403);

    const revokedFrom = t.clock.now();
    const revoked = await postStep<NominationView>(`/honours/nominations/${n.id}`, county, {
      action: 'revoke',
      version: awarded.version,
      comment: '经查事迹材料存在虚报',
    });
    expect(revoked).toMatchObject({ state: 'revoked', revokedReason: '经查事迹材料存在虚报' });
    const roll = (await t.http<Page<HonourRollLine>>('GET', '/honours/roll?limit=50', { token: await t.newWorker('roll') })).body.items;
    expect(roll.find((r) => r.id === n.id)?.revokedReason).toBe('经查事迹材料存在虚报');
    const stats = (await t.http<HonourStatistics>('GET', '/honours/statistics', { token: county })).body;
    expect(stats).toMatchObject({
      revoked: stats0.revoked + 1,
      // Awarded and revoked: no longer counted among the current model workers.
      modelWorkers: stats0.modelWorkers,
      healthChecks: stats0.healthChecks + 1,
      supportFen: stats0.supportFen + 100_000,
    });
    // The revoked 劳模 leaves the registry of current model workers, and no more care is recorded for them …
    expect(await registryIds(county)).not.toContain(worker.id);
    const late = await t.http('POST', `/honours/model-workers/${worker.id}/records`, {
      token: county,
      body: { kind: 'care_visit', date: today(), note: '走访' },
    });
    expect(late).toMatchObject({ status: 409, body: { code: 'action_not_allowed', message: '劳模称号已撤销，不再登记体检、慰问和补助' } });
    // … but the row stays, marked revoked when and why, with the records kept.
    const ds = t.app.get(DataSource);
    const row = await ds.getRepository(ModelWorker).findOneByOrFail({ id: worker.id });
    expect(row).toMatchObject({ name: '钱师傅', revokedReason: '经查事迹材料存在虚报' });
    expect(row.revokedAt?.getTime()).toBeGreaterThanOrEqual(revokedFrom.getTime());
    expect(row.revokedAt?.getTime()).toBeLessThanOrEqual(t.clock.now().getTime());
    const [records] = (await ds.query('SELECT COUNT(*) AS n FROM model_worker_records WHERE model_worker_id = ?', [worker.id])) as {
      n: string | number;
    }[];
    expect(Number(records.n)).toBe(2);
  });

  it('stops a nominee whose employer is excluded before the notice, and refuses bad nominations', async () => {
    const county = await t.loginAs('county_cadre', COUNTY);
    const vanguard = await honourKind(t, county, 'vanguard');
    // The employer has a serious accident on record (flagged by the county).
    const flag = await anEmployerFlag(t, { by: county });
    const n = await post<NominationView>(
      '/honours/nominations',
      county,
      { kindId: vanguard.id, nomineeName: '织造车间甲班', employerName: flag.employerName, deeds, year: 2026 },
      201,
    );
    expect(n.excludedReason).toContain('重大安全事故');
    // Another county cadre reviews it: nobody handles their own nomination as staff.
    const refused = await t.step(`/honours/nominations/${n.id}`, {
      token: await t.loginAs('county_admin', COUNTY),
      body: { action: 'start_notice', version: n.version },
    });
    expect(refused.body.code).toBe('employer_excluded');
    const before = await t.count('honour_nominations');
    for (const body of [
      { kindId: 999, nomineeName: '某人', employerName: '某厂', deeds, year: 2026 },
      { kindId: vanguard.id, nomineeName: '某人', employerName: '某厂', deeds: '太短', year: 2026 },
      {},
    ]) {
      expect((await t.http('POST', '/honours/nominations', { token: county, body })).status).toBe(400);
    }
    expect(
      (
        await t.http('POST', '/honours/nominations', {
          token: await aMemberToken(),
          body: { kindId: vanguard.id, nomineeName: '某人', employerName: '某厂', deeds, year: 2026 },
        })
      ).status,
    ).toBe(403);
    expect(await t.count('honour_nominations')).toBe(before);
    const worker = await post<ModelWorkerView>(
      '/honours/model-workers',
      county,
      { name: '孙师傅', employerName: '县城建筑公司', title: '县级劳动模范', awardedYear: 2015 },
      201,
    );
    const records = await t.count('model_worker_records');
    for (const [path, body] of [
      ['/honours/kinds', { code: 'Bad Code', name: '称号', nomineeType: 'person' }],
      ['/honours/kinds', { code: 'new_kind', name: '称号', nomineeType: 'family' }],
      ['/honours/model-workers', { name: '某人', employerName: '某厂', title: '劳模', awardedYear: 1900 }],
      [`/honours/model-workers/${worker.id}/records`, { kind: 'party', date: today(), note: '说明' }],
      [`/honours/model-workers/${worker.id}/records`, { kind: 'support', date: today(), note: '慰问' }],
      [`/honours/model-workers/${worker.id}/records`, { kind: 'care_visit', date: '2099-01-01', note: '慰问' }],
    ] as [string, unknown][]) {
      const res = await t.http('POST', path, { token: county, body });
      expect({ path, refused: res.status >= 400 && res.status < 500 }).toEqual({ path, refused: true });
    }
    expect(await t.count('model_worker_records')).toBe(records);
  });

  it('lets the county reject a nomination with a reason, in review or on notice, and shows the reason to the nominating union', async () => {
    const { cadre, county } = await staff();
    const vanguard = await honourKind(t, cadre, 'vanguard');
    const year = Number(today().slice(0, 4));
    const nominate = (nomineeName: string) =>
      post<NominationView>(
        '/honours/nominations',
        cadre,
        { kindId: vanguard.id, nomineeName, employerName: '县城建筑公司', deeds, year },
        201,
      );

    // In review: only the county's honour staff may reject, and only with a reason. Who does not
    // handle honours does not see the case at all (404).
    const n = await nominate('钢筋班');
    const townCadre = await t.loginAs('town_cadre', '县总工会/城关镇总工会');
    const member = await aMemberToken();
    const history = await t.count('case_history');
    const refusals: [string, string, string | undefined, number][] = [
      ['the nominating union', cadre, '材料不全', 409],
      ['a town cadre', townCadre, '材料不全', 404],
      ['a member', member, '材料不全', 404],
      ['no reason', county, undefined, 400],
      ['a blank reason', county, '  ', 400],
    ];
    for (const [who, token, comment, status] of refusals) {
      const res = await t.step(`/honours/nominations/${n.id}`, {
        token,
        body: { action: 'reject', version: n.version, comment },
      });
      expect({ who, status: res.status }).toEqual({ who, status });
    }
    expect(await t.count('case_history')).toBe(history);
    expect((await t.http<NominationView>('GET', `/honours/nominations/${n.id}`, { token: county })).body).toMatchObject({
      state: 'submitted',
      version: n.version,
      rejectReason: null,
    });

    const reason = '推荐材料缺少近三年安全生产证明，本次不予通过';
    const rejected = await postStep<NominationView>(`/honours/nominations/${n.id}`, county, {
      action: 'reject',
      version: n.version,
      comment: reason,
    });
    expect(rejected).toMatchObject({ state: 'rejected', stateLabel: '未通过', rejectReason: reason, actions: [], deadline: null });
    expect(rejected.history.at(-1)).toMatchObject({ action: 'reject', fromState: 'submitted', toState: 'rejected', comment: reason });
    // The nominating union sees the outcome and the reason, and is told.
    const seen = (await t.http<NominationView>('GET', `/honours/nominations/${n.id}`, { token: cadre })).body;
    expect(seen).toMatchObject({ state: 'rejected', rejectReason: reason });
    const messages = (await t.http<{ items: { title: string }[] }>('GET', '/messages?limit=50', { token: cadre })).body.items;
    expect(messages.map((m) => m.title)).toContain('荣誉推荐：未通过');
    const noNotice = await t.step(`/honours/nominations/${n.id}`, {
      token: county,
      body: { action: 'start_notice', version: rejected.version },
    });
    expect(noNotice.body.code).toBe('action_not_allowed');

    // On notice: an objection proves true, and the county rejects instead of awarding.
    const m = await nominate('模板班');
    const notice = await postStep<NominationView>(`/honours/nominations/${m.id}`, county, {
      action: 'start_notice',
      version: m.version,
    });
    expect(notice.actions.map((a) => a.action)).toEqual(expect.arrayContaining(['award', 'reject']));
    const { id: objectionId } = await post<{ id: number }>(
      `/honours/nominations/${m.id}/objections`,
      member,
      { content: '该班组今年三月发生过一起轻伤事故。' },
      201,
    );
    await post(`/honours/nominations/${m.id}/objections/${objectionId}/resolve`, county, { resolution: '经核实异议属实。' });
    const onNotice = await postStep<NominationView>(`/honours/nominations/${m.id}`, county, {
      action: 'reject',
      version: notice.version,
      comment: '公示期间异议经核实属实，不予授予',
    });
    expect(onNotice).toMatchObject({ state: 'rejected', rejectReason: '公示期间异议经核实属实，不予授予' });
    expect(onNotice.history.at(-1)).toMatchObject({ action: 'reject', fromState: 'public_notice', toState: 'rejected' });
    // Off the notice board, never on the honour roll, and it cannot be awarded any more.
    const worker = await t.newWorker('board');
    expect(
      (await t.http<Page<{ id: number }>>('GET', '/honours/notices?limit=50', { token: worker })).body.items.map((x) => x.id),
    ).not.toContain(m.id);
    expect(
      (await t.http<Page<HonourRollLine>>('GET', '/honours/roll?limit=50', { token: worker })).body.items.map((r) => r.id),
    ).not.toContain(m.id);
    const award = await t.step(`/honours/nominations/${m.id}`, {
      token: county,
      body: { action: 'award', version: onNotice.version },
    });
    expect(award.body.code).toBe('action_not_allowed');
  });
});

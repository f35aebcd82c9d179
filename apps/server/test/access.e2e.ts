import { DataSource } from 'typeorm';
import {
  CONSENT_VERSIONS,
  type CompetitionView,
  type HardshipApplicationView,
  type HardshipFileSummary,
  type HardshipFileView,
  type MembershipApplicationView,
  type ModelWorkerView,
  type Page,
  type WorkbenchItem,
} from '@union/shared';
import { aHardshipCase, endNotice, hardshipApplication, organizationIds, uploadJpeg } from './hardship-fixtures';
import { DEMO_PERSONAS, newIdNumber, newPhone, startTestApp, type DemoPersona, type TestApp } from './harness';

/**
 * Separation of duties: access follows place **and** function. For each kind of record, a matrix of
 * every demo persona and the status they get; the ones outside the record's place or line of work
 * get 404, as if it did not exist.
 */
const PERSONAS = DEMO_PERSONAS;
type Persona = DemoPersona;

let t: TestApp;
const tokens = {} as Record<Persona, string>;
let org: (name: string) => number;

beforeAll(async () => {
  t = await startTestApp();
  for (const p of PERSONAS) tokens[p] = await t.loginAs(p);
  org = await organizationIds(t);
});
afterAll(async () => {
  await t?.close();
});

/** Status per persona of `GET path`, as a record the test prints whole when it fails. */
async function matrix(path: string): Promise<Record<Persona, number>> {
  const out = {} as Record<Persona, number>;
  for (const p of PERSONAS) out[p] = (await t.http('GET', path, { token: tokens[p] })).status;
  return out;
}

/** The expected matrix: 200 for `allowed`, 404 for everyone else. */
function only(allowed: Persona[], extra: Partial<Record<Persona, number>> = {}): Record<Persona, number> {
  return Object.fromEntries(PERSONAS.map((p) => [p, extra[p] ?? (allowed.includes(p) ? 200 : 404)])) as Record<Persona, number>;
}

/** Staff of the construction company's union and above it, in the hardship line of work. */
const HARDSHIP_CHENGGUAN: Persona[] = ['grassroots_cadre', 'town_cadre', 'county_cadre', 'county_admin'];

describe('who may see a hardship application, its evidence and the household file', () => {
  it('answers 404 to lawyers, legal-aid staff, judges and other places, for the case and its uploads', async () => {
    const applicant = await t.newWorker('acc');
    const photo = await uploadJpeg(t, applicant, 'id_card');
    const created = await t.http<HardshipApplicationView>('POST', '/hardship/applications', {
      token: applicant,
      body: hardshipApplication(org('县城建筑公司工会'), { evidenceUploadIds: [photo.id] }),
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(await matrix(`/hardship/applications/${id}`)).toEqual(only(HARDSHIP_CHENGGUAN));
    expect(await matrix(`/uploads/${photo.id}/link`)).toEqual(only(HARDSHIP_CHENGGUAN));
    expect((await t.http('GET', `/hardship/applications/${id}`, { token: applicant })).status).toBe(200);
    expect((await t.http('GET', `/uploads/${photo.id}/link`, { token: applicant })).status).toBe(200);
  });

  it('audits staff opening an ID-card photo, not the uploader opening their own', async () => {
    const applicant = await t.newWorker('aud');
    const photo = await uploadJpeg(t, applicant, 'id_card');
    const created = await t.http<HardshipApplicationView>('POST', '/hardship/applications', {
      token: applicant,
      body: hardshipApplication(org('县城建筑公司工会'), { evidenceUploadIds: [photo.id] }),
    });
    expect(created.status).toBe(201);
    const audited = () => t.count('audit_log');
    const before = await audited();
    expect((await t.http('GET', `/uploads/${photo.id}/link`, { token: applicant })).status).toBe(200);
    expect(await audited()).toBe(before);
    expect((await t.http('GET', `/uploads/${photo.id}/link`, { token: tokens.lawyer })).status).toBe(404);
    expect(await audited()).toBe(before);
    expect((await t.http('GET', `/uploads/${photo.id}/link`, { token: tokens.grassroots_cadre })).status).toBe(200);
    expect(await audited()).toBe(before + 1);
    const ds = t.app.get(DataSource);
    const [row] = (await ds.query('SELECT subject_type AS s, field AS f FROM audit_log ORDER BY id DESC LIMIT 1')) as {
      s: string;
      f: string;
    }[];
    expect(row).toEqual({ s: 'upload', f: 'id_card' });
  });

  it('keeps household files and their aid records from lawyers, legal-aid staff and judges', async () => {
    const files = await t.http<Page<HardshipFileSummary>>('GET', '/hardship/files?limit=50', { token: tokens.county_cadre });
    expect(files.status).toBe(200);
    const fileId = files.body.items[0]?.id;
    expect(fileId).toBeDefined();
    const file = await t.http<HardshipFileView>('GET', `/hardship/files/${fileId}`, { token: tokens.county_cadre });
    expect(file.status).toBe(200);
    const statuses = await matrix(`/hardship/files/${fileId}`);
    for (const p of ['lawyer', 'legal_staff', 'town_lawyer', 'judge', 'worker'] as const) expect([p, statuses[p]]).toEqual([p, 404]);
    expect(statuses.county_admin).toBe(200);
    const aidId = file.body.aid[0]?.id;
    expect(aidId).toBeDefined();
    const aid = await matrix(`/hardship/aid/${aidId}`);
    for (const p of ['lawyer', 'legal_staff', 'town_lawyer', 'judge', 'worker'] as const) expect([p, aid[p]]).toEqual([p, 404]);
    expect(aid.county_cadre).toBe(200);
    // Lists in the legal line of work are empty of households: the route itself needs hardship.file.view.
    expect((await t.http('GET', '/hardship/files', { token: tokens.legal_staff })).status).toBe(403);
  });
});

describe('who may see a membership application', () => {
  it('answers 404 to the legal-aid centre, judges and other towns', async () => {
    const applicant = await t.newWorker('accm');
    const created = await t.http<MembershipApplicationView>('POST', '/membership/applications', {
      token: applicant,
      body: {
        realName: '测试工人',
        idNumber: newIdNumber(),
        phone: newPhone(),
        employerName: '县城建筑公司',
        employmentType: 'migrant_worker',
        organizationId: org('县城建筑公司工会'),
        hideFromEmployer: false,
      },
    });
    expect(created.status).toBe(201);
    expect(await matrix(`/membership/applications/${created.body.id}`)).toEqual(only(HARDSHIP_CHENGGUAN));
    // An audited reveal is per domain too: legal-aid staff hold pii.reveal, but not for union membership.
    const reveal = await t.http('POST', '/pii/reveal', {
      token: tokens.legal_staff,
      body: { subject: 'membership_application', id: created.body.id, field: 'idNumber', reason: '核实身份' },
    });
    expect(reveal.status).toBe(404);
  });
});

describe('competitions', () => {
  it('keeps drafts from lawyers and judges, and scores inside their own competition', async () => {
    const list = await t.http<Page<CompetitionView>>('GET', '/competitions?limit=50', { token: tokens.county_cadre });
    const withEvents = list.body.items.filter((c) => c.events.length > 0);
    expect(withEvents.length).toBeGreaterThanOrEqual(2);
    const [a, b] = withEvents;
    const own = await t.http('GET', `/competitions/${b.id}/events/${b.events[0].id}/scores`, { token: tokens.county_cadre });
    expect(own.status).toBe(200);
    const crossed = await t.http('GET', `/competitions/${a.id}/events/${b.events[0].id}/scores`, { token: tokens.county_cadre });
    expect(crossed.status).toBe(404);

    const draft = await t.http<CompetitionView>('POST', '/competitions', {
      token: tokens.county_cadre,
      body: {
        kind: 'skills',
        title: '筹备中的比赛',
        description: '还没开放',
        registrationClosesOn: '2099-01-05',
        startsOn: '2099-01-06',
        endsOn: '2099-01-07',
        noticeDays: 5,
        events: [
          {
            name: '焊接',
            entryKind: 'individual',
            maxEntries: 0,
            scoring: { kind: 'judges_average', dropExtremesFrom: 3 },
            tieBreak: 'shared',
            awards: [{ title: '一等奖', fromRank: 1, toRank: 1 }],
          },
        ],
      },
    });
    expect(draft.status).toBe(201);
    const statuses = await matrix(`/competitions/${draft.body.id}`);
    expect(statuses).toMatchObject({
      county_cadre: 200,
      county_admin: 200,
      lawyer: 404,
      legal_staff: 404,
      judge: 404,
      worker: 404,
      member: 404,
    });
    for (const p of ['lawyer', 'judge'] as const) {
      const seen = await t.http<Page<CompetitionView>>('GET', '/competitions?limit=50', { token: tokens[p] });
      expect(seen.body.items.map((c) => c.id)).not.toContain(draft.body.id);
    }
  });
});

describe('public notices', () => {
  it('stops showing an ended hardship notice to the public, but not to the applicant or staff in scope', async () => {
    const { application, applicant } = await aHardshipCase(t, { state: 'public_notice' });
    const noticeId = application.publicNotice?.id as number;
    // While it runs, everyone signed in may read it (the public in the notice's place).
    expect((await t.http('GET', `/hardship/notices/${noticeId}`, { token: tokens.worker })).status).toBe(200);
    await endNotice(t, noticeId);
    const statuses = await matrix(`/hardship/notices/${noticeId}`);
    expect(statuses).toMatchObject({ grassroots_cadre: 200, town_cadre: 200, county_cadre: 200 });
    expect(statuses).toMatchObject({
      worker: 404,
      member: 404,
      lawyer: 404,
      legal_staff: 404,
      judge: 404,
      town2_cadre: 404,
      industry_cadre: 404,
    });
    expect((await t.http('GET', `/hardship/notices/${noticeId}`, { token: applicant })).status).toBe(200);
  });
});

describe('nobody handles their own case as staff', () => {
  it("gives a cadre who applies for hardship help the applicant's view only; the level above handles it", async () => {
    const cadre = tokens.grassroots_cadre;
    for (const [kind, version] of Object.entries(CONSENT_VERSIONS))
      await t.http('POST', '/me/consents', { token: cadre, body: { kind, version } });
    const created = await t.http<HardshipApplicationView>('POST', '/hardship/applications', {
      token: cadre,
      body: hardshipApplication(org('县城建筑公司工会'), { members: hardshipApplication(0).members }),
    });
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    const id = created.body.id;
    const own = await t.actionsOf(`/hardship/applications/${id}`, { token: cadre });
    expect(own.body.map((a) => a.action)).not.toContain('pass_initial_review');
    expect(own.body.every((a) => ['withdraw'].includes(a.action))).toBe(true);
    const refused = await t.step(`/hardship/applications/${id}`, {
      token: cadre,
      body: { action: 'pass_initial_review', version: created.body.version },
    });
    expect(refused.status).toBe(409);
    const queue = await t.http<Page<WorkbenchItem>>('GET', '/workbench/queue?caseType=hardship_application&limit=50', { token: cadre });
    expect(queue.body.items.map((i) => i.id)).not.toContain(id);
    // The recusal is on the record, and the town union can act.
    const view = await t.http<HardshipApplicationView>('GET', `/hardship/applications/${id}`, { token: tokens.town_cadre });
    expect(view.body.history.map((h) => h.actionLabel)).toContain('本人回避');
    const town = await t.actionsOf(`/hardship/applications/${id}`, { token: tokens.town_cadre });
    expect(town.body.length).toBeGreaterThan(0);
  });
});

describe('sensitive notes and phones behind the audited reveal', () => {
  it("masks a model worker's health check in the registry and reveals it with an audit row", async () => {
    const county = tokens.county_cadre;
    const added = await t.http<ModelWorkerView>('POST', '/honours/model-workers', {
      token: county,
      body: { name: '体检劳模', employerName: '县城建筑公司', title: '县级劳动模范', awardedYear: 2020 },
    });
    expect(added.status).toBe(201);
    const worker = added.body;
    expect(worker.name).toBe('体检劳模');
    const withCheck = await t.http<ModelWorkerView>('POST', `/honours/model-workers/${worker.id}/records`, {
      token: county,
      body: { kind: 'health_check', date: '2026-03-01', note: '血压偏高，建议复查' },
    });
    expect(withCheck.status).toBe(201);
    expect(withCheck.body.id).toBe(worker.id);
    const record = withCheck.body.records[0];
    expect(record?.sensitive).toBe(true);
    expect(JSON.stringify(withCheck.body)).not.toContain('血压偏高');
    const before = await t.count('audit_log');
    const noReason = await t.http('POST', `/honours/model-workers/records/${record?.id}/reveal`, { token: county, body: { reason: '' } });
    expect(noReason.status).toBe(400);
    const revealed = await t.http<{ value: string }>('POST', `/honours/model-workers/records/${record?.id}/reveal`, {
      token: county,
      body: { reason: '安排复查' },
    });
    expect(revealed.status).toBe(200);
    expect(revealed.body.value).toBe('血压偏高，建议复查');
    expect(await t.count('audit_log')).toBe(before + 1);
    const lawyer = await t.http('POST', `/honours/model-workers/records/${record?.id}/reveal`, {
      token: tokens.legal_staff,
      body: { reason: '看看' },
    });
    expect(lawyer.status).toBe(403);
  });
});

describe("a judge's and an expert's own work", () => {
  it('shows a judge the entries still to score, which the case queue does not hold', async () => {
    const judge = tokens.judge;
    const queue = await t.http<Page<WorkbenchItem>>('GET', '/workbench/queue?limit=50', { token: judge });
    expect(queue.body.items).toEqual([]);
    const assigned = await t.http<{ scoring: number; reviews: number }>('GET', '/workbench/assignments', { token: judge });
    expect(assigned.status).toBe(200);
    // 郑评委 has not yet scored the running 维修电工比武 (demo data).
    expect(assigned.body.scoring).toBeGreaterThan(0);
    const none = await t.http<{ scoring: number; reviews: number }>('GET', '/workbench/assignments', { token: tokens.town_cadre });
    expect(none.body).toEqual({ scoring: 0, reviews: 0 });
  });

  it('shows an expert the proposals assigned to them until their opinion is in', async () => {
    const judgeId = (await t.http<{ id: number }>('GET', '/me', { token: tokens.judge })).body.id;
    const before = (await t.http<{ reviews: number }>('GET', '/workbench/assignments', { token: tokens.judge })).body.reviews;
    const p = await t.http<{ id: number; version: number }>('POST', '/proposals', {
      token: tokens.member,
      body: {
        title: '钢筋余料编号再用',
        problem: '短料堆在角落没人管。',
        suggestion: '余料编号登记，下料时先查余料。',
        expectedBenefit: '每月少用钢材',
      },
    });
    const registered = await t.http<{ version: number }>('POST', `/proposals/${p.body.id}/register`, {
      token: tokens.grassroots_cadre,
      body: { version: p.body.version, expertUserIds: [judgeId] },
    });
    expect(registered.status).toBe(200);
    expect((await t.http<{ reviews: number }>('GET', '/workbench/assignments', { token: tokens.judge })).body.reviews).toBe(before + 1);
    const opinion = await t.http('POST', `/proposals/${p.body.id}/opinions`, {
      token: tokens.judge,
      body: { recommend: 'adopt', opinion: '可行，先在一个工地试。' },
    });
    expect(opinion.status).toBe(200);
    expect((await t.http<{ reviews: number }>('GET', '/workbench/assignments', { token: tokens.judge })).body.reviews).toBe(before);
  });
});

describe('the phone of a phone consultation', () => {
  it('is revealed to the lawyer holding it, with a reason and an audit row, and to nobody outside the case', async () => {
    const mine = await t.http<Page<{ id: number; channel: string; lawyerName: string; phoneMasked: string | null }>>(
      'GET',
      '/legal/consultations/mine',
      {
        token: tokens.member,
      },
    );
    const call = mine.body.items.find((c) => c.channel === 'phone' && c.lawyerName === '孙律师' && c.phoneMasked);
    expect(call).toBeDefined();
    const path = `/legal/consultations/${call?.id}/reveal-phone`;
    const before = await t.count('audit_log');
    expect((await t.http('POST', path, { token: tokens.lawyer, body: { reason: '' } })).status).toBe(400);
    expect((await t.http('POST', path, { token: tokens.lawyer, body: { reason: '按预约打电话', extra: 1 } })).status).toBe(400);
    expect((await t.http('POST', path, { token: tokens.town_lawyer, body: { reason: '按预约打电话' } })).status).toBe(404);
    expect((await t.http('POST', path, { token: tokens.member, body: { reason: '按预约打电话' } })).status).toBe(403);
    expect((await t.http('POST', path, { token: tokens.county_cadre, body: { reason: '按预约打电话' } })).status).toBe(403);
    expect(await t.count('audit_log')).toBe(before);
    const shown = await t.http<{ value: string }>('POST', path, { token: tokens.lawyer, body: { reason: '按预约打电话' } });
    expect(shown.status).toBe(200);
    expect(shown.body.value).toMatch(/^1\d{10}$/);
    expect(shown.body.value.slice(-4)).toBe(call?.phoneMasked?.slice(-4));
    expect(await t.count('audit_log')).toBe(before + 1);
  });
});

describe('functions are held by their holders, not by the administrator', () => {
  type Named = { userId: number; name: string };
  it('keeps the county administrator out of the legal centre and off the lists of lawyers, judges and experts', async () => {
    // The administrator runs the union tree and its staff; the legal centre's files are not theirs.
    expect((await t.http('GET', '/legal/lawyers', { token: tokens.county_admin })).status).toBe(403);
    expect((await t.http('GET', '/legal/aid-applications?limit=5', { token: tokens.county_admin })).status).toBe(403);
    const lawyers = await t.http<{ name: string; isLawyer: boolean }[]>('GET', '/legal/lawyers', { token: tokens.legal_staff });
    expect(lawyers.status).toBe(200);
    expect(lawyers.body.find((l) => l.name === '孙律师')?.isLawyer).toBe(true);
    expect(lawyers.body.find((l) => l.name === '马主任')?.isLawyer).toBe(false);
    expect(lawyers.body.some((l) => l.name === '钱管理员')).toBe(false);
    const judges = await t.http<Named[]>('GET', '/competitions/judges', { token: tokens.county_cadre });
    expect(judges.body.map((j) => j.name)).toEqual(expect.arrayContaining(['郑评委']));
    expect(judges.body.some((j) => j.name === '钱管理员')).toBe(false);
    const experts = await t.http<Named[]>('GET', '/proposals/experts', { token: tokens.county_cadre });
    expect(experts.body.map((j) => j.name)).toEqual(expect.arrayContaining(['郑评委']));
    expect(experts.body.some((j) => j.name === '钱管理员')).toBe(false);
  });

  it('gives a legal-aid case only to a lawyer of the centre (not to its duty staff), and changes nothing when refused', async () => {
    const waiting = await t.http<Page<{ id: number; state: string }>>('GET', '/legal/aid-applications?limit=50', {
      token: tokens.legal_staff,
    });
    const submitted = waiting.body.items.find((a) => a.state === 'submitted');
    expect(submitted).toBeDefined();
    const before = await t.http<{ version: number; state: string }>('GET', `/legal/aid-applications/${submitted?.id}`, {
      token: tokens.legal_staff,
    });
    const staffId = (await t.http<{ id: number }>('GET', '/me', { token: tokens.legal_staff })).body.id;
    const judgeId = (await t.http<{ id: number }>('GET', '/me', { token: tokens.judge })).body.id;
    for (const lawyerUserId of [staffId, judgeId]) {
      const refused = await t.http<{ code: string; details: { field: string }[] }>(
        'POST',
        `/legal/aid-applications/${submitted?.id}/accept`,
        {
          token: tokens.legal_staff,
          body: { version: before.body.version, lawyerUserId },
        },
      );
      expect(refused.status).toBe(400);
      expect(refused.body.details[0].field).toBe('lawyerUserId');
    }
    const after = await t.http<{ version: number; state: string }>('GET', `/legal/aid-applications/${submitted?.id}`, {
      token: tokens.legal_staff,
    });
    expect(after.body).toMatchObject({ version: before.body.version, state: 'submitted' });
  });
});

describe('the phone of a legal-aid applicant', () => {
  it('is revealed to the lawyer of the case and to the centre, audited, and to nobody else', async () => {
    const list = await t.http<Page<{ id: number; lawyerName: string | null }>>('GET', '/legal/aid-applications?limit=50', {
      token: tokens.legal_staff,
    });
    const kase = list.body.items.find((a) => a.lawyerName === '孙律师');
    expect(kase).toBeDefined();
    const path = `/legal/aid-applications/${kase?.id}/reveal-phone`;
    const before = await t.count('audit_log');
    expect((await t.http('POST', path, { token: tokens.lawyer, body: { reason: '' } })).status).toBe(400);
    expect((await t.http('POST', path, { token: tokens.town_lawyer, body: { reason: '联系当事人' } })).status).toBe(404);
    for (const p of ['member', 'county_cadre', 'county_admin', 'judge'] as Persona[]) {
      expect((await t.http('POST', path, { token: tokens[p], body: { reason: '联系当事人' } })).status).toBe(403);
    }
    expect(await t.count('audit_log')).toBe(before);
    const shown = await t.http<{ value: string }>('POST', path, { token: tokens.lawyer, body: { reason: '联系当事人' } });
    expect(shown.status).toBe(200);
    expect(shown.body.value).toMatch(/^1\d{10}$/);
    expect((await t.http('POST', path, { token: tokens.legal_staff, body: { reason: '核对材料' } })).status).toBe(200);
    expect(await t.count('audit_log')).toBe(before + 2);
  });
});

describe('employer flags', () => {
  it('count everywhere, and are lifted only by staff over the union that set them', async () => {
    const flag = await t.http<{ id: number }>('POST', '/competitions/employer-flags', {
      token: tokens.town_cadre,
      body: { employerName: '城关测试机械厂', kind: 'no_union', note: '走访时发现尚未建会', since: '2026-11-01' },
    });
    expect(flag.status).toBe(201);
    const before = await t.count('employer_flags');
    expect((await t.http('DELETE', `/competitions/employer-flags/${flag.body.id}`, { token: tokens.town2_cadre })).status).toBe(403);
    expect((await t.http('DELETE', `/competitions/employer-flags/${flag.body.id}`, { token: tokens.lawyer })).status).toBe(403);
    expect(await t.count('employer_flags')).toBe(before);
    expect((await t.http('DELETE', `/competitions/employer-flags/${flag.body.id}`, { token: tokens.town_cadre })).status).toBe(204);
    expect(await t.count('employer_flags')).toBe(before - 1);
    // The county's flags (the demo's serious accident at 城关纺织) stay out of a town's reach.
    const county = (
      await t.http<Page<{ id: number; employerName: string }>>('GET', '/competitions/employer-flags?limit=50', { token: tokens.town_cadre })
    ).body.items;
    const accident = county.find((f) => f.employerName.includes('城关纺织'));
    expect(accident).toBeDefined();
    expect((await t.http('DELETE', `/competitions/employer-flags/${accident?.id}`, { token: tokens.town_cadre })).status).toBe(403);
  });
});

import { DataSource } from 'typeorm';
import { JwtService } from '@nestjs/jwt';
import type {
  CardVerification,
  MemberCardView,
  MembershipApplicationView,
  MembershipTransferView,
  OrganizationRouteSuggestion,
  OrganizationView,
  Page,
  WorkbenchItem,
} from '@union/shared';
import { APP_CONFIG, type AppConfig } from '../src/config/configuration';
import { itRaces, newIdNumber, newPhone, startTestApp, type TestApp } from './harness';
import { aMember, CONSTRUCTION_UNION, COUNTY } from './factories';
import { expectKeysetPages } from './paging';

const CHENGGUAN = '县总工会/城关镇总工会';
const WANAN = '县总工会/万安镇总工会';

describe('joining the union (e2e over HTTP)', () => {
  let t: TestApp;
  let orgs: Record<string, { id: number }>;

  beforeAll(async () => {
    t = await startTestApp();
    const at = async (path: string) => ({ id: await t.organisationAt(path) });
    orgs = {
      construction: await at(CONSTRUCTION_UNION),
      chengguan: await at(CHENGGUAN),
      food: await at(`${WANAN}/万安食品有限公司工会`),
      riders: await at(`${CHENGGUAN}/城关镇快递外卖联合工会`),
    };
  });
  afterAll(() => t.close());

  async function apply(token: string, overrides: Record<string, unknown> = {}) {
    return t.http<MembershipApplicationView>('POST', '/membership/applications', {
      token,
      body: {
        realName: '测试工人',
        idNumber: newIdNumber(),
        phone: newPhone(),
        employerName: '县城建筑公司',
        employmentType: 'migrant_worker',
        organizationId: orgs.construction.id,
        hideFromEmployer: false,
        ...overrides,
      },
    });
  }

  it('takes a worker from application to member card: apply, review, approve, card verifies', async () => {
    const worker = await t.newWorker('flow');
    const route = await t.http<OrganizationRouteSuggestion>(
      'GET',
      `/organizations/route?employerName=${encodeURIComponent('县城建筑公司')}`,
      { token: worker },
    );
    expect(route.body.employerUnion?.name).toBe('县城建筑公司工会');
    expect(route.body.alternatives.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['town_union', 'joint_union', 'industry_federation']),
    );

    const idNumber = newIdNumber();
    const created = await apply(worker, { idNumber, organizationId: route.body.employerUnion?.id });
    expect(created.status).toBe(201);
    expect(created.body.state).toBe('submitted');
    expect(created.body.idNumberMasked).toBe(`${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`);
    expect(JSON.stringify(created.body)).not.toContain(idNumber);
    expect(created.body.deadline?.workingDaysLeft).toBe(15);

    const workerActions = await t.actionsOf(`/membership/applications/${created.body.id}`, { token: worker });
    expect(workerActions.body.map((a) => a.action)).toEqual(['withdraw']);

    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const queue = await t.http<Page<WorkbenchItem>>('GET', '/workbench/queue?limit=50', { token: cadre });
    expect(queue.body.items.some((i) => i.caseType === 'membership_application' && i.id === created.body.id)).toBe(true);
    const actions = await t.actionsOf(`/membership/applications/${created.body.id}`, { token: cadre });
    expect(actions.body.map((a) => a.action).sort()).toEqual(['approve', 'reject', 'request_info', 'transfer']);

    const approved = await t.step<MembershipApplicationView>(`/membership/applications/${created.body.id}`, {
      token: cadre,
      body: { action: 'approve', version: created.body.version },
    });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('approved');
    expect(approved.body.history.map((h) => h.action)).toEqual(['submit', 'approve']);

    const card = await t.http<MemberCardView>('GET', '/membership/me', { token: worker });
    expect(card.status).toBe(200);
    expect(card.body.memberNo).toMatch(/^\d{12}$/);
    // The year of joining and the membership's case number; the case is titled with it.
    const [membership] = (await t.app
      .get(DataSource)
      .query('SELECT c.id AS id, c.title AS title FROM members m JOIN workflow_cases c ON c.id = m.case_id WHERE m.member_no = ?', [
        card.body.memberNo,
      ])) as { id: number; title: string }[];
    expect(card.body.memberNo).toBe(`${new Date().getUTCFullYear()}${String(membership.id).padStart(8, '0')}`);
    expect(membership.title).toBe(`会员 ${card.body.memberNo}`);
    expect(card.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const verified = await t.http<CardVerification>('GET', `/membership/cards/verify?token=${encodeURIComponent(card.body.cardToken)}`);
    expect(verified.body.result).toBe('valid');
    expect(verified.body.realNameMasked).toBe('测***');

    const messages = await t.http<Page<{ title: string }>>('GET', '/messages', { token: worker });
    expect(messages.body.items.map((m) => m.title)).toEqual(['入会申请已通过', '入会申请已提交']);

    // The same person cannot join twice.
    const again = await apply(worker, { idNumber });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already_member' });
  });

  it('refuses a second open application for the same ID number, even from another account', async () => {
    const idNumber = newIdNumber();
    const first = await apply(await t.newWorker('dup1'), { idNumber });
    expect(first.status).toBe(201);
    const before = await t.count('membership_applications');
    const second = await apply(await t.newWorker('dup2'), { idNumber });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'duplicate_application', message: expect.stringContaining('请勿重复提交') });
    expect(await t.count('membership_applications')).toBe(before);
  });

  it('rejects with a reason the worker can read, and requires the reason', async () => {
    const worker = await t.newWorker('rej');
    const idNumber = newIdNumber();
    const created = await apply(worker, { idNumber });
    const cadre = await t.loginAs('town_cadre', CHENGGUAN);
    const noReason = await t.step(`/membership/applications/${created.body.id}`, {
      token: cadre,
      body: { action: 'reject', version: 1 },
    });
    expect(noReason.status).toBe(400);
    const rejected = await t.step<MembershipApplicationView>(`/membership/applications/${created.body.id}`, {
      token: cadre,
      body: { action: 'reject', version: 1, comment: '不属于本单位职工' },
    });
    expect(rejected.body.state).toBe('rejected');
    const seen = await t.http<MembershipApplicationView>('GET', `/membership/applications/${created.body.id}`, { token: worker });
    expect(seen.body.lastReviewerComment).toBe('不属于本单位职工');
    expect(seen.body.stateLabel).toBe('未通过');
    // Closed: the same person may apply again.
    expect((await apply(worker, { idNumber })).status).toBe(201);
  });

  it('asks for more information, and the worker resubmits', async () => {
    const worker = await t.newWorker('info');
    const created = await apply(worker);
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const asked = await t.step<MembershipApplicationView>(`/membership/applications/${created.body.id}`, {
      token: cadre,
      body: { action: 'request_info', version: 1, comment: '请补充入职时间' },
    });
    expect(asked.body.state).toBe('needs_info');
    const resubmitted = await t.step<MembershipApplicationView>(`/membership/applications/${created.body.id}`, {
      token: worker,
      body: { action: 'resubmit', version: asked.body.version, comment: '2025 年 3 月入职' },
    });
    expect(resubmitted.body.state).toBe('submitted');
    // A worker cannot approve their own application.
    const self = await t.step(`/membership/applications/${created.body.id}`, {
      token: worker,
      body: { action: 'approve', version: resubmitted.body.version },
    });
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({ code: 'action_not_allowed' });
  });

  it('hides an application from the employer union when asked, and routes it to the union above', async () => {
    const worker = await t.newWorker('hide');
    const created = await apply(worker, { hideFromEmployer: true });
    expect(created.body.organization.name).toBe('城关镇总工会');
    const employerCadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    expect((await t.http('GET', `/membership/applications/${created.body.id}`, { token: employerCadre })).status).toBe(404);
    const queue = await t.http<Page<WorkbenchItem>>('GET', '/workbench/queue?limit=50', { token: employerCadre });
    expect(queue.body.items.some((i) => i.id === created.body.id && i.caseType === 'membership_application')).toBe(false);
    const town = await t.loginAs('town_cadre', CHENGGUAN);
    expect((await t.http('GET', `/membership/applications/${created.body.id}`, { token: town })).status).toBe(200);
  });

  it('answers 404 to a cadre of another union, for reading and for acting', async () => {
    const created = await apply(await t.newWorker('scope'));
    const otherTown = await t.loginAs('town_cadre', WANAN);
    expect((await t.http('GET', `/membership/applications/${created.body.id}`, { token: otherTown })).status).toBe(404);
    expect((await t.actionsOf(`/membership/applications/${created.body.id}`, { token: otherTown })).status).toBe(404);
    const act = await t.step(`/membership/applications/${created.body.id}`, {
      token: otherTown,
      body: { action: 'approve', version: 1 },
    });
    expect(act.status).toBe(404);
    const reveal = await t.http('POST', '/pii/reveal', {
      token: otherTown,
      body: { subject: 'membership_application', id: created.body.id, field: 'idNumber', reason: '核实身份' },
    });
    expect(reveal.status).toBe(404);
  });

  itRaces('lets exactly one of two concurrent approvals win; the other gets 409', async () => {
    const created = await apply(await t.newWorker('race'));
    const [a, b] = await Promise.all([t.loginAs('grassroots_cadre', CONSTRUCTION_UNION), t.loginAs('town_cadre', CHENGGUAN)]);
    const results = await Promise.all(
      [a, b].map((token) => t.step(`/membership/applications/${created.body.id}`, { token, body: { action: 'approve', version: 1 } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)?.body).toMatchObject({ code: 'state_conflict' });
    expect(await t.count('members')).toBeGreaterThan(0);
    const view = await t.http<MembershipApplicationView>('GET', `/membership/applications/${created.body.id}`, { token: a });
    expect(view.body.history.filter((h) => h.action === 'approve')).toHaveLength(1);
  });

  it('transfers a case to another union, which then holds it', async () => {
    const created = await apply(await t.newWorker('move'));
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const moved = await t.step<MembershipApplicationView>(`/membership/applications/${created.body.id}`, {
      token: cadre,
      body: { action: 'transfer', version: 1, targetOrganizationId: orgs.riders.id, comment: '该职工为外卖骑手' },
    });
    expect(moved.body).toMatchObject({ state: 'submitted' });
    expect(moved.status).toBe(200);
    // The cadre who transferred it no longer sees the application: they get the case as it is now, with nothing to do.
    expect(moved.body).toMatchObject({ actions: [], route: null });
    const now = await t.http<MembershipApplicationView>('GET', `/membership/applications/${created.body.id}`, {
      token: await t.loginAs('county_admin', COUNTY),
    });
    expect(now.body.organization.name).toBe('城关镇快递外卖联合工会');
    expect((await t.http('GET', `/membership/applications/${created.body.id}`, { token: cadre })).status).toBe(404);
  });

  it('moves a member to a new union (会籍接转): request, accept, new card, old card revoked', async () => {
    const worker = await t.newWorker('xfer');
    const created = await apply(worker);
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    await t.step(`/membership/applications/${created.body.id}`, {
      token: cadre,
      body: { action: 'approve', version: 1 },
    });
    const oldCard = await t.http<MemberCardView>('GET', '/membership/me', { token: worker });

    const requested = await t.http<MembershipTransferView>('POST', '/membership/transfers', {
      token: worker,
      body: { toOrganizationId: orgs.food.id, newEmployerName: '万安食品有限公司' },
    });
    expect(requested.status).toBe(201);
    expect(requested.body.state).toBe('requested');
    const again = await t.http('POST', '/membership/transfers', {
      token: worker,
      body: { toOrganizationId: orgs.food.id, newEmployerName: '万安食品有限公司' },
    });
    expect(again.body).toMatchObject({ code: 'transfer_in_progress' });

    // The sending union's cadre cannot accept; the receiving town's cadre can.
    expect(
      (
        await t.step(`/membership/transfers/${requested.body.id}`, {
          token: cadre,
          body: { action: 'accept', version: 1 },
        })
      ).status,
    ).toBe(404);
    const receiving = await t.loginAs('town_cadre', WANAN);
    const accepted = await t.step<MembershipTransferView>(`/membership/transfers/${requested.body.id}`, {
      token: receiving,
      body: { action: 'accept', version: 1 },
    });
    expect(accepted.body.state).toBe('accepted');

    const newCard = await t.http<MemberCardView>('GET', '/membership/me', { token: worker });
    expect(newCard.body.organization.name).toBe('万安食品有限公司工会');
    // The membership's case moved with the member.
    const [placed] = (await t.app
      .get(DataSource)
      .query('SELECT c.organization_id AS org FROM members m JOIN workflow_cases c ON c.id = m.case_id WHERE m.id = ?', [
        newCard.body.memberId,
      ])) as { org: number }[];
    expect(Number(placed.org)).toBe(newCard.body.organization.id);
    expect(newCard.body.memberNo).toBe(oldCard.body.memberNo);
    expect((await t.http<CardVerification>('GET', `/membership/cards/verify?token=${oldCard.body.cardToken}`)).body.result).toBe('revoked');
    expect((await t.http<CardVerification>('GET', `/membership/cards/verify?token=${newCard.body.cardToken}`)).body.result).toBe('valid');
  });

  it('lets the applicant withdraw an application, and a transfer be declined with a reason or cancelled by the member', async () => {
    const applicant = await t.newWorker('wd');
    const pending = await apply(applicant);
    const withdrawn = await t.step<MembershipApplicationView>(`/membership/applications/${pending.body.id}`, {
      token: applicant,
      body: { action: 'withdraw', version: 1 },
    });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.state).toBe('withdrawn');

    const worker = await t.newWorker('dc');
    const created = await apply(worker);
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    await t.step(`/membership/applications/${created.body.id}`, {
      token: cadre,
      body: { action: 'approve', version: 1 },
    });
    const request = () =>
      t.http<MembershipTransferView>('POST', '/membership/transfers', {
        token: worker,
        body: { toOrganizationId: orgs.food.id, newEmployerName: '万安食品有限公司' },
      });
    const receiving = await t.loginAs('town_cadre', WANAN);
    const first = await request();
    const noReason = await t.step<{ code: string }>(`/membership/transfers/${first.body.id}`, {
      token: receiving,
      body: { action: 'decline', version: 1 },
    });
    expect(noReason.status).toBe(400);
    const declined = await t.step<MembershipTransferView>(`/membership/transfers/${first.body.id}`, {
      token: receiving,
      body: { action: 'decline', version: 1, comment: '该会员的新单位不在本镇' },
    });
    expect(declined.body.state).toBe('declined');

    const second = await request();
    expect(second.status).toBe(201);
    const cancelled = await t.step<MembershipTransferView>(`/membership/transfers/${second.body.id}`, {
      token: worker,
      body: { action: 'cancel', version: 1 },
    });
    expect(cancelled.body.state).toBe('cancelled');
    expect((await t.http<MemberCardView>('GET', '/membership/me', { token: worker })).body.organization.name).not.toBe(
      '万安食品有限公司工会',
    );
  });

  it('lets a member withdraw; the card is revoked at once', async () => {
    const worker = await t.newWorker('quit');
    const created = await apply(worker);
    await t.step(`/membership/applications/${created.body.id}`, {
      token: await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION),
      body: { action: 'approve', version: 1 },
    });
    const card = await t.http<MemberCardView>('GET', '/membership/me', { token: worker });
    // The membership is a case: the member may leave (only they), the union sees it and cannot act.
    const ds = t.app.get(DataSource);
    const [{ caseId }] = (await ds.query('SELECT case_id AS caseId FROM members WHERE id = ?', [card.body.memberId])) as {
      caseId: number;
    }[];
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    expect((await t.http<{ action: string }[]>('GET', `/cases/${caseId}/actions`, { token: worker })).body.map((a) => a.action)).toEqual([
      'withdraw',
    ]);
    const seen = await t.http<{ stateLabel: string; actions: unknown[] }>('GET', `/cases/${caseId}`, { token: cadre });
    expect(seen.body).toMatchObject({ stateLabel: '在会', actions: [] });
    expect((await t.http('POST', '/membership/withdraw', { token: worker, body: { reason: '退休' } })).status).toBe(204);
    expect((await t.http<CardVerification>('GET', `/membership/cards/verify?token=${card.body.cardToken}`)).body.result).toBe('revoked');
    expect((await t.http('GET', '/membership/me', { token: worker })).body).toMatchObject({ code: 'not_a_member' });
    const history = await t.http<{ action: string; comment: string | null }[]>('GET', `/cases/${caseId}/history`, { token: cadre });
    expect(history.body.map((h) => [h.action, h.comment])).toEqual([
      ['submit', null],
      ['withdraw', '退休'],
    ]);
    const ended = await t.http<{ stateLabel: string; closedAt: string | null }>('GET', `/cases/${caseId}`, { token: worker });
    expect(ended.body.stateLabel).toBe('已退会');
    expect(ended.body.closedAt).not.toBeNull();
    // Leaving twice: the second is refused and changes nothing.
    expect((await t.http('POST', '/membership/withdraw', { token: worker, body: {} })).body).toMatchObject({ code: 'not_a_member' });
  });

  it('reports expired and forged card tokens', async () => {
    const { cardSecret } = t.app.get<AppConfig>(APP_CONFIG).auth;
    const member = (await aMember(t)).card;
    const expiredToken = await t.app
      .get(JwtService)
      .signAsync({ typ: 'card', m: member.memberId, s: 1, exp: Math.floor(Date.now() / 1000) - 60 }, { secret: cardSecret });
    expect((await t.http<CardVerification>('GET', `/membership/cards/verify?token=${expiredToken}`)).body.result).toBe('expired');
    const forged = await t.http<CardVerification>(
      'GET',
      '/membership/cards/verify?token=eyJhbGciOiJIUzI1NiJ9.eyJtIjoxfQ.AAAAAAAAAAAAAAAAAAAAAA',
    );
    expect(forged.body.result).toBe('invalid');
  });

  it('reveals a full ID number only through the audited action', async () => {
    const idNumber = newIdNumber();
    const created = await apply(await t.newWorker('reveal'), { idNumber });
    const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
    const before = await t.count('audit_log');
    const revealed = await t.http<{ value: string }>('POST', '/pii/reveal', {
      token: cadre,
      body: { subject: 'membership_application', id: created.body.id, field: 'idNumber', reason: '核对身份证原件' },
    });
    expect(revealed.body.value).toBe(idNumber);
    expect(await t.count('audit_log')).toBe(before + 1);
    const worker = await t.newWorker('nosee');
    expect(
      (
        await t.http('POST', '/pii/reveal', {
          token: worker,
          body: { subject: 'membership_application', id: created.body.id, field: 'idNumber', reason: '想看看' },
        })
      ).status,
    ).toBe(403);
  });

  it('stores ID numbers and phones only encrypted', async () => {
    const idNumber = newIdNumber();
    const phone = newPhone();
    await apply(await t.newWorker('enc'), { idNumber, phone });
    const { DataSource } = await import('typeorm');
    const rows = (await t.app.get(DataSource).query('SELECT * FROM membership_applications')) as Record<string, unknown>[];
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(idNumber);
    expect(dump).not.toContain(phone);
    expect(dump).toMatch(/v1\.t1\./);
  });

  it('asks for consent before taking sensitive data', async () => {
    const token = await t.newWorker('noconsent', { consents: false });
    const refused = await apply(token);
    expect(refused.body).toMatchObject({ code: 'consent_required' });
  });

  it('pages a worker\u2019s own applications newest first by keyset, not cut off; a bad cursor or page size is a 400', async () => {
    const worker = await t.newWorker('mspages');
    const made: number[] = [];
    // Applied, withdrawn, applied again: three applications of one worker.
    for (let i = 0; i < 3; i += 1) {
      const created = await apply(worker);
      expect(created.status).toBe(201);
      made.push(created.body.id);
      if (i < 2) {
        const withdrawn = await t.step(`/membership/applications/${created.body.id}`, {
          token: worker,
          body: { action: 'withdraw', version: created.body.version },
        });
        expect(withdrawn.status).toBe(200);
      }
    }
    expect(await expectKeysetPages(t, '/membership/applications/mine', worker, 2)).toEqual([...made].reverse());
    const first = await t.http<Page<MembershipApplicationView>>('GET', '/membership/applications/mine?limit=1', { token: worker });
    expect(first.body.items[0]).toMatchObject({ id: made[2], state: 'submitted', organization: { id: orgs.construction.id } });
  }, 60_000);
});

describe('staff invitations (e2e over HTTP)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('binds a new user as staff through a one-time code, within the inviter’s subtree only', async () => {
    const town = await t.loginAs('town_cadre', CHENGGUAN);
    const me = await t.http<{ organization: OrganizationView }>('GET', '/me', { token: town });
    const construction = (
      await t.http<OrganizationView[]>('GET', `/organizations/search?q=${encodeURIComponent('县城建筑公司工会')}`, { token: town })
    ).body[0];
    const wanan = (
      await t.http<OrganizationView[]>('GET', `/organizations/search?q=${encodeURIComponent('万安镇总工会')}`, { token: town })
    ).body[0];

    expect(
      (await t.http('POST', '/auth/invitations', { token: town, body: { organizationId: wanan.id, role: 'grassroots_cadre' } })).status,
    ).toBe(404);
    expect(
      (await t.http('POST', '/auth/invitations', { token: town, body: { organizationId: me.body.organization.id, role: 'county_admin' } }))
        .status,
    ).toBe(403);
    const invited = await t.http<{ code: string }>('POST', '/auth/invitations', {
      token: town,
      body: { organizationId: construction.id, role: 'grassroots_cadre' },
    });
    expect(invited.status).toBe(201);

    const newcomer = await t.newWorker('staff');
    const redeemed = await t.http<{ permissions: string[]; organization: OrganizationView }>('POST', '/auth/invitations/redeem', {
      token: newcomer,
      body: { code: invited.body.code },
    });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.permissions).toContain('membership.review');
    expect(redeemed.body.organization.name).toBe('县城建筑公司工会');
    expect((await t.http('GET', '/workbench/queue', { token: newcomer })).status).toBe(200);

    const second = await t.newWorker('staff2');
    const reused = await t.http('POST', '/auth/invitations/redeem', { token: second, body: { code: invited.body.code } });
    expect(reused.body).toMatchObject({ code: 'invitation_invalid' });
    expect((await t.http('GET', '/workbench/queue', { token: second })).status).toBe(403);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import type { OrganizationView } from '@union/shared';
import { DataSource } from 'typeorm';
import { ACCESS_KEY, type AccessRule } from '../src/common/access';
import { IdentityService } from '../src/modules/identity/identity.service';
import { APP_CONFIG } from '../src/config/configuration';
import { Db } from '../src/database/db.service';
import { OUTBOX_BATCH, OutboxSender } from '../src/modules/notifications/outbox-sender.service';
import { WechatClient } from '../src/modules/wechat/wechat.client';
import { OutboxEntry } from '../src/modules/notifications/entities/outbox.entity';
import { aHardshipCase, aMember, CONSTRUCTION_UNION } from './factories';
import { casesWithoutTheirRow, newIdNumber, newPhone, ON_MYSQL, startTestApp, type TestApp } from './harness';

describe('platform (e2e over HTTP)', () => {
  let t: TestApp;
  // An H5 build directory of its own, to check how the static files are served.
  const h5Dir = mkdtempSync(join(tmpdir(), 'union-h5-'));
  beforeAll(async () => {
    writeFileSync(join(h5Dir, 'index.html'), '<!doctype html><title>H5</title>');
    t = await startTestApp({ H5_DIR: h5Dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(h5Dir, { recursive: true, force: true });
  });

  function routes(): { method: string; path: string; access: AccessRule | undefined; name: string }[] {
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const reflector = t.app.get(Reflector);
    const found: { method: string; path: string; access: AccessRule | undefined; name: string }[] = [];
    for (const wrapper of discovery.getControllers()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '');
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = instance[name] as () => unknown;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const access = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [handler, wrapper.metatype]);
        found.push({
          method,
          path: `/${[base, path].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/'),
          access,
          name: `${wrapper.name}.${name}`,
        });
      }
    }
    return found;
  }

  it('every case knows its domain row, and that row points back at the case', async () => {
    // Cases the test opens itself, of two types, beside whatever else the database holds.
    const { application } = await aMember(t);
    const { application: hardship } = await aHardshipCase(t, { state: 'home_visit' });
    const ds = t.app.get(DataSource);
    const subjects = (await ds.query('SELECT id, subject_type AS st, subject_id AS sid FROM workflow_cases WHERE id IN (?, ?)', [
      application.caseId,
      hardship.caseId,
    ])) as { id: number; st: string; sid: number }[];
    expect(subjects.map((r) => `${r.st}#${Number(r.sid)}`).sort()).toEqual(
      [`hardship_applications#${hardship.id}`, `membership_applications#${application.id}`].sort(),
    );
    expect(await casesWithoutTheirRow(ds)).toEqual([]);
  });

  it('every route declares that it is public, for signed-in users, or a permission', () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((r) => !r.access).map((r) => r.name)).toEqual([]);
  });

  it('every non-public route answers 401 without a token, and with a bad token', async () => {
    for (const route of routes().filter((r) => r.access?.kind !== 'public')) {
      const path = route.path.replace(/:[A-Za-z]+/g, '1');
      const body = route.method === 'GET' ? undefined : {};
      const anonymous = await t.http(route.method, path, { body });
      expect({ route: route.name, status: anonymous.status, code: anonymous.body.code }).toEqual({
        route: route.name,
        status: 401,
        code: 'unauthenticated',
      });
      const forged = await t.http(route.method, path, { body, token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.forged' });
      expect({ route: route.name, status: forged.status }).toEqual({ route: route.name, status: 401 });
    }
  });

  it('answers health with the database state and a request id', async () => {
    const res = await fetch(`${t.baseUrl}/api/health`, { headers: { 'x-request-id': 'test-request-0001' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('test-request-0001');
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('lists the demo personas to sign in as while the demo login is on', async () => {
    const res = await t.http<{ key: string; label: string }[]>('GET', '/auth/demo-personas');
    expect(res.status).toBe(200);
    expect(res.body.map((p) => p.key)).toEqual(expect.arrayContaining(['worker', 'county_cadre', 'lawyer']));
    expect(res.body.every((p) => p.label.length > 0)).toBe(true);
  });

  it('serves the OpenAPI document', async () => {
    const res = await fetch(`${t.baseUrl}/api/docs/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/membership/applications', '/api/workbench/queue']));
  });

  it('serves H5 files written after start (a rebuild during npm run dev needs no restart), never dotfiles', async () => {
    const index = await fetch(`${t.baseUrl}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>H5</title>');
    mkdirSync(join(h5Dir, 'js'), { recursive: true });
    writeFileSync(join(h5Dir, 'js', 'app.rebuilt.js'), 'console.log("rebuilt")');
    writeFileSync(join(h5Dir, '.env'), 'SECRET=1');
    const rebuilt = await fetch(`${t.baseUrl}/js/app.rebuilt.js`);
    expect(rebuilt.status).toBe(200);
    expect(await rebuilt.text()).toBe('console.log("rebuilt")');
    expect((await fetch(`${t.baseUrl}/.env`)).status).toBe(404);
    expect((await fetch(`${t.baseUrl}/js/../.env`)).status).toBe(404);
    const missing = await fetch(`${t.baseUrl}/api/no-such-route`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found' });
  });

  it('sends the H5 build compressed, hashed files cached for a year and index.html revalidated', async () => {
    mkdirSync(join(h5Dir, 'js'), { recursive: true });
    const body = `console.log(${JSON.stringify('县总工会'.repeat(200))});`;
    writeFileSync(join(h5Dir, 'js', 'app.3f9c2a1b.js'), body);
    writeFileSync(join(h5Dir, 'js', 'app.3f9c2a1b.js.br'), brotliCompressSync(Buffer.from(body)));
    writeFileSync(join(h5Dir, 'js', 'app.3f9c2a1b.js.gz'), gzipSync(Buffer.from(body)));
    const res = await fetch(`${t.baseUrl}/js/app.3f9c2a1b.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await res.text()).toBe(body);
    const gz = await fetch(`${t.baseUrl}/js/app.3f9c2a1b.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const index = await fetch(`${t.baseUrl}/`);
    expect(index.headers.get('cache-control')).toBe('no-cache');
  });

  describe('bad input is refused with 400 and nothing is written', () => {
    let worker: string;
    let orgId: number;
    const valid = () => ({
      realName: '测试工人',
      idNumber: newIdNumber(),
      phone: newPhone(),
      employerName: '县城建筑公司',
      employmentType: 'employee',
      organizationId: orgId,
      hideFromEmployer: false,
    });
    beforeAll(async () => {
      worker = await t.newWorker('bad');
      orgId = (
        await t.http<OrganizationView[]>('GET', `/organizations/search?q=${encodeURIComponent('县城建筑公司工会')}`, { token: worker })
      ).body[0].id;
    });

    const cases: [string, (v: Record<string, unknown>) => unknown, string][] = [
      ['a missing field', ({ phone: _phone, ...rest }) => rest, 'validation_failed'],
      ['a wrong type', (v) => ({ ...v, organizationId: String(v.organizationId) }), 'validation_failed'],
      ['an unknown field', (v) => ({ ...v, isAdmin: true }), 'validation_failed'],
      [
        'a bad ID checksum',
        (v) => ({ ...v, idNumber: `${String(v.idNumber).slice(0, 17)}${String(v.idNumber).endsWith('0') ? '1' : '0'}` }),
        'invalid_id_number',
      ],
      ['an SQL-looking ID number', (v) => ({ ...v, idNumber: "1' OR '1'='1'; DROP--" }), 'validation_failed'],
      ['an SQL-looking name', (v) => ({ ...v, realName: "Robert'); DROP TABLE members;--" }), 'validation_failed'],
      ['an unknown employment type', (v) => ({ ...v, employmentType: 'boss' }), 'validation_failed'],
      ['a bad phone', (v) => ({ ...v, phone: '12345678901' }), 'invalid_phone'],
    ];

    it.each(cases)('%s', async (_name, mutate, code) => {
      const before = await t.count('membership_applications');
      const res = await t.http('POST', '/membership/applications', { token: worker, body: mutate(valid()) });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(code);
      expect(typeof res.body.message).toBe('string');
      expect(await t.count('membership_applications')).toBe(before);
      expect(await t.count('workflow_cases')).toBeGreaterThan(0);
    });

    it('a 10 MB body', async () => {
      const before = await t.count('membership_applications');
      const res = await t.http('POST', '/membership/applications', {
        token: worker,
        raw: JSON.stringify({ ...valid(), employerName: 'x'.repeat(10 * 1024 * 1024) }),
      });
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('payload_too_large');
      expect(await t.count('membership_applications')).toBe(before);
    });

    it('malformed JSON', async () => {
      const res = await t.http('POST', '/membership/applications', { token: worker, raw: '{"realName": ' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    });

    it('an SQL-looking search is just text', async () => {
      const res = await t.http<OrganizationView[]>('GET', `/organizations/search?q=${encodeURIComponent("%' OR 1=1 --")}`, {
        token: worker,
      });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
    });

    it('a tampered cursor', async () => {
      const res = await t.http('GET', '/messages?after=notacursor', { token: worker });
      expect(res.status).toBe(400);
    });
  });

  describe('invitations: bad input gets the right 4xx and nothing is written', () => {
    /** Organisation ids by name, and tokens by persona. */
    const org: Record<string, number> = {};
    const token: Record<string, string> = {};
    const ds = () => t.app.get(DataSource);
    const redeemedCount = async () =>
      Number(((await ds().query('SELECT COUNT(*) AS n FROM invitations WHERE redeemed_at IS NOT NULL')) as { n: number | string }[])[0].n);
    const userRow = async (id: number) =>
      ((await ds().query('SELECT roles, organization_id AS org FROM users WHERE id = ?', [id])) as { roles: string; org: unknown }[])[0];
    /** A code the town cadre may create, kept unredeemed throughout (it proves refusals claimed nothing). */
    let validCode: string;
    let usedCode: string;
    let expiredCode: string;
    let redeemer: string;
    let redeemerId: number;

    beforeAll(async () => {
      const rows = (await ds().query('SELECT id, name FROM organizations')) as { id: number; name: string }[];
      for (const row of rows) org[row.name] = Number(row.id);
      // The inviters made for the test: 城关镇's cadre, the construction company union's cadre, a worker.
      token.town_cadre = await t.loginAs('town_cadre', '县总工会/城关镇总工会');
      token.grassroots_cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
      token.worker = await t.newWorker('inviter');
      const invite = async () =>
        (
          await t.http<{ code: string }>('POST', '/auth/invitations', {
            token: token.town_cadre,
            body: { organizationId: org['县城建筑公司工会'], role: 'grassroots_cadre' },
          })
        ).body.code;
      validCode = await invite();
      usedCode = await invite();
      const first = await t.newWorker('inviteduser');
      expect((await t.http('POST', '/auth/invitations/redeem', { token: first, body: { code: usedCode } })).status).toBe(200);
      expiredCode = await t.app.get(IdentityService).createInvitation(null, org['县城建筑公司工会'], 'grassroots_cadre', -1);
      redeemer = await t.newWorker('redeemer');
      redeemerId = (await t.http<{ id: number }>('GET', '/me', { token: redeemer })).body.id;
    });

    type Ids = Record<string, number>;
    const valid = (o: Ids) => ({ organizationId: o['县城建筑公司工会'], role: 'grassroots_cadre' });
    const inviteCases: [string, string, (o: Ids) => unknown, number, string][] = [
      ['a missing organisation', 'town_cadre', (o) => ({ role: valid(o).role }), 400, 'validation_failed'],
      ['a missing role', 'town_cadre', (o) => ({ organizationId: valid(o).organizationId }), 400, 'validation_failed'],
      [
        'an organisation id as a string',
        'town_cadre',
        (o) => ({ ...valid(o), organizationId: String(valid(o).organizationId) }),
        400,
        'validation_failed',
      ],
      ['a fractional organisation id', 'town_cadre', (o) => ({ ...valid(o), organizationId: 1.5 }), 400, 'validation_failed'],
      ['a negative organisation id', 'town_cadre', (o) => ({ ...valid(o), organizationId: -1 }), 400, 'validation_failed'],
      ['a role as a number', 'town_cadre', (o) => ({ ...valid(o), role: 2 }), 400, 'validation_failed'],
      ['an unknown role', 'town_cadre', (o) => ({ ...valid(o), role: 'superuser' }), 400, 'validation_failed'],
      ['the worker role (not staff)', 'town_cadre', (o) => ({ ...valid(o), role: 'worker' }), 400, 'validation_failed'],
      ['an unknown field', 'town_cadre', (o) => ({ ...valid(o), expiresInDays: 3650 }), 400, 'validation_failed'],
      ['an SQL-looking role', 'town_cadre', (o) => ({ ...valid(o), role: "county_admin' OR '1'='1" }), 400, 'validation_failed'],
      ['an SQL-looking organisation', 'town_cadre', (o) => ({ ...valid(o), organizationId: '1 OR 1=1' }), 400, 'validation_failed'],
      ['a list instead of an object', 'town_cadre', (o) => [valid(o)], 400, 'validation_failed'],
      ['a role stronger than the inviter (county cadre)', 'town_cadre', (o) => ({ ...valid(o), role: 'county_cadre' }), 403, 'forbidden'],
      ['a role stronger than the inviter (county admin)', 'town_cadre', (o) => ({ ...valid(o), role: 'county_admin' }), 403, 'forbidden'],
      ['an organisation in another town', 'town_cadre', (o) => ({ ...valid(o), organizationId: o['万安镇总工会'] }), 404, 'not_found'],
      ['the organisation above the inviter', 'town_cadre', (o) => ({ ...valid(o), organizationId: o['示范县总工会'] }), 404, 'not_found'],
      ['an organisation that does not exist', 'town_cadre', (o) => ({ ...valid(o), organizationId: 987654 }), 404, 'not_found'],
      ['an inviter without the invite permission (grassroots cadre)', 'grassroots_cadre', valid, 403, 'forbidden'],
      ['an inviter without the invite permission (worker)', 'worker', valid, 403, 'forbidden'],
    ];

    it.each(inviteCases)('create: %s', async (_name, persona, body, status, code) => {
      const before = await t.count('invitations');
      const res = await t.http('POST', '/auth/invitations', { token: token[persona], body: body(org) });
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(typeof res.body.message).toBe('string');
      expect(await t.count('invitations')).toBe(before);
    });

    const redeemCases: [string, () => unknown, number, string][] = [
      ['a missing code', () => ({}), 400, 'validation_failed'],
      ['a code as a number', () => ({ code: 12345678 }), 400, 'validation_failed'],
      ['a code as a list', () => ({ code: [validCode] }), 400, 'validation_failed'],
      ['a too short code', () => ({ code: 'AB' }), 400, 'validation_failed'],
      ['a too long code', () => ({ code: 'A'.repeat(33) }), 400, 'validation_failed'],
      ['a valid code with an unknown field', () => ({ code: validCode, role: 'county_admin' }), 400, 'validation_failed'],
      ['a valid code with an organisation of its own', () => ({ code: validCode, organizationId: 1 }), 400, 'validation_failed'],
      ['an SQL-looking code', () => ({ code: "' OR '1'='1' --" }), 400, 'invitation_invalid'],
      ['a code made of LIKE wildcards', () => ({ code: '%_%_%' }), 400, 'invitation_invalid'],
      ['a code that was never issued', () => ({ code: 'ZZZZZZZZ' }), 400, 'invitation_invalid'],
      ['a code that was already used', () => ({ code: usedCode }), 400, 'invitation_invalid'],
      ['an expired code', () => ({ code: expiredCode }), 400, 'invitation_invalid'],
      ['an expired code in lower case', () => ({ code: expiredCode.toLowerCase() }), 400, 'invitation_invalid'],
    ];

    it.each(redeemCases)('redeem: %s', async (_name, body, status, code) => {
      const [redeemedBefore, userBefore, invitationsBefore] = [
        await redeemedCount(),
        await userRow(redeemerId),
        await t.count('invitations'),
      ];
      const res = await t.http('POST', '/auth/invitations/redeem', { token: redeemer, body: body() });
      expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
      expect(typeof res.body.message).toBe('string');
      expect(await redeemedCount()).toBe(redeemedBefore);
      expect(await userRow(redeemerId)).toEqual(userBefore);
      expect(await t.count('invitations')).toBe(invitationsBefore);
      expect((await t.http('GET', '/workbench/queue', { token: redeemer })).status).toBe(403);
    });

    it('after all the refusals the valid code still works, once, for one of two people redeeming it at once', async () => {
      const other = await t.newWorker('racer');
      const results = await Promise.all(
        [redeemer, other].map((who) => t.http('POST', '/auth/invitations/redeem', { token: who, body: { code: validCode } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 400]);
      expect(results.find((r) => r.status === 400)?.body.code).toBe('invitation_invalid');
    });
  });

  describe('WeChat', () => {
    it('turns WeChat login errors into clear errors', async () => {
      expect((await t.http('POST', '/auth/wechat-login', { body: { code: 'invalid-code' } })).body).toMatchObject({
        code: 'wechat_code_invalid',
      });
      expect((await t.http('POST', '/auth/wechat-login', { body: { code: 'busy' } })).body).toMatchObject({ code: 'wechat_unavailable' });
      expect((await t.http('POST', '/auth/wechat-login', { body: { code: 'ratelimit' } })).body).toMatchObject({
        code: 'wechat_rate_limited',
      });
      await t.http('POST', '/auth/wechat-login', { body: { code: 'user-once-1' } });
      const reused = await t.http('POST', '/auth/wechat-login', { body: { code: 'user-once-1' } });
      expect(reused.status).toBe(400);
      expect(reused.body).toMatchObject({ code: 'wechat_code_invalid' });
    });

    it('never returns the session key, and refreshes tokens once only', async () => {
      const res = await t.http<{ accessToken: string; refreshToken: string }>('POST', '/auth/wechat-login', {
        body: { code: 'user-refresher-1' },
      });
      expect(JSON.stringify(res.body)).not.toMatch(/session/i);
      const first = await t.http('POST', '/auth/refresh', { body: { refreshToken: res.body.refreshToken } });
      expect(first.status).toBe(200);
      const replay = await t.http('POST', '/auth/refresh', { body: { refreshToken: res.body.refreshToken } });
      expect(replay.status).toBe(401);
    });

    it('sends subscribe messages from the outbox, survives WeChat errors, and never sends one twice', async () => {
      const sender = t.app.get(OutboxSender);
      const ds = t.app.get(DataSource);
      // Drain what the seed queued (a pass takes at most 50 rows).
      for (let i = 0; i < 20; i += 1) await sender.runOnce();
      t.wechat.state.sent.length = 0;
      const worker = await t.newWorker('notify');
      const orgId = (
        await t.http<OrganizationView[]>('GET', `/organizations/search?q=${encodeURIComponent('县城建筑公司工会')}`, { token: worker })
      ).body[0].id;
      await t.http('POST', '/membership/applications', {
        token: worker,
        body: {
          realName: '通知测试',
          idNumber: newIdNumber(),
          phone: newPhone(),
          employerName: '县城建筑公司',
          employmentType: 'employee',
          organizationId: orgId,
          hideFromEmployer: false,
        },
      });
      t.wechat.state.failNextSends.push(-1, 45011);
      const results = await Promise.all([sender.runOnce(), sender.runOnce()]);
      expect(results[0]).toBe(0);
      expect(t.wechat.state.sent).toHaveLength(0);
      await sender.runOnce(); // second failure (rate limit), backoff is 0 in tests
      expect(await sender.runOnce()).toBe(1);
      expect(t.wechat.state.sent).toHaveLength(1);
      expect(t.wechat.state.sent[0].data.thing1.value).toBe('入会申请已提交');
      expect(await sender.runOnce()).toBe(0);
      expect(t.wechat.state.sent).toHaveLength(1);

      // A user who refused subscriptions (43101) is not retried.
      await t.http('POST', '/auth/wechat-login', { body: { code: 'user-refuser-1' } });
      const refuser = await t.newWorker('refuser');
      await t.http('POST', '/membership/applications', {
        token: refuser,
        body: {
          realName: '拒收测试',
          idNumber: newIdNumber(),
          phone: newPhone(),
          employerName: '县城建筑公司',
          employmentType: 'employee',
          organizationId: orgId,
          hideFromEmployer: false,
        },
      });
      t.wechat.state.failNextSends.push(43101);
      await sender.runOnce();
      const [row] = (await ds.query('SELECT status, attempts FROM outbox ORDER BY id DESC LIMIT 1')) as {
        status: string;
        attempts: number;
      }[];
      expect(row.status).toBe('skipped');
      expect(Number(row.attempts)).toBe(1);
    });
  });

  it('drains a backlog pass after pass, a batch claimed at once, and two senders send each message exactly once', async () => {
    const sender = t.app.get(OutboxSender);
    const ds = t.app.get(DataSource);
    // A second sender on the same database, as a second server process would have.
    const other = new OutboxSender(t.app.get(Db), t.app.get(WechatClient), t.app.get(IdentityService), t.app.get(APP_CONFIG));
    await sender.drain();
    t.wechat.state.sent.length = 0;
    const worker = await t.newWorker('backlog');
    const me = (await t.http<{ id: number }>('GET', '/me', { token: worker })).body;
    const backlog = 2 * OUTBOX_BATCH + 50;
    const at = new Date().toISOString();
    const now = new Date();
    for (let i = 0; i < backlog; i += 100) {
      await ds.getRepository(OutboxEntry).insert(
        Array.from({ length: Math.min(100, backlog - i) }, (_, k) => ({
          topic: 'case',
          userId: me.id,
          payload: JSON.stringify({ title: `积压消息 ${i + k}`, status: '已办理', link: null, at }),
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
        })),
      );
    }
    const [a, b] = await Promise.all([sender.drain(), other.drain()]);
    expect(a + b).toBe(backlog);
    const titles = t.wechat.state.sent.map((m) => m.data.thing1.value);
    expect(titles).toHaveLength(backlog);
    expect(new Set(titles).size).toBe(backlog);
    const [left] = (await ds.query(
      "SELECT SUM(CASE WHEN status = 'sent' AND attempts = 1 THEN 1 ELSE 0 END) AS sent, COUNT(*) AS n FROM outbox WHERE user_id = ?",
      [me.id],
    )) as { sent: string; n: string }[];
    expect({ sent: Number(left.sent), n: Number(left.n) }).toEqual({ sent: backlog, n: backlog });
    expect(await sender.drain()).toBe(0);
  });

  (ON_MYSQL ? it : it.skip)('migrations and entities agree (MySQL/MariaDB)', async () => {
    const sql = await t.app.get(DataSource).driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });
});

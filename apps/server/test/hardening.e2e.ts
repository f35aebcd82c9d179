import { createHmac, randomBytes } from 'node:crypto';
import type { TokenPair } from '@union/shared';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { ON_MYSQL, startTestApp, type TestApp } from './harness';

/** A JWT signed by hand, to offer the server tokens it must refuse. */
function forgeJwt(secret: string, header: Record<string, unknown>, payload: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${part(header)}.${part(payload)}`;
  const alg = String(header.alg);
  if (alg === 'none') return `${input}.`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg] ?? 'sha256';
  return `${input}.${createHmac(hash, secret).update(input).digest('base64url')}`;
}

describe('hardening (e2e over HTTP)', () => {
  let t: TestApp;
  const jwtSecret = randomBytes(32).toString('base64');
  beforeAll(async () => {
    t = await startTestApp({ JWT_SECRET: jwtSecret });
  });
  afterAll(async () => {
    await t.close();
  });

  async function workerLogin(): Promise<TokenPair> {
    const res = await t.http<TokenPair>('POST', '/auth/wechat-login', { body: { code: `user-hard-${randomBytes(4).toString('hex')}` } });
    expect(res.status).toBe(200);
    return res.body;
  }

  describe('tokens', () => {
    const now = () => Math.floor(Date.now() / 1000);

    it('accepts its own HS256 access tokens', async () => {
      const pair = await workerLogin();
      expect(JSON.parse(Buffer.from(pair.accessToken.split('.')[0], 'base64url').toString())).toMatchObject({ alg: 'HS256' });
      expect((await t.http('GET', '/me', { token: pair.accessToken })).status).toBe(200);
      // The same claims signed by hand with HS256 pass: the refusals below are about alg and exp only.
      const userId = (JSON.parse(Buffer.from(pair.accessToken.split('.')[1], 'base64url').toString()) as { sub: number }).sub;
      const good = forgeJwt(jwtSecret, { alg: 'HS256', typ: 'JWT' }, { sub: userId, typ: 'access', iat: now(), exp: now() + 60 });
      expect((await t.http('GET', '/me', { token: good })).status).toBe(200);
    });

    it('refuses tokens signed with another algorithm, with none, or without exp', async () => {
      const pair = await workerLogin();
      const userId = (JSON.parse(Buffer.from(pair.accessToken.split('.')[1], 'base64url').toString()) as { sub: number }).sub;
      const claims = { sub: userId, typ: 'access', iat: now(), exp: now() + 60 };
      for (const token of [
        forgeJwt(jwtSecret, { alg: 'HS512', typ: 'JWT' }, claims),
        forgeJwt(jwtSecret, { alg: 'HS384', typ: 'JWT' }, claims),
        forgeJwt(jwtSecret, { alg: 'none', typ: 'JWT' }, claims),
        forgeJwt(jwtSecret, { alg: 'HS256', typ: 'JWT' }, { sub: userId, typ: 'access', iat: now() }),
      ]) {
        const res = await t.http('GET', '/me', { token });
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'unauthenticated' });
      }
    });

    it('revokes the whole family when a rotated refresh token is used again', async () => {
      const login = await workerLogin();
      const second = await t.http<TokenPair>('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } });
      expect(second.status).toBe(200);
      const third = await t.http<TokenPair>('POST', '/auth/refresh', { body: { refreshToken: second.body.refreshToken } });
      expect(third.status).toBe(200);
      // The first token again (a stolen copy): refused, and the newest token of the family dies with it.
      const replay = await t.http('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } });
      expect({ status: replay.status, code: replay.body.code }).toEqual({ status: 401, code: 'unauthenticated' });
      const afterReplay = await t.http('POST', '/auth/refresh', { body: { refreshToken: third.body.refreshToken } });
      expect(afterReplay.status).toBe(401);
      // Another login of the same kind is a different family and keeps working.
      const other = await workerLogin();
      expect((await t.http('POST', '/auth/refresh', { body: { refreshToken: other.refreshToken } })).status).toBe(200);
    });

    it('logs out: the refresh token and its family are revoked; unknown tokens answer the same', async () => {
      const login = await workerLogin();
      const next = await t.http<TokenPair>('POST', '/auth/refresh', { body: { refreshToken: login.refreshToken } });
      expect(next.status).toBe(200);
      const out = await t.http('POST', '/auth/logout', { body: { refreshToken: next.body.refreshToken } });
      expect(out.status).toBe(204);
      expect((await t.http('POST', '/auth/refresh', { body: { refreshToken: next.body.refreshToken } })).status).toBe(401);
      expect((await t.http('POST', '/auth/logout', { body: { refreshToken: 'x'.repeat(43) } })).status).toBe(204);
      expect((await t.http('POST', '/auth/logout', { body: {} })).status).toBe(400);
    });

    (ON_MYSQL ? it : it.skip)(
      'the refresh token family migration agrees with the entities and has a working down (MySQL/MariaDB)',
      async () => {
        const ds = t.app.get(DataSource);
        expect((await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
        // The migration's down really undoes it, and up runs again on tokens that exist (backfilled).
        await ds.undoLastMigration({ transaction: 'each' });
        const columns = (await ds.query('SHOW COLUMNS FROM refresh_tokens')) as { Field: string }[];
        expect(columns.map((c) => c.Field)).not.toContain('family_id');
        await ds.runMigrations({ transaction: 'each' });
        expect((await ds.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query)).toEqual([]);
        const [row] = (await ds.query('SELECT COUNT(*) AS n FROM refresh_tokens WHERE family_id LIKE ?', ['legacy-%'])) as { n: string }[];
        expect(Number(row.n)).toBeGreaterThan(0);
      },
    );
  });

  describe('rate limits', () => {
    const limited = { RATE_LIMIT_LOGIN: '3', RATE_LIMIT_REFRESH: '2', RATE_LIMIT_REDEEM: '2', RATE_LIMIT_SELF_TEST: '2' };
    let r: TestApp;
    beforeAll(async () => {
      r = await startTestApp(limited);
    });
    afterAll(async () => {
      await r?.close();
    });

    function expectRefused(res: { status: number; body: Record<string, unknown> }): void {
      expect({ status: res.status, body: res.body }).toEqual({
        status: 429,
        body: expect.objectContaining({ code: 'rate_limited', message: '操作太频繁，请稍后再试' }),
      });
    }

    it('limits logins, refreshes, invitation redeems and the hardship self-test per client, each on its own', async () => {
      const token = await r.loginAs('worker'); // demo login 1 of 3
      for (let i = 0; i < 3; i += 1) {
        expect((await r.http('POST', '/auth/wechat-login', { body: { code: `user-rl-${i}` } })).status).toBe(200);
      }
      const refused = await fetch(`${r.baseUrl}/api/auth/wechat-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: 'user-rl-4' }),
      });
      expectRefused({ status: refused.status, body: (await refused.json()) as Record<string, unknown> });
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      // Demo login counts apart from the WeChat login.
      expect((await r.http('POST', '/auth/demo-login', { body: { persona: 'worker' } })).status).toBe(200);
      expect((await r.http('POST', '/auth/demo-login', { body: { persona: 'worker' } })).status).toBe(200);
      expectRefused(await r.http('POST', '/auth/demo-login', { body: { persona: 'worker' } }));
      // Refused calls count too: guessing is what the limit is for.
      for (let i = 0; i < 2; i += 1) {
        expect((await r.http('POST', '/auth/refresh', { body: { refreshToken: 'g'.repeat(43) } })).status).toBe(401);
      }
      expectRefused(await r.http('POST', '/auth/refresh', { body: { refreshToken: 'g'.repeat(43) } }));
      for (let i = 0; i < 2; i += 1) {
        expect((await r.http('POST', '/auth/invitations/redeem', { token, body: { code: `GUESS${i}` } })).body.code).toBe(
          'invitation_invalid',
        );
      }
      expectRefused(await r.http('POST', '/auth/invitations/redeem', { token, body: { code: 'GUESS9' } }));
      for (let i = 0; i < 2; i += 1) {
        expect((await r.http('POST', '/hardship/self-test', { body: {} })).status).toBe(400);
      }
      expectRefused(await r.http('POST', '/hardship/self-test', { body: {} }));
      // Everything else is not limited.
      for (let i = 0; i < 5; i += 1) expect((await r.http('GET', '/me', { token })).status).toBe(200);
    });

    it('shares the counters between instances through Redis when REDIS_URL is set', async () => {
      const url = 'redis://127.0.0.1:6379';
      const probe = new Redis(url, { lazyConnect: true, connectTimeout: 500, maxRetriesPerRequest: 0 });
      probe.on('error', () => undefined);
      const up = await probe.connect().then(
        () => true,
        () => false,
      );
      if (!up) {
        console.warn('Redis is not running at 127.0.0.1:6379: the shared rate limit test is skipped');
        return;
      }
      const stale = await probe.keys('union-rate-limit-*');
      if (stale.length) await probe.del(...stale);
      const a = await startTestApp({ ...limited, REDIS_URL: url });
      const b = await startTestApp({ ...limited, REDIS_URL: url });
      try {
        const body = { persona: 'worker' };
        expect((await a.http('POST', '/auth/demo-login', { body })).status).toBe(200);
        expect((await b.http('POST', '/auth/demo-login', { body })).status).toBe(200);
        expect((await a.http('POST', '/auth/demo-login', { body })).status).toBe(200);
        expectRefused(await b.http('POST', '/auth/demo-login', { body }));
        expectRefused(await a.http('POST', '/auth/demo-login', { body }));
        expect((await probe.keys('union-rate-limit-*')).length).toBeGreaterThan(0);
      } finally {
        await a.close();
        await b.close();
        const keys = await probe.keys('union-rate-limit-*');
        if (keys.length) await probe.del(...keys);
        await probe.quit();
      }
    });
  });
});

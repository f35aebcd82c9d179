import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './configuration';

describe('loadConfig', () => {
  it('generates demo secrets at first start and keeps them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'union-config-'));
    const first = loadConfig({ DATA_DIR: dir });
    const second = loadConfig({ DATA_DIR: dir });
    expect(first.app.demoMode).toBe(true);
    expect(first.auth.jwtSecret).toBe(second.auth.jwtSecret);
    expect(statSync(join(dir, 'demo-secrets.json')).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, 'demo-secrets.json'), 'utf8')).toContain('piiKey');
    expect(first.wechat.standIn).toBe(true);
  });

  it('turns the demo off by default with MySQL and then demands real secrets', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:p@localhost/db' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u:p@localhost/db' })).toThrow(/JWT_SECRET/);
  });

  it('keeps uploads under the data folder by default, with a link key of their own', () => {
    const dir = mkdtempSync(join(tmpdir(), 'union-config-'));
    const config = loadConfig({ DATA_DIR: dir });
    expect(config.uploads).toMatchObject({ dir: join(dir, 'uploads'), maxBytes: 10 * 1024 * 1024, linkTtlSeconds: 600 });
    expect(config.uploads.linkKey).toHaveLength(32);
    expect(config.uploads.linkKey.equals(Buffer.from(config.auth.jwtSecret))).toBe(false);
    expect(() => loadConfig({ DATA_DIR: dir, UPLOAD_MAX_BYTES: '10MB' })).toThrow(/UPLOAD_MAX_BYTES/);
    expect(() => loadConfig({ DATA_DIR: dir, UPLOAD_LINK_TTL_SECONDS: '0' })).toThrow(/UPLOAD_LINK_TTL_SECONDS/);
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ PORT: 'eighty', DATA_DIR: mkdtempSync(join(tmpdir(), 'union-config-')) })).toThrow(/PORT/);
    expect(() => loadConfig({ DEMO_MODE: 'maybe' })).toThrow(/DEMO_MODE/);
  });

  it('reads REDIS_URL, the rate limits and the pixel limit, and keeps the API docs to the demo unless API_DOCS says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'union-config-'));
    const demo = loadConfig({ DATA_DIR: dir });
    expect(demo.redis.url).toBeNull();
    expect(demo.rateLimits).toEqual({ windowSeconds: 60, login: 20, refresh: 30, redeem: 10, selfTest: 30 });
    expect(demo.app.apiDocs).toBe(true);
    const key = Buffer.alloc(32, 7).toString('base64');
    const production = {
      DATA_DIR: dir,
      DATABASE_URL: 'mysql://u:p@localhost/db',
      JWT_SECRET: key,
      CARD_SECRET: key,
      PII_KEYS: `k1:${key}`,
      PII_INDEX_KEY: key,
      WECHAT_APP_ID: 'wx1',
      WECHAT_APP_SECRET: 's',
    };
    expect(loadConfig(production).app.apiDocs).toBe(false);
    expect(loadConfig({ ...production, API_DOCS: 'true' }).app.apiDocs).toBe(true);
    expect(loadConfig({ DATA_DIR: dir, REDIS_URL: 'redis://:pw@cache:6379/2' }).redis.url).toBe('redis://:pw@cache:6379/2');
    expect(() => loadConfig({ DATA_DIR: dir, REDIS_URL: 'cache:6379' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ DATA_DIR: dir, RATE_LIMIT_LOGIN: '0' })).toThrow(/RATE_LIMIT_LOGIN/);
    expect(() => loadConfig({ DATA_DIR: dir, RATE_LIMIT_WINDOW_SECONDS: '1m' })).toThrow(/RATE_LIMIT_WINDOW_SECONDS/);
    expect(() => loadConfig({ DATA_DIR: dir, API_DOCS: 'sometimes' })).toThrow(/API_DOCS/);
    expect(demo.uploads.maxPixels).toBe(40_000_000);
    expect(() => loadConfig({ DATA_DIR: dir, UPLOAD_MAX_PIXELS: '40MP' })).toThrow(/UPLOAD_MAX_PIXELS/);
  });
});

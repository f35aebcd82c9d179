import { hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_DEADLINE_WORKING_DAYS, UPLOAD_LIMITS } from '@union/shared';

/** Repository root, for defaults that point at the data folder and the H5 build. */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** Environment variables the server reads, with their meaning; listed in the README too. */
export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {}

function bool(value: string | undefined, fallback: boolean, name: string): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${value}"`);
}

/** Where the scheduled jobs run: BullMQ when Redis is configured (unless told otherwise), the database otherwise. */
function jobsBackend(value: string | undefined, redisUrl: string | null): 'database' | 'bullmq' {
  const backend = value?.trim() || (redisUrl ? 'bullmq' : 'database');
  if (backend !== 'database' && backend !== 'bullmq') throw new ConfigError('JOBS_BACKEND must be database or bullmq');
  if (backend === 'bullmq' && !redisUrl) throw new ConfigError('JOBS_BACKEND=bullmq needs REDIS_URL');
  return backend;
}

/** The object store of the uploads when S3_BUCKET is set; null keeps them on local disk. */
function s3Config(env: NodeJS.ProcessEnv): S3Config | null {
  const bucket = env.S3_BUCKET?.trim();
  if (!bucket) return null;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new ConfigError('S3_BUCKET must be a valid bucket name');
  const endpoint = env.S3_ENDPOINT?.trim() || null;
  if (endpoint && !/^https?:\/\//.test(endpoint)) throw new ConfigError('S3_ENDPOINT must be an http(s) URL');
  const accessKeyId = env.S3_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY?.trim();
  if (!!accessKeyId !== !!secretAccessKey) throw new ConfigError('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together');
  const prefix = env.S3_PREFIX?.trim() ?? '';
  if (prefix && !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/.test(prefix))
    throw new ConfigError('S3_PREFIX must be letters, digits, - and _ in /-separated parts');
  return {
    bucket,
    region: env.S3_REGION?.trim() || 'us-east-1',
    endpoint,
    forcePathStyle: bool(env.S3_FORCE_PATH_STYLE, endpoint !== null, 'S3_FORCE_PATH_STYLE'),
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : null,
    prefix,
  };
}

function int(value: string | undefined, fallback: number, name: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigError(`${name} must be a whole number, got "${value}"`);
  const n = Number(value);
  if (n < min || n > max) throw new ConfigError(`${name} must be between ${min} and ${max}`);
  return n;
}

function dir(value: string | undefined, fallback: string): string {
  if (!value) return fallback;
  return isAbsolute(value) ? value : resolve(process.cwd(), value);
}

/** Secrets the embedded demo generates at first start and keeps in its data folder. */
interface GeneratedSecrets {
  jwtSecret: string;
  cardSecret: string;
  piiKeyId: string;
  piiKey: string;
  piiIndexKey: string;
}

function loadOrCreateDemoSecrets(dataDir: string): GeneratedSecrets {
  const file = join(dataDir, 'demo-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as GeneratedSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets: GeneratedSecrets = {
    jwtSecret: randomBytes(32).toString('base64'),
    cardSecret: randomBytes(32).toString('base64'),
    piiKeyId: 'demo1',
    piiKey: randomBytes(32).toString('base64'),
    piiIndexKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return secrets;
}

function parseKeys(value: string, name: string): Record<string, Buffer> {
  const keys: Record<string, Buffer> = {};
  for (const part of value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [id, b64] = part.split(':');
    const key = Buffer.from(b64 ?? '', 'base64');
    if (!id || !/^[A-Za-z0-9_-]{1,16}$/.test(id) || key.length !== 32) {
      throw new ConfigError(`${name}: each entry must be <keyId>:<base64 of 32 bytes>`);
    }
    keys[id] = key;
  }
  return keys;
}

/** An S3-compatible object store for the uploads (MinIO, AWS S3, COS, OSS); credentials from the SDK's chain when not given. */
export interface S3Config {
  bucket: string;
  region: string;
  /** The store's URL (MinIO: http://minio:9000); null for AWS itself. */
  endpoint: string | null;
  forcePathStyle: boolean;
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
  /** Prefix of every key (one bucket for several deployments). */
  prefix: string;
}

/** The whole configuration, read once from the environment and validated. */
export interface AppConfig {
  app: {
    version: string;
    countyName: string;
    /**
     * A province's deployment (PROVINCE_NAME): the demo tree starts at the province federation,
     * with a city and two counties (the demo county and a second one); empty: one county at the root.
     */
    provinceName: string | null;
    port: number;
    host: string;
    demoMode: boolean;
    h5Dir: string | null;
    dataDir: string;
    trustProxy: boolean;
    logLevel: string;
    bodyLimit: number;
    /** Serve the OpenAPI document and its page at /api/docs. */
    apiDocs: boolean;
  };
  database: {
    url: string | null;
    /** Read replicas of the MySQL/MariaDB primary: the statistics read from them (empty: from the primary). */
    replicaUrls?: string[];
    embeddedFile: string | null;
    logging: boolean;
    /** A fixed journal size (bytes) that triggers a checkpoint of the embedded database; null: the default rule. */
    embeddedCheckpointBytes: number | null;
  };
  auth: {
    jwtSecret: string;
    accessTtlSeconds: number;
    refreshTtlDays: number;
    cardSecret: string;
    cardTokenTtlSeconds: number;
    /** How long a process keeps an acting user it has read (ms; 0: read on every request). */
    actorCacheMs: number;
  };
  pii: { keys: Record<string, Buffer>; activeKeyId: string; indexKey: Buffer };
  wechat: { apiBase: string; appId: string; appSecret: string; standIn: boolean; subscribeTemplateId: string; miniprogramState: string };
  /**
   * Deadlines in working days, and how often each process reloads the counties' own calendar days
   * (a day saved in another process counts here within that time; in this process at once).
   */
  workflow: { deadlines: Record<string, number>; calendarRefreshMs: number };
  outbox: { pollMs: number; maxAttempts: number; baseBackoffMs: number };
  /** Scheduled jobs: how often each process looks for a due job (0: never by itself; the tests tick by hand). */
  jobs: { tickMs: number; backend: 'database' | 'bullmq'; queuePrefix: string; retryBaseMs: number };
  /** Case evidence files: where they live, how big they may be, how long a file link works. */
  uploads: { dir: string; maxBytes: number; maxPixels: number; linkTtlSeconds: number; linkKey: Buffer; s3: S3Config | null };
  /** Shared state between server instances; null keeps it in each process's memory. */
  redis: { url: string | null };
  /** GET /api/metrics (Prometheus) answers only with this bearer token; null turns it off. */
  metrics: { token: string | null };
  /** Requests per client address per window on the public, guessable or costly endpoints. */
  rateLimits: { windowSeconds: number; login: number; refresh: number; redeem: number; selfTest: number };
}

/** Read and validate the configuration; throws ConfigError naming the variable at fault. */
export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = env.DATABASE_URL || null;
  if (databaseUrl && !/^mysql:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with mysql:// (leave it unset for the embedded database)');
  }
  const demoMode = bool(env.DEMO_MODE, !databaseUrl, 'DEMO_MODE');
  const dataDir = dir(env.DATA_DIR, join(REPO_ROOT, 'data'));
  const port = int(env.PORT, 3000, 'PORT', 0, 65535);
  const demo = demoMode ? loadOrCreateDemoSecrets(dataDir) : null;

  const jwtSecret = env.JWT_SECRET || demo?.jwtSecret;
  const cardSecret = env.CARD_SECRET || demo?.cardSecret;
  const piiKeys = env.PII_KEYS || (demo ? `${demo.piiKeyId}:${demo.piiKey}` : undefined);
  const piiIndexKey = env.PII_INDEX_KEY || demo?.piiIndexKey;
  for (const [name, value] of Object.entries({
    JWT_SECRET: jwtSecret,
    CARD_SECRET: cardSecret,
    PII_KEYS: piiKeys,
    PII_INDEX_KEY: piiIndexKey,
  })) {
    if (!value) throw new ConfigError(`${name} is required when DEMO_MODE is off`);
  }
  if ((jwtSecret as string).length < 32) throw new ConfigError('JWT_SECRET must be at least 32 characters');
  if ((cardSecret as string).length < 32) throw new ConfigError('CARD_SECRET must be at least 32 characters');
  const keys = parseKeys(piiKeys as string, 'PII_KEYS');
  const activeKeyId = env.PII_ACTIVE_KEY_ID || Object.keys(keys)[0];
  if (!keys[activeKeyId]) throw new ConfigError('PII_ACTIVE_KEY_ID must name a key in PII_KEYS');
  const indexKey = Buffer.from(piiIndexKey as string, 'base64');
  if (indexKey.length < 32) throw new ConfigError('PII_INDEX_KEY must be base64 of at least 32 bytes');

  const standIn = bool(env.WECHAT_STANDIN, demoMode && !env.WECHAT_API_BASE, 'WECHAT_STANDIN');
  const apiBase = env.WECHAT_API_BASE || (standIn ? `http://127.0.0.1:${port}/wechat-standin` : 'https://api.weixin.qq.com');
  if (!/^https?:\/\//.test(apiBase)) throw new ConfigError('WECHAT_API_BASE must be an http(s) URL');
  const appId = env.WECHAT_APP_ID || (demoMode ? 'wx-demo-appid' : '');
  const appSecret = env.WECHAT_APP_SECRET || (demoMode ? 'demo-secret' : '');
  if (!appId || !appSecret) throw new ConfigError('WECHAT_APP_ID and WECHAT_APP_SECRET are required when DEMO_MODE is off');

  const redisUrl = env.REDIS_URL || null;
  if (redisUrl && !/^rediss?:\/\/[^/\s]+/.test(redisUrl)) throw new ConfigError('REDIS_URL must start with redis:// or rediss://');
  const replicaUrls = (env.DATABASE_REPLICA_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (replicaUrls.length && !databaseUrl) throw new ConfigError('DATABASE_REPLICA_URLS needs DATABASE_URL (the primary)');
  if (replicaUrls.some((u) => !/^(mysql|mariadb):\/\//.test(u)))
    throw new ConfigError('DATABASE_REPLICA_URLS must be mysql:// URLs, comma-separated');
  const metricsToken = env.METRICS_TOKEN || null;
  if (metricsToken !== null && metricsToken.length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters');

  const h5Default = join(REPO_ROOT, 'apps/miniapp/dist-h5');
  const h5Dir = env.H5_DIR === '' ? null : dir(env.H5_DIR, h5Default);

  const deadlines = { ...DEFAULT_DEADLINE_WORKING_DAYS };
  deadlines.membershipReview = int(env.MEMBERSHIP_REVIEW_WORKING_DAYS, deadlines.membershipReview, 'MEMBERSHIP_REVIEW_WORKING_DAYS', 1, 60);
  deadlines.membershipTransfer = int(
    env.MEMBERSHIP_TRANSFER_WORKING_DAYS,
    deadlines.membershipTransfer,
    'MEMBERSHIP_TRANSFER_WORKING_DAYS',
    1,
    60,
  );

  return {
    app: {
      version: (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version,
      countyName: env.COUNTY_NAME || '示范县',
      provinceName: env.PROVINCE_NAME?.trim() || null,
      port,
      host: env.HOST || '0.0.0.0',
      demoMode,
      h5Dir,
      dataDir,
      trustProxy: bool(env.TRUST_PROXY, false, 'TRUST_PROXY'),
      logLevel: env.LOG_LEVEL || 'info',
      bodyLimit: int(env.BODY_LIMIT_BYTES, 1_048_576, 'BODY_LIMIT_BYTES', 1024),
      // The document lists every route and field: handy in the demo, not published by default in production.
      apiDocs: bool(env.API_DOCS, demoMode, 'API_DOCS'),
    },
    database: {
      url: databaseUrl,
      replicaUrls,
      embeddedFile: databaseUrl ? null : env.EMBEDDED_DB_FILE === ':memory:' ? null : join(dataDir, 'union.sqlite'),
      logging: bool(env.DB_LOGGING, false, 'DB_LOGGING'),
      embeddedCheckpointBytes: env.EMBEDDED_CHECKPOINT_BYTES
        ? int(env.EMBEDDED_CHECKPOINT_BYTES, 0, 'EMBEDDED_CHECKPOINT_BYTES', 1024)
        : null,
    },
    auth: {
      jwtSecret: jwtSecret as string,
      accessTtlSeconds: int(env.ACCESS_TOKEN_TTL_SECONDS, 900, 'ACCESS_TOKEN_TTL_SECONDS', 10),
      refreshTtlDays: int(env.REFRESH_TOKEN_TTL_DAYS, 30, 'REFRESH_TOKEN_TTL_DAYS', 1),
      actorCacheMs: int(env.AUTH_ACTOR_CACHE_MS, 2_000, 'AUTH_ACTOR_CACHE_MS', 0, 60_000),
      cardSecret: cardSecret as string,
      cardTokenTtlSeconds: int(env.CARD_TOKEN_TTL_SECONDS, 600, 'CARD_TOKEN_TTL_SECONDS', 10),
    },
    pii: { keys, activeKeyId, indexKey },
    wechat: {
      apiBase: apiBase.replace(/\/$/, ''),
      appId,
      appSecret,
      standIn,
      subscribeTemplateId: env.WECHAT_SUBSCRIBE_TEMPLATE_ID || 'demo-case-progress',
      miniprogramState: env.WECHAT_MINIPROGRAM_STATE || (demoMode ? 'developer' : 'formal'),
    },
    workflow: { deadlines, calendarRefreshMs: int(env.CALENDAR_REFRESH_MS, 60_000, 'CALENDAR_REFRESH_MS', 0) },
    outbox: {
      pollMs: int(env.OUTBOX_POLL_MS, 2000, 'OUTBOX_POLL_MS', 0),
      maxAttempts: int(env.OUTBOX_MAX_ATTEMPTS, 8, 'OUTBOX_MAX_ATTEMPTS', 1, 50),
      baseBackoffMs: int(env.OUTBOX_BASE_BACKOFF_MS, 5000, 'OUTBOX_BASE_BACKOFF_MS', 0),
    },
    jobs: {
      tickMs: int(env.JOBS_TICK_MS, 15_000, 'JOBS_TICK_MS', 0),
      backend: jobsBackend(env.JOBS_BACKEND, redisUrl),
      queuePrefix: env.JOBS_QUEUE_PREFIX?.trim() || 'union',
      retryBaseMs: int(env.JOBS_RETRY_BASE_MS, 30_000, 'JOBS_RETRY_BASE_MS', 10),
    },
    uploads: {
      dir: dir(env.UPLOAD_DIR, join(dataDir, 'uploads')),
      maxBytes: int(env.UPLOAD_MAX_BYTES, UPLOAD_LIMITS.defaultMaxBytes, 'UPLOAD_MAX_BYTES', 1024, 100 * 1024 * 1024),
      // Checked from the image header before decoding: a small PNG can expand to gigabytes of pixels.
      maxPixels: int(env.UPLOAD_MAX_PIXELS, 40_000_000, 'UPLOAD_MAX_PIXELS', 1_000_000, 268_402_689),
      linkTtlSeconds: int(env.UPLOAD_LINK_TTL_SECONDS, 600, 'UPLOAD_LINK_TTL_SECONDS', 10, 86_400),
      // Derived rather than configured: one secret fewer to deploy, and a separate key per use.
      linkKey: Buffer.from(hkdfSync('sha256', jwtSecret as string, 'union', 'upload-links/v1', 32)),
      s3: s3Config(env),
    },
    redis: { url: redisUrl },
    metrics: { token: metricsToken },
    rateLimits: {
      windowSeconds: int(env.RATE_LIMIT_WINDOW_SECONDS, 60, 'RATE_LIMIT_WINDOW_SECONDS', 1, 86_400),
      login: int(env.RATE_LIMIT_LOGIN, 20, 'RATE_LIMIT_LOGIN', 1),
      refresh: int(env.RATE_LIMIT_REFRESH, 30, 'RATE_LIMIT_REFRESH', 1),
      redeem: int(env.RATE_LIMIT_REDEEM, 10, 'RATE_LIMIT_REDEEM', 1),
      selfTest: int(env.RATE_LIMIT_SELF_TEST, 30, 'RATE_LIMIT_SELF_TEST', 1),
    },
  };
}

/** Injection token of the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

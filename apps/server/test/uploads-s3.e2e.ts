import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { UploadLink, UploadView } from '@union/shared';
import S3rver from 's3rver';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../src/config/configuration';
import { ON_MYSQL, startTestApp, type TestApp } from './harness';

const BUCKET = 'union-uploads';
const PREFIX = 'county-test';

/** A one-page PDF. */
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/**
 * Uploads in an S3-compatible object store (s3rver here, MinIO in the compose file) through the AWS
 * SDK's client: stored encrypted under the deployment's prefix, nothing on the local disk, served
 * back through the expiring link; on MySQL/MariaDB a second server process with a disk of its own
 * serves the file the first one stored.
 */
describe('uploads in an S3-compatible object store (e2e)', () => {
  let s3rver: S3rver;
  let s3Dir: string;
  let endpoint: string;
  let t: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    s3Dir = mkdtempSync(join(tmpdir(), 'union-s3-'));
    s3rver = new S3rver({
      port: 0,
      address: '127.0.0.1',
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: BUCKET, configs: [] }],
    });
    const address = (await s3rver.run()) as AddressInfo;
    endpoint = `http://127.0.0.1:${address.port}`;
    env = {
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_PREFIX: PREFIX,
    };
    t = await startTestApp(env);
  });
  afterAll(async () => {
    await t?.close();
    await s3rver?.close();
    rmSync(s3Dir, { recursive: true, force: true });
  });

  async function upload(app: TestApp, token: string, bytes: Buffer): Promise<{ status: number; body: UploadView }> {
    const form = new FormData();
    form.append('purpose', 'labour_contract');
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'contract.pdf');
    const res = await fetch(`${app.baseUrl}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: (await res.json()) as UploadView };
  }

  const client = () =>
    new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });

  it('stores the file encrypted in the bucket under the prefix, nothing on local disk, and serves it back', async () => {
    const worker = await t.newWorker('s3');
    const uploaded = await upload(t, worker, PDF);
    expect(uploaded.status).toBe(201);
    const s3 = client();
    try {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${PREFIX}/` }));
      expect(listed.KeyCount).toBe(1);
      const key = listed.Contents?.[0]?.Key as string;
      const stored = Buffer.from(
        await ((await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body?.transformToByteArray() ?? []),
      );
      // Encrypted at rest: neither the PDF's header nor its bytes are in the object.
      expect(stored.length).toBeGreaterThan(PDF.length);
      expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    } finally {
      s3.destroy();
    }
    const uploadDir = t.app.get<AppConfig>(APP_CONFIG).uploads.dir;
    expect(existsSync(uploadDir) ? readdirSync(uploadDir, { recursive: true }).length : 0).toBe(0);
    const link = await t.http<UploadLink>('GET', `/uploads/${uploaded.body.id}/link`, { token: worker });
    expect(link.status).toBe(200);
    const file = await fetch(`${t.baseUrl}${link.body.url}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
  });

  // The embedded database belongs to one process: the second apps below need MySQL/MariaDB.
  (ON_MYSQL ? it : it.skip)(
    'refuses an upload the store refuses (an unknown access key) and keeps no row of it; a second process serves what the first stored',
    async () => {
      const url = (t.app.get(DataSource).options as { url: string }).url;
      const shared = t.app.get<AppConfig>(APP_CONFIG);
      const keys = {
        JWT_SECRET: shared.auth.jwtSecret,
        CARD_SECRET: shared.auth.cardSecret,
        PII_KEYS: Object.entries(shared.pii.keys)
          .map(([id, k]) => `${id}:${k.toString('base64')}`)
          .join(','),
        PII_ACTIVE_KEY_ID: shared.pii.activeKeyId,
        PII_INDEX_KEY: shared.pii.indexKey.toString('base64'),
      };
      // s3rver checks the access key (InvalidAccessKeyId) but not a SigV4 signature: the key is what is wrong here.
      const wrong = await startTestApp({ ...env, ...keys, DATABASE_URL: url, S3_ACCESS_KEY_ID: 'NOT-A-KEY' });
      try {
        const worker = await wrong.newWorker('s3wrong');
        const [{ n: before }] = (await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM uploads')) as { n: string }[];
        const refused = await upload(wrong, worker, PDF);
        expect(refused.status).toBeGreaterThanOrEqual(500);
        const [{ n: after }] = (await t.app.get(DataSource).query('SELECT COUNT(*) AS n FROM uploads')) as { n: string }[];
        expect(Number(after)).toBe(Number(before));
      } finally {
        await wrong.close();
      }
      // A second process with a disk of its own serves the file the first one stored.
      const other = await startTestApp({ ...env, ...keys, DATABASE_URL: url });
      try {
        const worker = await t.newWorker('s3shared');
        const uploaded = await upload(t, worker, PDF);
        expect(uploaded.status).toBe(201);
        const link = await other.http<UploadLink>('GET', `/uploads/${uploaded.body.id}/link`, { token: worker });
        expect(link.status).toBe(200);
        const file = await fetch(`${other.baseUrl}${link.body.url}`);
        expect(file.status).toBe(200);
        expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true);
      } finally {
        await other.close();
      }
    },
  );
});

import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import type { MembershipApplicationView, OrganizationView, UploadLink, UploadView } from '@union/shared';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import type { Actor } from '../src/common/actor';
import { APP_CONFIG, type AppConfig } from '../src/config/configuration';
import { Db } from '../src/database/db.service';
import { IdentityService } from '../src/modules/identity/identity.service';
import { PiiCipher } from '../src/modules/pii/pii-cipher';
import { Upload } from '../src/modules/uploads/entities/upload.entity';
import { UploadsService } from '../src/modules/uploads/uploads.service';
import { newIdNumber, newPhone, startTestApp, type TestApp } from './harness';
import { CONSTRUCTION_UNION, COUNTY } from './factories';

const MAX_BYTES = 2 * 1024 * 1024;

/** A one-page PDF, with `extra` objects before the trailer. */
function pdf(extra = ''): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n' +
      extra +
      'trailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}

/** A phone photo: sideways (EXIF orientation 6), larger than the cap, with GPS in its EXIF. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 3000, height: 1200, channels: 3, background: { r: 180, g: 40, b: 40 } } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Phone 1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 35/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '114/1 17/1 0/1' },
    })
    .toBuffer();
}

/** The EXIF GPS-IFD pointer tag (0x8825), little-endian as sharp writes it. */
const GPS_TAG = Buffer.from([0x25, 0x88]);

function userIdOf(token: string): number {
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as { sub: number }).sub;
}

describe('uploads (e2e over HTTP)', () => {
  let t: TestApp;
  let service: UploadsService;
  let uploadDir: string;

  beforeAll(async () => {
    t = await startTestApp({ UPLOAD_MAX_BYTES: String(MAX_BYTES) });
    service = t.app.get(UploadsService);
    uploadDir = t.app.get<AppConfig>(APP_CONFIG).uploads.dir;
  });
  afterAll(() => t.close());

  async function upload(
    token: string,
    bytes: Buffer,
    options: { purpose?: string | null; filename?: string; type?: string } = {},
  ): Promise<{ status: number; body: UploadView & { code?: string; message?: string; details?: { field: string }[] } }> {
    const form = new FormData();
    if (options.purpose !== null) form.append('purpose', options.purpose ?? 'id_card');
    form.append('file', new Blob([new Uint8Array(bytes)], { type: options.type ?? 'image/jpeg' }), options.filename ?? 'photo.jpg');
    const res = await fetch(`${t.baseUrl}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    return { status: res.status, body: (await res.json()) as never };
  }

  async function download(url: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const res = await fetch(`${t.baseUrl}${url}`);
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }

  function storedFiles(): string[] {
    try {
      return readdirSync(uploadDir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name));
    } catch {
      return [];
    }
  }

  async function actorOf(token: string): Promise<Actor> {
    return (await t.app.get(IdentityService).actorFor(userIdOf(token), 'test')) as Actor;
  }

  /** A membership application by `token`'s user; returns its workflow case id. */
  async function openCase(token: string): Promise<number> {
    const org = (await t.http<OrganizationView[]>('GET', `/organizations/search?q=${encodeURIComponent('县城建筑公司工会')}`, { token }))
      .body[0];
    const created = await t.http<MembershipApplicationView>('POST', '/membership/applications', {
      token,
      body: {
        realName: '上传测试',
        idNumber: newIdNumber(),
        phone: newPhone(),
        employerName: '县城建筑公司',
        employmentType: 'employee',
        organizationId: org.id,
        hideFromEmployer: false,
      },
    });
    expect(created.status).toBe(201);
    const [row] = (await t.app.get(DataSource).query('SELECT case_id FROM membership_applications WHERE id = ?', [created.body.id])) as {
      case_id: number;
    }[];
    return Number(row.case_id);
  }

  function attach(token: string, ids: number[], caseId: number): Promise<void> {
    return actorOf(token).then((actor) => t.app.get(Db).transaction((manager) => service.attachToCase(manager, actor, ids, caseId)));
  }

  it('stores a phone photo upright, scaled down and without its location, and serves it through an expiring link', async () => {
    const worker = await t.newWorker('photo');
    const photo = await phonePhoto();
    const original = await sharp(photo).metadata();
    expect(original.orientation).toBe(6);
    expect(original.exif?.includes(GPS_TAG)).toBe(true);

    const res = await upload(worker, photo, { purpose: 'home_visit_photo', filename: '张三-身份证.jpg' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ purpose: 'home_visit_photo', purposeLabel: '入户照片', kind: 'image' });
    expect(res.body.createdAt).toEqual(expect.any(String));
    expect(JSON.stringify(res.body)).not.toContain('张三');

    const link = await t.http<UploadLink>('GET', `/uploads/${res.body.id}/link`, { token: worker });
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(/^\/api\/files\/[A-Za-z0-9._-]+$/);
    const ttl = (Date.parse(link.body.expiresAt) - Date.now()) / 1000;
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);

    const file = await download(link.body.url);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-disposition')).toBe('inline');
    expect(file.headers.get('cache-control')).toBe('no-store');
    expect(file.bytes.length).toBe(res.body.size);

    const served = await sharp(file.bytes).metadata();
    expect(served.format).toBe('jpeg');
    expect([served.width, served.height]).toEqual([1024, 2560]);
    expect(served.exif).toBeUndefined();
    expect(served.xmp).toBeUndefined();
    expect(served.iptc).toBeUndefined();
    expect(served.orientation).toBeUndefined();

    // What lies on disk is what is served, encrypted (see hardening.e2e.ts), and the row holds its hash.
    const row = await t.app.get(DataSource).getRepository(Upload).findOneByOrFail({ id: res.body.id });
    expect(row.sha256).toBe(createHash('sha256').update(file.bytes).digest('hex'));
    const stored = readFileSync(join(uploadDir, row.storageKey));
    expect(t.app.get(PiiCipher).decryptBytes(stored, `uploads:${row.uid}:file`).equals(file.bytes)).toBe(true);
    expect(row.storageKey).not.toContain('photo');
  });

  it('takes PNG and WebP and stores them as JPEG', async () => {
    const worker = await t.newWorker('formats');
    const square = sharp({ create: { width: 40, height: 30, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0.5 } } });
    for (const [bytes, type] of [
      [await square.clone().png().toBuffer(), 'image/png'],
      [
        await square
          .clone()
          .webp()
          .withExif({ IFD3: { GPSLatitudeRef: 'N' } })
          .toBuffer(),
        'image/webp',
      ],
    ] as const) {
      const res = await upload(worker, bytes, { type, filename: 'scan.png' });
      expect(res.status).toBe(201);
      const link = await t.http<UploadLink>('GET', `/uploads/${res.body.id}/link`, { token: worker });
      const file = await download(link.body.url);
      const meta = await sharp(file.bytes).metadata();
      expect({ format: meta.format, width: meta.width, exif: meta.exif }).toEqual({ format: 'jpeg', width: 40, exif: undefined });
    }
  });

  it('keeps a clean PDF as sent and serves it as a PDF', async () => {
    const worker = await t.newWorker('pdf');
    const file = pdf();
    const res = await upload(worker, file, { purpose: 'income_proof', filename: 'proof.pdf', type: 'application/pdf' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ kind: 'pdf', purposeLabel: '收入证明', size: file.length });
    const link = await t.http<UploadLink>('GET', `/uploads/${res.body.id}/link`, { token: worker });
    const served = await download(link.body.url);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.bytes.equals(file)).toBe(true);

    // Bigger than BODY_LIMIT_BYTES (1 MiB) but within UPLOAD_MAX_BYTES: multipart is not held to the JSON limit.
    const scan = Buffer.concat([pdf(), Buffer.from(`%${'x'.repeat(1536 * 1024)}\n`, 'latin1')]);
    const big = await upload(worker, scan, { type: 'application/pdf' });
    expect(big.status).toBe(201);
    expect(big.body.size).toBe(scan.length);
  });

  describe('refuses, and stores nothing', () => {
    let worker: string;
    beforeAll(async () => {
      worker = await t.newWorker('refused');
    });

    async function expectRefused(bytes: Buffer, code: string, options: Parameters<typeof upload>[2] = {}) {
      const rows = await t.count('uploads');
      const files = storedFiles().length;
      const res = await upload(worker, bytes, options);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code });
      expect(await t.count('uploads')).toBe(rows);
      expect(storedFiles()).toHaveLength(files);
      return res;
    }

    it('an ELF executable renamed photo.jpg and sent as image/jpeg', async () => {
      const elf = Buffer.concat([Buffer.from('\x7fELF\x02\x01\x01\x00', 'latin1'), Buffer.alloc(2000, 0x90)]);
      await expectRefused(elf, 'file_type_not_allowed', { filename: 'photo.jpg', type: 'image/jpeg' });
    });

    it('a Windows executable renamed photo.jpg', async () => {
      const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(2000, 0)]);
      await expectRefused(exe, 'file_type_not_allowed', { filename: 'photo.jpg', type: 'image/jpeg' });
    });

    it('a PDF with JavaScript, a launch action, or a password', async () => {
      const options = { filename: 'a.pdf', type: 'application/pdf' };
      await expectRefused(pdf('4 0 obj << /Type /Action /S /JavaScript /JS (app.alert(1)) >> endobj\n'), 'file_type_not_allowed', options);
      await expectRefused(pdf('4 0 obj << /S /Launch /F (cmd.exe) >> endobj\n'), 'file_type_not_allowed', options);
      const hidden = deflateSync(Buffer.from('4 0 << /S /JavaScript /JS (app.alert(1)) >>', 'latin1'));
      const objStm = `9 0 obj << /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${hidden.length} >>\nstream\n${hidden.toString('latin1')}\nendstream\nendobj\n`;
      await expectRefused(pdf(objStm), 'file_type_not_allowed', options);
      const encrypted = Buffer.from(pdf().toString('latin1').replace('trailer <<', 'trailer << /Encrypt 8 0 R'), 'latin1');
      const res = await expectRefused(encrypted, 'file_type_not_allowed', options);
      expect(res.body.message).toContain('密码');
    });

    it('a file with an image header but no image behind it', async () => {
      await expectRefused(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(500, 0x41)]), 'file_type_not_allowed');
    });

    it('an upload without a login, before its body is read', async () => {
      const rows = await t.count('uploads');
      const form = new FormData();
      form.append('purpose', 'id_card');
      form.append('file', new Blob([new Uint8Array(MAX_BYTES)], { type: 'image/jpeg' }), 'photo.jpg');
      const res = await fetch(`${t.baseUrl}/api/uploads`, { method: 'POST', body: form });
      expect(res.status).toBe(401);
      expect(await t.count('uploads')).toBe(rows);
    });

    it('a file over UPLOAD_MAX_BYTES', async () => {
      const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(MAX_BYTES, 0x41)]);
      const res = await expectRefused(big, 'file_too_large');
      expect(res.body.message).toEqual(expect.any(String));
    });

    it('a missing or unknown purpose, a missing file, two files', async () => {
      const before = await t.count('uploads');
      const photo = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'white' } })
        .jpeg()
        .toBuffer();
      const missing = await expectRefused(photo, 'validation_failed', { purpose: null });
      expect(missing.body.details?.map((d) => d.field)).toEqual(['purpose']);
      await expectRefused(photo, 'validation_failed', { purpose: 'passport' });
      const onlyPurpose = new FormData();
      onlyPurpose.append('purpose', 'id_card');
      const noFile = await fetch(`${t.baseUrl}/api/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${worker}` },
        body: onlyPurpose,
      });
      expect(noFile.status).toBe(400);
      expect(((await noFile.json()) as { details: { field: string }[] }).details.map((d) => d.field)).toEqual(['file']);
      const two = new FormData();
      two.append('purpose', 'id_card');
      two.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'a.jpg');
      two.append('file', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), 'b.jpg');
      const twoFiles = await fetch(`${t.baseUrl}/api/uploads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${worker}` },
        body: two,
      });
      expect(twoFiles.status).toBe(400);
      expect(await t.count('uploads')).toBe(before);
      const json = await t.http('POST', '/uploads', { token: worker, body: { purpose: 'id_card' } });
      expect(json.status).toBe(400);
      expect(json.body.code).toBe('validation_failed');
    });
  });

  describe('links', () => {
    let owner: string;
    let uploadId: number;
    let url: string;
    beforeAll(async () => {
      owner = await t.newWorker('owner');
      uploadId = (await upload(owner, pdf(), { type: 'application/pdf' })).body.id;
      url = (await t.http<UploadLink>('GET', `/uploads/${uploadId}/link`, { token: owner })).body.url;
    });

    it('are not given to another worker, or to staff, for a file on no case', async () => {
      const other = await t.newWorker('other');
      expect((await t.http('GET', `/uploads/${uploadId}/link`, { token: other })).body).toMatchObject({ code: 'not_found' });
      const cadre = await t.loginAs('county_admin', COUNTY);
      expect((await t.http('GET', `/uploads/${uploadId}/link`, { token: cadre })).status).toBe(404);
      expect((await t.http('GET', '/uploads/999999/link', { token: owner })).status).toBe(404);
    });

    it('answer 404 when tampered with', async () => {
      const token = url.split('/').pop() as string;
      const [, exp, mac] = token.split('.');
      // Flip the MAC's first character: its last one may carry only padding bits, decoding to the same bytes.
      const flipped = `${token.slice(0, token.length - mac.length)}${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
      expect((await download(`/api/files/${flipped}`)).status).toBe(404);
      expect((await download(`/api/files/${(uploadId + 1).toString(36)}.${exp}.${mac}`)).status).toBe(404);
      expect((await download(`/api/files/${uploadId.toString(36)}.${(parseInt(exp, 36) + 86400).toString(36)}.${mac}`)).status).toBe(404);
      expect((await download('/api/files/not-a-token')).status).toBe(404);
      expect((await download(url)).status).toBe(200);
    });

    it('answer 410 once expired', async () => {
      const row = await t.app.get(DataSource).getRepository(Upload).findOneByOrFail({ id: uploadId });
      const expired = service.signLink(row, new Date(Date.now() - 1000));
      const res = await fetch(`${t.baseUrl}${expired.url}`);
      expect(res.status).toBe(410);
      expect(await res.json()).toMatchObject({ code: 'link_expired', message: expect.stringContaining('过期') });
    });
  });

  describe('attaching to a case', () => {
    let applicant: string;
    let caseId: number;
    beforeAll(async () => {
      applicant = await t.newWorker('applicant');
      caseId = await openCase(applicant);
    });

    it("refuses another user's upload, and leaves it unattached", async () => {
      const stranger = await t.newWorker('stranger');
      const theirs = (await upload(stranger, pdf(), { type: 'application/pdf' })).body.id;
      await expect(attach(applicant, [theirs], caseId)).rejects.toMatchObject({
        code: 'validation_failed',
        details: [expect.objectContaining({ field: 'uploadIds' })],
      });
      await expect(attach(applicant, [999999], caseId)).rejects.toMatchObject({ code: 'validation_failed' });
      const row = await t.app.get(DataSource).getRepository(Upload).findOneByOrFail({ id: theirs });
      expect(row.caseId).toBeNull();
      // Staff handling the case may attach the applicant's files, not a third person's.
      await expect(attach(await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION), [theirs], caseId)).rejects.toMatchObject({
        code: 'validation_failed',
      });
    });

    it('attaches own uploads; then whoever may see the case gets a link, others 404', async () => {
      const mine = (await upload(applicant, pdf(), { purpose: 'income_proof', type: 'application/pdf' })).body.id;
      const forCadre = (await upload(applicant, pdf(), { purpose: 'medical_receipt', type: 'application/pdf' })).body.id;
      await attach(applicant, [mine, mine], caseId);
      await attach(applicant, [mine], caseId); // again: no change, no error
      const cadre = await t.loginAs('grassroots_cadre', CONSTRUCTION_UNION);
      await attach(cadre, [forCadre], caseId);

      const listed = await service.listForCase(t.app.get(Db).manager, [caseId, 999999]);
      expect(listed.get(caseId)?.map((u) => [u.id, u.purposeLabel])).toEqual([
        [mine, '收入证明'],
        [forCadre, '医疗票据'],
      ]);
      expect(listed.get(999999)).toEqual([]);

      expect((await t.http('GET', `/uploads/${mine}/link`, { token: cadre })).status).toBe(200);
      expect((await t.http('GET', `/uploads/${mine}/link`, { token: await t.loginAs('town_cadre', '县总工会/城关镇总工会') })).status).toBe(
        200,
      );
      expect((await t.http('GET', `/uploads/${mine}/link`, { token: await t.loginAs('town_cadre', '县总工会/万安镇总工会') })).status).toBe(
        404,
      );
      expect((await t.http('GET', `/uploads/${mine}/link`, { token: await t.newWorker('nosy') })).status).toBe(404);

      // A file on one case cannot be moved to another, even the same applicant's.
      const secondCase = await openCase(applicant);
      await expect(attach(applicant, [mine], secondCase)).rejects.toMatchObject({ code: 'validation_failed' });
    });

    it('refuses to attach to a case the actor cannot see', async () => {
      const outsider = await t.newWorker('outsider');
      const theirs = (await upload(outsider, pdf(), { type: 'application/pdf' })).body.id;
      await expect(attach(outsider, [theirs], caseId)).rejects.toMatchObject({ code: 'not_found' });
    });
  });
});

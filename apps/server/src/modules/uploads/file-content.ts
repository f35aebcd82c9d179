import { constants, inflateSync } from 'node:zlib';
import { UPLOAD_LIMITS, type UploadKind } from '@union/shared';
import sharp from 'sharp';
import { fail } from '../../common/app-exception';

/** What the first bytes of a file say it is; the name and the declared type are never trusted. */
export type SniffedType = 'jpeg' | 'png' | 'webp' | 'pdf';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The accepted type the content starts with, or null (executables, archives, HEIC, text ...). */
export function sniff(bytes: Buffer): SniffedType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (bytes.length >= 5 && bytes.toString('latin1', 0, 5) === '%PDF-') return 'pdf';
  return null;
}

/** Why a PDF is refused. */
export type PdfProblem = 'encrypted' | 'active_content' | 'unreadable';

/**
 * Names that make a PDF do something beyond showing pages: scripts, launching programs, embedded
 * files, rich media, XFA forms (which carry scripts), sending form data away (SubmitForm), pulling
 * data in (ImportData), opening other files (GoToR, GoToE). Long enough never to occur by chance
 * in compressed data, so they are looked for everywhere, stream contents included.
 */
const ACTIVE_NAMES = /\/(?:JavaScript|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToR|GoToE)(?=[\s()<>[\]{}/%]|$)/;
/** `/JS` (a script on a Rendition action) is short: looked for outside stream contents only. */
const SHORT_ACTIVE_NAMES = /\/JS(?=[\s()<>[\]{}/%]|$)/;
/** A URI action's target: a literal `(…)` or hex `<…>` string. */
const URI_ACTION = /\/URI\s*(\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/g;
/** Link targets a reader may open: web pages and mail; `file:`, UNC paths, `javascript:` and the rest are refused. */
const ALLOWED_URI = /^(?:https?:\/\/|mailto:)/i;

/** True when a URI action points somewhere other than a web page or a mail address (a local or network file). */
function hasForbiddenUri(text: string): boolean {
  for (const match of text.matchAll(URI_ACTION)) {
    const raw = match[1];
    const target = raw.startsWith('<')
      ? Buffer.from(raw.slice(1, -1).replace(/\s+/g, ''), 'hex').toString('latin1')
      : raw.slice(1, -1).replace(/\\([\s\S])/g, '$1');
    if (!ALLOWED_URI.test(target.trim())) return true;
  }
  return false;
}

const ENCRYPT = /\/Encrypt(?=[\s()<>[\]{}/%]|$)/;
/** Cap on what object streams may inflate to, so a small "zip bomb" cannot exhaust memory. */
const INFLATE_BUDGET = 64 * 1024 * 1024;

/** PDF names may spell any character as #xx (`/Java#53cript`); readers decode them, so do we. */
function decodeNames(text: string): string {
  return text.replace(/#([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * Why a PDF must be refused, or null when it may be stored. Looks at the file's own objects and
 * inside compressed object streams (PDF 1.5+), where dictionaries can otherwise hide.
 */
export function pdfProblem(bytes: Buffer): PdfProblem | null {
  if (bytes.toString('latin1', 0, 5) !== '%PDF-') return 'unreadable';
  const raw = bytes.toString('latin1');
  const decoded = decodeNames(raw);
  if (ENCRYPT.test(decoded)) return 'encrypted';
  if (ACTIVE_NAMES.test(decoded)) return 'active_content';

  let structure = '';
  let cursor = 0;
  let budget = INFLATE_BUDGET;
  for (let at = raw.indexOf('stream', 0); at !== -1; at = raw.indexOf('stream', at + 6)) {
    if (at < cursor || raw.startsWith('end', at - 3)) continue;
    const eol = raw.startsWith('\r\n', at + 6) ? 2 : raw[at + 6] === '\n' || raw[at + 6] === '\r' ? 1 : 0;
    if (!eol) continue;
    const dataStart = at + 6 + eol;
    const end = raw.indexOf('endstream', dataStart);
    const dataEnd = end === -1 ? raw.length : end;
    // Everything since the previous stream ends with this stream's dictionary. Taking all of it
    // (not a guess at where the dictionary starts) means padding cannot push a key out of view;
    // the windows do not overlap, so the whole scan stays linear in the file's size.
    const dict = decodeNames(raw.slice(cursor, at));
    structure += raw.slice(cursor, dataStart);
    cursor = dataEnd;
    if (!/\/ObjStm\b/.test(dict)) continue;
    const body = bytes.subarray(dataStart, dataEnd);
    const filterSpecs = [...dict.matchAll(/\/Filter\s*(\/[A-Za-z0-9]+|\[[^\]]*\])/g)];
    // One plain /Filter, or none: anything else (an indirect or repeated /Filter) is not vouched for.
    if (filterSpecs.length !== (dict.match(/\/Filter\b/g) ?? []).length || filterSpecs.length > 1) return 'unreadable';
    const filters = filterSpecs[0]?.[1].match(/\/[A-Za-z0-9]+/g) ?? [];
    // A predictor would scramble the inflated text; object streams have no use for one.
    if (/\/Predictor\s*(?:[2-9]|\d{2,})/.test(dict)) return 'unreadable';
    let objects: Buffer;
    if (filters.length === 0) objects = body;
    else if (filters.length === 1 && (filters[0] === '/FlateDecode' || filters[0] === '/Fl')) {
      try {
        objects = inflateSync(body, { maxOutputLength: Math.max(1, budget), finishFlush: constants.Z_SYNC_FLUSH });
      } catch {
        return 'unreadable';
      }
    } else {
      return 'unreadable'; // an object stream under an unusual filter chain: nothing we can vouch for
    }
    budget -= objects.length;
    const text = decodeNames(objects.toString('latin1'));
    if (ENCRYPT.test(text)) return 'encrypted';
    if (ACTIVE_NAMES.test(text) || SHORT_ACTIVE_NAMES.test(text) || hasForbiddenUri(text)) return 'active_content';
  }
  structure += raw.slice(cursor);
  const names = decodeNames(structure);
  if (SHORT_ACTIVE_NAMES.test(names) || hasForbiddenUri(names)) return 'active_content';
  return null;
}

/**
 * Decode and re-encode an image as JPEG: turned upright by its EXIF orientation, longest side
 * capped, transparency on white, and every piece of metadata (EXIF with GPS, XMP, IPTC, ICC) left
 * behind, because sharp writes none unless asked.
 */
export async function reencodeImage(bytes: Buffer, expected: Exclude<SniffedType, 'pdf'>, maxPixels: number): Promise<Buffer> {
  const side = UPLOAD_LIMITS.maxImageSide;
  // sharp also checks the limit from the header, before decoding: a second line behind imagePixels.
  const image = sharp(bytes, { failOn: 'error', limitInputPixels: maxPixels, animated: false });
  const { format } = await image.metadata();
  if (format !== expected) throw new Error(`decoded as ${String(format)}`);
  return image
    .autoOrient()
    .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** A file ready to store. */
export interface PreparedFile {
  kind: UploadKind;
  mime: 'image/jpeg' | 'application/pdf';
  extension: 'jpg' | 'pdf';
  bytes: Buffer;
}

/**
 * Width × height an image's header claims, read without decoding it; null when unreadable.
 * A small, flat PNG can claim a huge canvas (a decompression bomb): refused on this number.
 */
export async function imagePixels(bytes: Buffer): Promise<number | null> {
  try {
    const { width, height } = await sharp(bytes, { limitInputPixels: false }).metadata();
    return width && height ? width * height : null;
  } catch {
    return null;
  }
}

/**
 * Check a file by its content and make it safe to store and serve: images are re-encoded, PDFs
 * are kept byte for byte when they hold no scripts, actions that reach outside the file, embedded
 * files or encryption; images over `maxPixels` are refused with `file_too_large` before decoding.
 * Anything else is refused with `file_type_not_allowed`.
 */
export async function prepareFile(bytes: Buffer, { maxPixels }: { maxPixels: number }): Promise<PreparedFile> {
  const type = sniff(bytes);
  if (!type) fail('file_type_not_allowed');
  if (type === 'pdf') {
    const problem = pdfProblem(bytes);
    if (problem === 'encrypted') fail('file_type_not_allowed', '这个 PDF 文件设置了密码，请上传没有密码的文件，或拍照上传');
    if (problem === 'active_content')
      fail('file_type_not_allowed', '这个 PDF 文件含有脚本、附件或指向其他文件的链接等不允许的内容，请换一个文件，或拍照上传');
    if (problem) fail('file_type_not_allowed', '这个 PDF 文件无法读取，请换一个文件，或拍照上传');
    return { kind: 'pdf', mime: 'application/pdf', extension: 'pdf', bytes };
  }
  const pixels = await imagePixels(bytes);
  if (pixels !== null && pixels > maxPixels) {
    fail('file_too_large', `图片像素太多（最多 ${Math.floor(maxPixels / 10_000)} 万像素），请调低相机分辨率或截图后再上传`);
  }
  let jpeg: Buffer;
  try {
    jpeg = await reencodeImage(bytes, type, maxPixels);
  } catch {
    fail('file_type_not_allowed', '图片无法读取或尺寸太大，请重新拍照后上传');
  }
  return { kind: 'image', mime: 'image/jpeg', extension: 'jpg', bytes: jpeg };
}

import { crc32 } from 'node:zlib';

/**
 * On-disk format of the embedded database's write-ahead journal (see embedded-journal.ts).
 *
 * A segment file starts with a 16-byte header (magic, format version) and holds records, each
 *   [u32 LE payload length][u32 LE crc32 over the length bytes and the payload][payload]
 * where the payload is UTF-8 JSON: { s: sequence number, t: epoch ms, q: statements }.
 * Reading stops at the first record that is short or fails its checksum: a torn tail, written
 * while the process died, whose commit was never acknowledged.
 */

export const SEGMENT_MAGIC = Buffer.from('UNIONJNL', 'latin1');
export const SEGMENT_VERSION = 1;
export const SEGMENT_HEADER_BYTES = 16;
const RECORD_HEADER_BYTES = 8;
/** Refuse absurd lengths (a corrupt length field) before allocating. */
const MAX_RECORD_BYTES = 1 << 30;

/** A bound parameter as stored: JSON-safe, decoded to the same value sql.js was given. */
export type StoredParam = string | number | boolean | null | { b: string } | { f: string };
export type StoredParams = StoredParam[] | Record<string, StoredParam> | null;

/** How a statement was run: 0 prepare/bind/step, 1 Database.exec, 2 Database.run. */
export type StatementKind = 0 | 1 | 2;
export type StoredStatement = [kind: StatementKind, sql: string, params?: StoredParams];

export interface JournalRecord {
  s: number;
  t: number;
  q: StoredStatement[];
}

export function segmentHeader(): Buffer {
  const header = Buffer.alloc(SEGMENT_HEADER_BYTES);
  SEGMENT_MAGIC.copy(header, 0);
  header.writeUInt32LE(SEGMENT_VERSION, 8);
  return header;
}

/** One framed record, ready to append. */
export function encodeRecord(record: JournalRecord): Buffer {
  const payload = Buffer.from(JSON.stringify(record), 'utf8');
  const frame = Buffer.allocUnsafe(RECORD_HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(crc32(payload, crc32(frame.subarray(0, 4))), 4);
  payload.copy(frame, RECORD_HEADER_BYTES);
  return frame;
}

export interface DecodedSegment {
  records: { record: JournalRecord; bytes: number }[];
  /** Bytes after the last complete record (0 for a clean segment). */
  tornBytes: number;
  /** False when the file does not even hold a complete header (created, never written). */
  hasHeader: boolean;
}

export function decodeSegment(data: Buffer): DecodedSegment {
  if (data.length < SEGMENT_HEADER_BYTES || !data.subarray(0, SEGMENT_MAGIC.length).equals(SEGMENT_MAGIC)) {
    return { records: [], tornBytes: data.length, hasHeader: false };
  }
  const version = data.readUInt32LE(8);
  if (version !== SEGMENT_VERSION) throw new Error(`journal segment format ${version} is not supported (expected ${SEGMENT_VERSION})`);
  const records: DecodedSegment['records'] = [];
  let offset = SEGMENT_HEADER_BYTES;
  while (offset + RECORD_HEADER_BYTES <= data.length) {
    const length = data.readUInt32LE(offset);
    const end = offset + RECORD_HEADER_BYTES + length;
    if (length > MAX_RECORD_BYTES || end > data.length) break;
    const payload = data.subarray(offset + RECORD_HEADER_BYTES, end);
    if (crc32(payload, crc32(data.subarray(offset, offset + 4))) !== data.readUInt32LE(offset + 4)) break;
    let record: JournalRecord;
    try {
      record = JSON.parse(payload.toString('utf8')) as JournalRecord;
    } catch {
      break;
    }
    if (!Number.isSafeInteger(record.s) || !Array.isArray(record.q)) break;
    records.push({ record, bytes: end - offset });
    offset = end;
  }
  return { records, tornBytes: data.length - offset, hasHeader: true };
}

/** Parameters as sql.js binds them (undefined binds as NULL), in a form JSON keeps exactly. */
export function encodeParams(params: unknown): StoredParams {
  if (params === null || params === undefined) return null;
  if (Array.isArray(params)) return params.length ? params.map(encodeParam) : null;
  if (typeof params === 'object' && !ArrayBuffer.isView(params)) {
    return Object.fromEntries(Object.entries(params as Record<string, unknown>).map(([k, v]) => [k, encodeParam(v)]));
  }
  throw new Error(`cannot journal statement parameters of type ${typeof params}`);
}

function encodeParam(value: unknown): StoredParam {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : { f: String(value) };
    // sql.js binds a bigint as its decimal text.
    case 'bigint':
      return value.toString();
    case 'undefined':
      return null;
    case 'object': {
      if (value === null) return null;
      // sql.js binds anything with a length (Uint8Array, Buffer, number[]) as a blob of those bytes.
      const bytes = value as ArrayLike<number>;
      if (bytes.length != null) {
        const buffer = ArrayBuffer.isView(value)
          ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
          : Buffer.from(Array.from(bytes));
        return { b: buffer.toString('base64') };
      }
      break;
    }
    default:
      break;
  }
  throw new Error(`cannot journal a statement parameter of type ${typeof value}`);
}

export function decodeParams(
  stored: StoredParams | undefined,
): (string | number | boolean | Uint8Array | null)[] | Record<string, unknown> | undefined {
  if (stored === null || stored === undefined) return undefined;
  if (Array.isArray(stored)) return stored.map(decodeParam);
  return Object.fromEntries(Object.entries(stored).map(([k, v]) => [k, decodeParam(v)]));
}

function decodeParam(value: StoredParam): string | number | boolean | Uint8Array | null {
  if (value === null || typeof value !== 'object') return value;
  if ('b' in value) return new Uint8Array(Buffer.from(value.b, 'base64'));
  return Number(value.f);
}

/** Settings: read without an argument, changed by `= value` or `(value)`. */
const SETTINGS = new Set([
  'foreign_keys',
  'defer_foreign_keys',
  'legacy_alter_table',
  'recursive_triggers',
  'user_version',
  'application_id',
  'journal_mode',
  'synchronous',
  'encoding',
  'page_size',
  'schema_version',
]);

/** Pragmas that only read (introspection, checks, and settings read without an argument). */
const READ_ONLY_PRAGMAS = new Set([
  ...SETTINGS,
  'table_info',
  'table_xinfo',
  'table_list',
  'index_list',
  'index_info',
  'index_xinfo',
  'foreign_key_list',
  'foreign_key_check',
  'database_list',
  'compile_options',
  'integrity_check',
  'quick_check',
  'page_count',
  'data_version',
]);

/**
 * Whether a statement may change the database (or the connection state replay depends on, such
 * as `PRAGMA foreign_keys = ...`). Errs on the side of journaling: replaying a read is harmless.
 */
export function mayWrite(sql: string): boolean {
  const m = /^\s*(?:--[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*([A-Za-z]+)/.exec(sql);
  const keyword = m?.[1]?.toUpperCase();
  if (keyword === 'SELECT' || keyword === 'EXPLAIN' || keyword === 'VALUES') return false;
  if (keyword === 'PRAGMA') {
    if (sql.includes('=')) return true;
    const m = /^\s*PRAGMA\s+(?:"?\w+"?\.)?"?(\w+)"?\s*(\()?/i.exec(sql);
    const name = m?.[1]?.toLowerCase();
    // Only the introspection pragmas take an argument in parentheses without changing anything.
    return !name || !READ_ONLY_PRAGMAS.has(name) || (!!m?.[2] && SETTINGS.has(name));
  }
  return true;
}

/** SQL whose result depends on the clock or chance: replay would not reproduce it. */
export function isNondeterministic(sql: string): boolean {
  return /\b(?:random|randomblob)\s*\(|'now'|\bCURRENT_(?:TIMESTAMP|DATE|TIME)\b/i.test(sql);
}

/** Transaction boundaries, from the statement text (sql.js does not expose sqlite3_get_autocommit). */
export type TxControl =
  | { op: 'begin' }
  | { op: 'commit' }
  | { op: 'rollback' }
  | { op: 'savepoint'; name: string }
  | { op: 'release'; name: string }
  | { op: 'rollback_to'; name: string };

export function txControl(sql: string): TxControl | null {
  const s = sql.trim().replace(/;$/, '').trim();
  if (/^BEGIN\b/i.test(s)) return { op: 'begin' };
  if (/^(?:COMMIT|END)\b/i.test(s)) return { op: 'commit' };
  let m = /^ROLLBACK(?:\s+TRANSACTION)?\s+TO\s+(?:SAVEPOINT\s+)?(.+)$/i.exec(s);
  if (m) return { op: 'rollback_to', name: unquote(m[1]) };
  if (/^ROLLBACK\b/i.test(s)) return { op: 'rollback' };
  m = /^SAVEPOINT\s+(.+)$/i.exec(s);
  if (m) return { op: 'savepoint', name: unquote(m[1]) };
  m = /^RELEASE\s+(?:SAVEPOINT\s+)?(.+)$/i.exec(s);
  if (m) return { op: 'release', name: unquote(m[1]) };
  return null;
}

function unquote(name: string): string {
  const n = name.trim();
  return /^(["'`[]).*(["'`\]])$/.test(n) ? n.slice(1, -1) : n;
}

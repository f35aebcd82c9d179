import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { open as openFile, rename, rm, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import initSqlJs, { type BindParams, type Database, type SqlJsStatic } from 'sql.js';
import type { DataSource } from 'typeorm';
import {
  decodeParams,
  decodeSegment,
  encodeParams,
  encodeRecord,
  isNondeterministic,
  mayWrite,
  segmentHeader,
  txControl,
  type JournalRecord,
  type StoredStatement,
} from './journal-format';

/**
 * Crash-safe persistence for the embedded (sql.js) database: a snapshot plus a write-ahead
 * journal of the SQL statements that changed it.
 *
 * Files, next to `file` (data/union.sqlite):
 *   union.sqlite                       the last checkpoint, a plain SQLite file (seq inside, table
 *                                      embedded_journal_checkpoint)
 *   union.sqlite.prev                  the checkpoint before it, used when the first is unreadable
 *   union.sqlite.journal.<first seq>   journal segments; a new one at every start and checkpoint
 *
 * Every write statement that succeeds (prepare/bind/step, exec, run on the sql.js Database) is
 * captured with its parameters; when a transaction commits (TypeORM calls the driver's autoSave
 * before the commit resolves), the captured statements become one numbered record that is appended
 * and fdatasync'ed before the commit is acknowledged. A fully rolled-back transaction is dropped.
 * Concurrent commits share one write and one fdatasync (group commit). A write costs the size of
 * its statements, whatever the size of the database.
 *
 * At start the newest readable snapshot is loaded and the records after its sequence number are
 * replayed in order; reading stops at the first torn or corrupt record (never acknowledged). A
 * gap in the sequence (acknowledged records that cannot be reached) stops the start instead of
 * silently losing them. A checkpoint (export, temp file, fsync, rename over the snapshot keeping
 * the old one as .prev, fsync the folder) runs in the background once the journal since the last
 * one exceeds max(checkpointMinBytes, checkpointRatio x snapshot size), so its amortised cost per
 * journal byte is constant; and on a graceful close. Segments are deleted only once the .prev
 * snapshot covers them.
 *
 * Replay assumes the SQL is deterministic given the data: times and random values are bound as
 * parameters, never computed in SQL (a warning is logged if a journaled statement uses them).
 */

export interface JournalLog {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface EmbeddedJournalOptions {
  /** Checkpoint when the journal since the last one exceeds max(this, ratio x snapshot). */
  checkpointMinBytes?: number;
  checkpointRatio?: number;
  log?: JournalLog;
}

export interface RecoveryReport {
  /** Which snapshot the database was loaded from. */
  snapshot: 'main' | 'prev' | 'none';
  snapshotSeq: number;
  /** Journal records replayed on top of it, and the bytes of torn tails dropped. */
  replayed: number;
  replayedBytes: number;
  tornBytes: number;
  lastSeq: number;
}

const CHECKPOINT_TABLE = 'embedded_journal_checkpoint';
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const SILENT: JournalLog = { log: () => undefined, warn: () => undefined, error: () => undefined };

interface Segment {
  firstSeq: number;
  path: string;
}

interface Waiter {
  seq: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

type WriterOp = { kind: 'append'; seq: number; frame: Buffer } | { kind: 'rotate'; firstSeq: number; done: () => void };

interface OpenTransaction {
  statements: StoredStatement[];
  /** Statements other than BEGIN/SAVEPOINT/RELEASE/ROLLBACK TO/COMMIT: none, nothing to journal. */
  writes: number;
  savepoints: string[];
  /** Started by a SAVEPOINT outside a transaction: releasing the outermost one commits. */
  bySavepoint: boolean;
}

let sqlJs: Promise<SqlJsStatic> | null = null;
const attached = new WeakMap<DataSource, EmbeddedJournal>();

/** The journal behind a data source opened on an embedded database file (undefined otherwise). */
export function journalOf(dataSource: DataSource): EmbeddedJournal | undefined {
  return attached.get(dataSource);
}

export class EmbeddedJournal {
  readonly recovery: RecoveryReport;
  private readonly log: JournalLog;
  private readonly minBytes: number;
  private readonly ratio: number;
  private readonly raw: { exec: Database['exec']; export: Database['export'] };

  private tx: OpenTransaction | null = null;
  private committed: StoredStatement[] = [];
  private lastSeq: number;
  private durableSeq: number;
  private ops: WriterOp[] = [];
  private waiters: Waiter[] = [];
  private pumping: Promise<void> | null = null;
  private failed: unknown = null;

  /** False once a journal write failed: writes are refused until a restart (health reports it). */
  get writable(): boolean {
    return this.failed === null;
  }

  private handle: FileHandle | null = null;
  private segments: Segment[];
  private mainSeq: number | null;
  private prevSeq: number | null;
  private snapshotBytes: number;
  private bytesSinceCheckpoint: number;
  private appendedBytes = 0;
  private checkpointing: Promise<void> | null = null;
  private autoCheckpoint = false;
  private closed = false;
  private readonly warned = new Set<string>();

  private constructor(
    readonly file: string,
    readonly db: Database,
    state: {
      recovery: RecoveryReport;
      segments: Segment[];
      mainSeq: number | null;
      prevSeq: number | null;
      snapshotBytes: number;
      handle: FileHandle;
    },
    options: EmbeddedJournalOptions,
  ) {
    this.recovery = state.recovery;
    this.log = options.log ?? SILENT;
    this.minBytes = options.checkpointMinBytes ?? 8 * 1024 * 1024;
    this.ratio = options.checkpointRatio ?? 0.25;
    this.lastSeq = this.durableSeq = state.recovery.lastSeq;
    this.segments = state.segments;
    this.mainSeq = state.mainSeq;
    this.prevSeq = state.prevSeq;
    this.snapshotBytes = state.snapshotBytes;
    this.bytesSinceCheckpoint = state.recovery.replayedBytes;
    this.handle = state.handle;
    this.raw = { exec: db.exec.bind(db), export: db.export.bind(db) };
    this.capture(db);
  }

  /** Load the newest readable snapshot, replay the journal after it, start a new segment. */
  static async open(file: string, options: EmbeddedJournalOptions = {}): Promise<EmbeddedJournal> {
    const log = options.log ?? SILENT;
    const SQL = await (sqlJs ??= initSqlJs());
    mkdirSync(dirname(file), { recursive: true });
    acquireLock(file);
    try {
      rmSync(`${file}.tmp`, { force: true });
      let loaded: { db: Database; seq: number; bytes: number } | null = null;
      let snapshot: RecoveryReport['snapshot'] = 'none';
      let mainSeq: number | null = null;
      let prevSeq: number | null = null;
      const unreadable: { path: string; reason: string }[] = [];
      for (const [which, path] of [
        ['main', file],
        ['prev', `${file}.prev`],
      ] as const) {
        // .prev is read only when the main snapshot is not there or unreadable. (Until it is known,
        // its sequence number is unknown and no segment is deleted: the first checkpoint makes
        // the main snapshot the new .prev.)
        if (loaded || !existsSync(path)) continue;
        try {
          loaded = loadSnapshot(SQL, path);
          snapshot = which;
          if (which === 'main') mainSeq = loaded.seq;
          else prevSeq = loaded.seq;
        } catch (err) {
          unreadable.push({ path, reason: String(err) });
        }
      }
      const db = loaded?.db ?? new SQL.Database();
      const baseSeq = loaded?.seq ?? 0;
      db.exec('PRAGMA foreign_keys = ON');

      const segments = listSegments(file);
      const records = new Map<number, { record: JournalRecord; bytes: number }>();
      let tornBytes = 0;
      for (const segment of segments) {
        const decoded = decodeSegment(readFileSync(segment.path));
        if (decoded.tornBytes > 0) {
          tornBytes += decoded.tornBytes;
          log.warn(`${basename(segment.path)}: dropped a torn tail of ${decoded.tornBytes} bytes (never acknowledged)`);
        }
        for (const r of decoded.records) if (r.record.s > baseSeq) records.set(r.record.s, r);
      }
      let seq = baseSeq;
      let replayedBytes = 0;
      for (let next = records.get(seq + 1); next; next = records.get(seq + 1)) {
        replay(db, next.record);
        seq += 1;
        replayedBytes += next.bytes;
      }
      const beyond = [...records.keys()].filter((s) => s > seq);
      if (beyond.length > 0) {
        db.close();
        throw new Error(
          `embedded database journal: record ${seq + 1} is missing but ${beyond.length} later records exist ` +
            `(up to ${Math.max(...beyond)}); refusing to start without them. Files: ${file}*`,
        );
      }
      if (!loaded && unreadable.length > 0 && !records.has(1)) {
        db.close();
        throw new Error(
          `embedded database: ${unreadable.map((u) => `${basename(u.path)} is unreadable (${u.reason})`).join('; ')}, and the journal ` +
            `does not reach back to the start; refusing to start on an empty database. Keep the files; to start afresh, move ${file}* away.`,
        );
      }
      for (const u of unreadable) {
        const aside = `${u.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
        log.error(`${basename(u.path)} is unreadable (${u.reason}); moved to ${basename(aside)}`);
        renameSync(u.path, aside);
      }
      const recovery: RecoveryReport = { snapshot, snapshotSeq: baseSeq, replayed: seq - baseSeq, replayedBytes, tornBytes, lastSeq: seq };
      if (recovery.replayed > 0 || snapshot === 'prev') {
        log.log(
          `recovered from ${snapshot === 'none' ? 'an empty database' : basename(snapshot === 'main' ? file : `${file}.prev`)} (seq ${baseSeq}) + ${recovery.replayed} journal records`,
        );
      }
      const segment = { firstSeq: seq + 1, path: segmentPath(file, seq + 1) };
      const handle = await createSegment(segment.path);
      const live = segments.filter((s) => s.path !== segment.path);
      return new EmbeddedJournal(
        file,
        db,
        { recovery, segments: [...live, segment], mainSeq, prevSeq, snapshotBytes: loaded?.bytes ?? 0, handle },
        options,
      );
    } catch (err) {
      releaseLock(file);
      throw err;
    }
  }

  /** A stand-in for the sql.js module, for TypeORM's `driver` option: it opens this database. */
  sqlJsDriver(): { Database: new () => Database } {
    const db = this.db;
    return {
      Database: function JournaledDatabase() {
        return db;
      } as unknown as new () => Database,
    };
  }

  /** Route TypeORM's autoSave (awaited before a commit resolves) and disconnect through the journal. */
  attachTo(dataSource: DataSource): void {
    const driver = dataSource.driver as unknown as { autoSave: () => Promise<void>; disconnect: () => Promise<void> };
    const disconnect = driver.disconnect.bind(driver);
    attached.set(dataSource, this);
    driver.autoSave = () => this.commit();
    driver.disconnect = async () => {
      await this.close();
      return disconnect();
    };
  }

  /**
   * After TypeORM has initialised (its schema synchronisation is journaled like any write):
   * flush, checkpoint when the snapshot is missing, was unreadable or the replay was long, and
   * turn background checkpoints on.
   */
  async ready(): Promise<void> {
    await this.commit();
    if (this.mainSeq === null || this.wantsCheckpoint()) await this.checkpoint();
    this.autoCheckpoint = true;
  }

  /** Make every write committed so far durable; resolves once it is on disk. */
  commit(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    this.enqueueCommitted();
    if (this.autoCheckpoint && !this.tx && !this.checkpointing && this.wantsCheckpoint()) {
      setImmediate(() => {
        if (!this.closed && !this.tx && !this.checkpointing && this.wantsCheckpoint()) {
          this.checkpoint().catch((err: unknown) => this.log.error(`checkpoint failed: ${String(err)}`));
        }
      });
    }
    const target = this.lastSeq;
    if (this.durableSeq >= target) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.waiters.push({ seq: target, resolve, reject });
      this.pump();
    });
  }

  /** Write a new snapshot and start a new journal segment (no transaction may be open). */
  checkpoint(): Promise<void> {
    if (this.checkpointing) return this.checkpointing;
    if (this.failed) return Promise.reject(this.failed);
    if (this.tx) return Promise.reject(new Error('cannot checkpoint inside a transaction'));
    this.checkpointing = this.runCheckpoint().finally(() => {
      this.checkpointing = null;
    });
    return this.checkpointing;
  }

  /** Flush, checkpoint if anything changed since the last one, close the segment, release the lock. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.autoCheckpoint = false;
    try {
      await this.commit();
      await this.checkpointing?.catch(() => undefined);
      if (!this.tx && this.lastSeq !== this.mainSeq) await this.checkpoint();
    } catch (err) {
      this.log.error(`closing the journal: ${String(err)}`);
    } finally {
      await this.abandon();
    }
  }

  /** Stop without a checkpoint, as a crash would after the last fdatasync (tests use it). */
  async abandon(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pumping?.catch(() => undefined);
    await this.handle?.close().catch(() => undefined);
    this.handle = null;
    releaseLock(this.file);
  }

  /** Bytes of records appended since the journal was opened. */
  journalBytes(): number {
    return this.appendedBytes;
  }

  private wantsCheckpoint(): boolean {
    return this.bytesSinceCheckpoint >= Math.max(this.minBytes, this.ratio * this.snapshotBytes);
  }

  private async runCheckpoint(): Promise<void> {
    // Synchronous, between two statements of nobody's transaction: the snapshot holds exactly the
    // records up to `seq`, and the records after it go to the new segment.
    this.enqueueCommitted();
    const seq = this.lastSeq;
    this.raw.exec(`CREATE TABLE IF NOT EXISTS ${CHECKPOINT_TABLE} (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, at TEXT NOT NULL)`);
    this.raw.exec(`INSERT OR REPLACE INTO ${CHECKPOINT_TABLE} (id, seq, at) VALUES (1, ${seq}, '${new Date().toISOString()}')`);
    // sql.js export closes and reopens the connection, which resets the pragma.
    const bytes = this.raw.export();
    this.raw.exec('PRAGMA foreign_keys = ON');
    this.bytesSinceCheckpoint = 0;
    const rotated = new Promise<void>((done) => this.ops.push({ kind: 'rotate', firstSeq: seq + 1, done }));
    this.pump();

    const tmp = `${this.file}.tmp`;
    const out = await openFile(tmp, 'w');
    try {
      await out.writeFile(bytes);
      await out.sync();
    } finally {
      await out.close();
    }
    await rotated;
    if (this.failed) throw this.failed;
    const hadMain = existsSync(this.file);
    if (hadMain) await rename(this.file, `${this.file}.prev`);
    await rename(tmp, this.file);
    fsyncDir(dirname(this.file));
    if (hadMain) this.prevSeq = this.mainSeq;
    this.mainSeq = seq;
    this.snapshotBytes = bytes.length;

    // A segment may go once the .prev snapshot holds all of its records.
    if (this.prevSeq !== null) {
      const keepAfter = this.prevSeq;
      const obsolete = this.segments.filter((_, i) => i < this.segments.length - 1 && this.segments[i + 1].firstSeq - 1 <= keepAfter);
      for (const s of obsolete) await rm(s.path, { force: true });
      this.segments = this.segments.filter((s) => !obsolete.includes(s));
    }
  }

  private enqueueCommitted(): void {
    if (this.committed.length === 0) return;
    const record: JournalRecord = { s: this.lastSeq + 1, t: Date.now(), q: this.committed };
    this.committed = [];
    const frame = encodeRecord(record);
    this.lastSeq = record.s;
    this.bytesSinceCheckpoint += frame.length;
    this.appendedBytes += frame.length;
    this.ops.push({ kind: 'append', seq: record.s, frame });
  }

  /** The single writer: appends (batched into one write + fdatasync) and segment rotations, in order. */
  private pump(): void {
    if (this.pumping) return;
    this.pumping = this.drain().finally(() => {
      this.pumping = null;
      // Work queued while the last write finished and before this callback ran.
      if (this.ops.length > 0 && !this.failed) this.pump();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.ops.length > 0 && !this.failed) {
        const op = this.ops[0];
        if (op.kind === 'rotate') {
          this.ops.shift();
          await this.handle?.close();
          const segment = { firstSeq: op.firstSeq, path: segmentPath(this.file, op.firstSeq) };
          this.handle = await createSegment(segment.path);
          this.segments.push(segment);
          op.done();
          continue;
        }
        const frames: Buffer[] = [];
        let seq = 0;
        while (this.ops.length > 0 && this.ops[0].kind === 'append') {
          const append = this.ops.shift() as Extract<WriterOp, { kind: 'append' }>;
          frames.push(append.frame);
          seq = append.seq;
        }
        if (!this.handle) throw new Error('the journal is closed');
        await this.handle.write(frames.length === 1 ? frames[0] : Buffer.concat(frames));
        await this.handle.datasync();
        this.durableSeq = seq;
        const done = this.waiters.filter((w) => w.seq <= seq);
        this.waiters = this.waiters.filter((w) => w.seq > seq);
        for (const w of done) w.resolve();
      }
    } catch (err) {
      // Nothing after this point can be made durable in order: fail every waiting and later commit.
      this.failed = err instanceof Error ? err : new Error(String(err));
      this.log.error(`journal write failed, further writes are refused until a restart: ${String(err)}`);
      for (const op of this.ops) if (op.kind === 'rotate') op.done();
      this.ops = [];
      for (const w of this.waiters) w.reject(this.failed);
      this.waiters = [];
    }
  }

  /** Wrap the connection's statement entry points to capture every successful write. */
  private capture(db: Database): void {
    const prepare = db.prepare.bind(db);
    const exec = db.exec.bind(db);
    const run = db.run.bind(db);
    // Parameters are encoded before the statement runs: one that cannot be journaled must not run.
    db.prepare = (sql: string, params?: BindParams) => {
      if (!mayWrite(sql)) return prepare(sql, params);
      let bound = encodeParams(params);
      const statement = prepare(sql, params);
      let executed = false;
      const bind = statement.bind.bind(statement);
      const step = statement.step.bind(statement);
      const reset = statement.reset.bind(statement);
      statement.bind = (values?: BindParams) => {
        bound = encodeParams(values);
        executed = false;
        return bind(values);
      };
      statement.reset = () => {
        executed = false;
        return reset();
      };
      statement.step = () => {
        if (executed) return step();
        const row = this.observe(sql, () => step());
        executed = true;
        this.executed([0, sql, bound], sql);
        return row;
      };
      return statement;
    };
    db.exec = (sql: string, params?: BindParams) => {
      if (!mayWrite(sql)) return exec(sql, params);
      const encoded = encodeParams(params);
      const result = this.observe(sql, () => exec(sql, params));
      this.executed([1, sql, encoded], sql);
      return result;
    };
    db.run = (sql: string, params?: BindParams) => {
      if (!mayWrite(sql)) return run(sql, params);
      const encoded = encodeParams(params);
      const result = this.observe(sql, () => run(sql, params));
      this.executed([2, sql, encoded], sql);
      return result;
    };
  }

  /** Run a write; a failed ROLLBACK still ends the transaction (SQLite may have ended it itself). */
  private observe<T>(sql: string, work: () => T): T {
    try {
      return work();
    } catch (err) {
      if (this.tx && txControl(sql)?.op === 'rollback') this.tx = null;
      throw err;
    }
  }

  private executed(statement: StoredStatement, sql: string): void {
    const control = txControl(sql);
    if (!control && isNondeterministic(sql) && !this.warned.has(sql)) {
      this.warned.add(sql);
      this.log.warn(`journaled SQL uses the clock or random values; replay may differ: ${sql.slice(0, 200)}`);
    }
    const tx = this.tx;
    if (!tx) {
      if (control?.op === 'begin') this.tx = { statements: [statement], writes: 0, savepoints: [], bySavepoint: false };
      else if (control?.op === 'savepoint')
        this.tx = { statements: [statement], writes: 0, savepoints: [control.name.toLowerCase()], bySavepoint: true };
      else this.committed.push(statement);
      return;
    }
    switch (control?.op) {
      case 'rollback':
        this.tx = null;
        return;
      case 'commit':
        tx.statements.push(statement);
        this.commitOpen();
        return;
      case 'savepoint':
        tx.savepoints.push(control.name.toLowerCase());
        break;
      case 'release': {
        const at = tx.savepoints.lastIndexOf(control.name.toLowerCase());
        if (at >= 0) tx.savepoints.length = at;
        if (tx.bySavepoint && tx.savepoints.length === 0) {
          tx.statements.push(statement);
          this.commitOpen();
          return;
        }
        break;
      }
      case 'rollback_to':
        break;
      default:
        tx.writes += 1;
        break;
    }
    tx.statements.push(statement);
  }

  private commitOpen(): void {
    if (!this.tx) return;
    if (this.tx.writes > 0) for (const s of this.tx.statements) this.committed.push(s);
    this.tx = null;
  }
}

function replay(db: Database, record: JournalRecord): void {
  for (const [kind, sql, params] of record.q) {
    const values = decodeParams(params) as BindParams | undefined;
    try {
      if (kind === 1) db.exec(sql, values);
      else if (kind === 2) db.run(sql, values);
      else {
        const statement = db.prepare(sql);
        try {
          if (values) statement.bind(values);
          statement.step();
        } finally {
          statement.free();
        }
      }
    } catch (err) {
      db.close();
      throw new Error(`embedded database journal: replaying record ${record.s} failed at "${sql.slice(0, 120)}": ${String(err)}`);
    }
  }
}

/** Open a snapshot and read its sequence number; throws when it is not a whole SQLite database. */
function loadSnapshot(SQL: SqlJsStatic, path: string): { db: Database; seq: number; bytes: number } {
  const bytes = readFileSync(path);
  if (bytes.length < 100 || !bytes.subarray(0, 16).equals(SQLITE_MAGIC)) throw new Error('not a SQLite file');
  const rawPageSize = bytes.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pages = bytes.readUInt32BE(28);
  // The in-header size is valid when the change counter matches "version valid for".
  if (bytes.readUInt32BE(24) === bytes.readUInt32BE(92) && pages * pageSize !== bytes.length) {
    throw new Error(`truncated: ${bytes.length} bytes, the header says ${pages * pageSize}`);
  }
  const db = new SQL.Database(bytes);
  try {
    const check = db.exec('PRAGMA quick_check');
    const verdict = String(check[0]?.values[0]?.[0] ?? '');
    if (verdict !== 'ok') throw new Error(`quick_check: ${verdict}`);
    const table = db.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${CHECKPOINT_TABLE}'`);
    const seq = table.length ? Number(db.exec(`SELECT seq FROM ${CHECKPOINT_TABLE} WHERE id = 1`)[0]?.values[0]?.[0] ?? 0) : 0;
    if (!Number.isSafeInteger(seq) || seq < 0) throw new Error(`bad checkpoint sequence ${seq}`);
    return { db, seq, bytes: bytes.length };
  } catch (err) {
    db.close();
    throw err;
  }
}

function segmentPath(file: string, firstSeq: number): string {
  return `${file}.journal.${String(firstSeq).padStart(16, '0')}`;
}

function listSegments(file: string): Segment[] {
  const dir = dirname(file);
  const prefix = `${basename(file)}.journal.`;
  return readdirSync(dir)
    .filter((name) => name.startsWith(prefix) && /^\d+$/.test(name.slice(prefix.length)))
    .map((name) => ({ firstSeq: Number(name.slice(prefix.length)), path: join(dir, name) }))
    .sort((a, b) => a.firstSeq - b.firstSeq);
}

/** A new, empty segment (replacing one of the same name, which can hold no readable record). */
async function createSegment(path: string): Promise<FileHandle> {
  const handle = await openFile(path, 'w');
  await handle.write(segmentHeader());
  await handle.sync();
  fsyncDir(dirname(path));
  return handle;
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** One process per data folder: a lock file with the pid, taken over when that process is gone. */
function acquireLock(file: string): void {
  const lock = `${file}.lock`;
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const pid = Number(readFileSync(lock, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
    throw new Error(`the embedded database ${file} is in use by process ${pid} (lock file ${lock})`);
  }
  writeFileSync(lock, String(process.pid));
}

function releaseLock(file: string): void {
  const lock = `${file}.lock`;
  try {
    if (Number(readFileSync(lock, 'utf8').trim()) === process.pid) rmSync(lock, { force: true });
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

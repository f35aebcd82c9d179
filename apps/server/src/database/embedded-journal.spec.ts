import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BindParams, Database } from 'sql.js';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { EmbeddedJournal, type EmbeddedJournalOptions } from './embedded-journal';
import { decodeParams, decodeSegment, encodeParams, mayWrite, txControl } from './journal-format';
import { dataSourceOptions, openDataSource } from './data-source';

/** Run a statement the way TypeORM's sql.js query runner does: prepare, bind, step, free. */
function q(db: Database, sql: string, params?: BindParams): Record<string, unknown>[] {
  const statement = db.prepare(sql);
  try {
    if (params) statement.bind(params);
    const rows: Record<string, unknown>[] = [];
    while (statement.step()) rows.push(statement.getAsObject());
    return rows;
  } finally {
    statement.free();
  }
}

let dir: string;
let file: string;
const open: EmbeddedJournal[] = [];

async function openJournal(options: EmbeddedJournalOptions = {}): Promise<EmbeddedJournal> {
  const journal = await EmbeddedJournal.open(file, options);
  open.push(journal);
  return journal;
}

/** A "kill -9": whatever was fdatasync'ed stays, nothing else happens. */
async function crash(journal: EmbeddedJournal): Promise<void> {
  await journal.abandon();
}

function segments(): string[] {
  return readdirSync(dir)
    .filter((n) => n.includes('.journal.'))
    .sort();
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'union-journal-'));
  file = join(dir, 'union.sqlite');
});

afterEach(async () => {
  for (const j of open.splice(0)) {
    await j.abandon();
    try {
      j.db.close();
    } catch {
      // closed already
    }
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('EmbeddedJournal', () => {
  it('replays committed writes after a crash, parameters of every type intact', async () => {
    const j = await openJournal();
    q(j.db, 'CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT, n REAL, i INTEGER, b BLOB, f INTEGER, z TEXT)');
    await j.commit();
    const blob = new Uint8Array([0, 1, 2, 255, 128]);
    q(j.db, 'BEGIN TRANSACTION');
    q(j.db, 'INSERT INTO t (id, s, n, i, b, f, z) VALUES (?, ?, ?, ?, ?, ?, ?)', [1, '中文 "quoted" \n', 1.5, 2 ** 40, blob, 1, null]);
    q(j.db, 'INSERT INTO t (id, s, b) VALUES (?, ?, ?)', [2, 'buffer', Buffer.from('bytes')]);
    q(j.db, 'UPDATE t SET n = ? WHERE id = ?', [-0.25, 2]);
    q(j.db, 'COMMIT');
    await j.commit();
    j.db.exec('INSERT INTO t (id, s) VALUES (3, ?)', ['via exec']);
    j.db.run('INSERT INTO t (id, s) VALUES (?, ?)', [4, 'via run']);
    await j.commit();
    await crash(j);

    const again = await openJournal();
    // Three commits: the table, the transaction, the two autocommit statements flushed together.
    expect(again.recovery).toMatchObject({ snapshot: 'none', replayed: 3, tornBytes: 0, lastSeq: 3 });
    const rows = q(again.db, 'SELECT * FROM t ORDER BY id');
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatchObject({ id: 1, s: '中文 "quoted" \n', n: 1.5, i: 2 ** 40, f: 1, z: null });
    expect(Array.from(rows[0].b as Uint8Array)).toEqual(Array.from(blob));
    expect(Buffer.from(rows[1].b as Uint8Array).toString()).toBe('bytes');
    expect(rows[1].n).toBe(-0.25);
    expect(rows.map((r) => r.s)).toContain('via exec');
    expect(rows.map((r) => r.s)).toContain('via run');
  });

  it('refuses further writes once the journal cannot be written, and says so (writable: false)', async () => {
    const j = await openJournal();
    q(j.db, 'CREATE TABLE t (id INTEGER PRIMARY KEY)');
    await j.commit();
    expect(j.writable).toBe(true);
    // The disk goes away under the open journal (simulated: its file handle is closed).
    await (j as unknown as { handle: { close: () => Promise<void> } }).handle.close();
    q(j.db, 'INSERT INTO t (id) VALUES (1)');
    await expect(j.commit()).rejects.toBeDefined();
    expect(j.writable).toBe(false);
    await expect(j.commit()).rejects.toBeDefined();
  });

  it('drops a torn tail record (never acknowledged) and keeps going after it', async () => {
    const j = await openJournal();
    q(j.db, 'CREATE TABLE t (id INTEGER PRIMARY KEY)');
    await j.commit();
    for (let id = 1; id <= 3; id += 1) {
      q(j.db, 'INSERT INTO t (id) VALUES (?)', [id]);
      await j.commit();
    }
    await crash(j);
    // The last record was being written when the process died: only part of it reached the disk.
    const last = join(dir, segments()[segments().length - 1]);
    truncateSync(last, readFileSync(last).length - 3);

    const again = await openJournal();
    expect(again.recovery.tornBytes).toBeGreaterThan(0);
    expect(q(again.db, 'SELECT id FROM t ORDER BY id').map((r) => r.id)).toEqual([1, 2]);
    q(again.db, 'INSERT INTO t (id) VALUES (?)', [10]);
    await again.commit();
    await crash(again);

    const third = await openJournal();
    expect(q(third.db, 'SELECT id FROM t ORDER BY id').map((r) => r.id)).toEqual([1, 2, 10]);
    // Garbage after the header of a fresh segment is a torn tail too.
    await crash(third);
    appendFileSync(join(dir, segments()[segments().length - 1]), Buffer.from([9, 0, 0, 0, 1, 2, 3]));
    const fourth = await openJournal();
    expect(q(fourth.db, 'SELECT COUNT(*) AS n FROM t')[0].n).toBe(3);
  });

  it('journals nothing of a rolled-back transaction, and replays savepoints faithfully', async () => {
    const j = await openJournal();
    q(j.db, 'CREATE TABLE t (id INTEGER PRIMARY KEY)');
    await j.commit();
    q(j.db, 'BEGIN TRANSACTION');
    q(j.db, 'INSERT INTO t (id) VALUES (?)', [1]);
    q(j.db, 'ROLLBACK');
    await j.commit();
    q(j.db, 'BEGIN TRANSACTION');
    q(j.db, 'INSERT INTO t (id) VALUES (?)', [2]);
    q(j.db, 'SAVEPOINT typeorm_1');
    q(j.db, 'INSERT INTO t (id) VALUES (?)', [3]);
    q(j.db, 'ROLLBACK TO SAVEPOINT typeorm_1');
    q(j.db, 'RELEASE SAVEPOINT typeorm_1');
    q(j.db, 'COMMIT');
    await j.commit();
    // A transaction that only reads is not journaled either.
    q(j.db, 'BEGIN TRANSACTION');
    q(j.db, 'SELECT * FROM t');
    q(j.db, 'COMMIT');
    await j.commit();
    // A failed statement inside a committed transaction is not journaled (it changed nothing).
    q(j.db, 'BEGIN TRANSACTION');
    expect(() => q(j.db, 'INSERT INTO t (id) VALUES (?)', [2])).toThrow(/UNIQUE/);
    q(j.db, 'INSERT INTO t (id) VALUES (?)', [4]);
    q(j.db, 'COMMIT');
    await j.commit();
    await crash(j);

    const journalText = segments()
      .map((n) => readFileSync(join(dir, n)).toString('latin1'))
      .join('');
    expect(journalText).not.toContain('[1]');
    const records = segments().flatMap((n) => decodeSegment(readFileSync(join(dir, n))).records);
    expect(records).toHaveLength(3);

    const again = await openJournal();
    expect(q(again.db, 'SELECT id FROM t ORDER BY id').map((r) => r.id)).toEqual([2, 4]);
  });

  it('checkpoints: the snapshot records its sequence, older records are not applied twice', async () => {
    const j = await openJournal();
    q(j.db, 'CREATE TABLE t (id INTEGER PRIMARY KEY)');
    await j.commit();
    for (let id = 1; id <= 5; id += 1) {
      q(j.db, 'INSERT INTO t (id) VALUES (?)', [id]);
      await j.commit();
    }
    await j.checkpoint();
    q(j.db, 'INSERT INTO t (id) VALUES (?)', [6]);
    await j.commit();
    await crash(j);
    // The segment with records 1-6 is still there (the snapshot has no .prev yet): replaying
    // INSERTs of ids 1-5 again would fail on the primary key.
    expect(existsSync(file)).toBe(true);
    expect(segments().length).toBeGreaterThanOrEqual(2);

    const again = await openJournal();
    expect(again.recovery).toMatchObject({ snapshot: 'main', snapshotSeq: 6, replayed: 1, lastSeq: 7 });
    expect(q(again.db, 'SELECT COUNT(*) AS n FROM t')[0].n).toBe(6);
    // Foreign keys stay on after a checkpoint (sql.js export reopens the connection).
    await again.checkpoint();
    expect(q(again.db, 'PRAGMA foreign_keys')[0].foreign_keys).toBe(1);
    // Two checkpoints: the old snapshot is kept as .prev, segments it covers are deleted.
    expect(existsSync(`${file}.prev`)).toBe(true);
    await again.close();
    expect(existsSync(`${file}.lock`)).toBe(false);
    const third = await openJournal();
    expect(third.recovery).toMatchObject({ snapshot: 'main', snapshotSeq: 7, replayed: 0 });
  });

  it('checkpoints in the background once the journal outgrows its threshold', async () => {
    const j = await openJournal({ checkpointMinBytes: 2000, checkpointRatio: 0 });
    await j.ready();
    expect(existsSync(file)).toBe(true);
    q(j.db, 'CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)');
    await j.commit();
    for (let id = 1; id <= 20; id += 1) {
      q(j.db, 'INSERT INTO t (id, s) VALUES (?, ?)', [id, 'x'.repeat(200)]);
      await j.commit();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    await crash(j);
    const again = await openJournal();
    expect(again.recovery.snapshotSeq).toBeGreaterThan(5);
    expect(again.recovery.lastSeq).toBe(21);
    expect(q(again.db, 'SELECT COUNT(*) AS n FROM t')[0].n).toBe(20);
  });

  it('recovers from .prev and the journal when the main snapshot is unreadable', async () => {
    const j = await openJournal();
    q(j.db, 'CREATE TABLE t (id INTEGER PRIMARY KEY)');
    await j.commit();
    let id = 0;
    const insert = async (n: number) => {
      for (let k = 0; k < n; k += 1) {
        id += 1;
        q(j.db, 'INSERT INTO t (id) VALUES (?)', [id]);
        await j.commit();
      }
    };
    await insert(3);
    await j.checkpoint();
    await insert(3);
    await j.checkpoint();
    await insert(3);
    await crash(j);
    expect(existsSync(`${file}.prev`)).toBe(true);

    // Damage the main snapshot: a torn copy, as a disk or a hand-made backup might leave it.
    writeFileSync(file, readFileSync(file).subarray(0, 1500));
    const again = await openJournal();
    expect(again.recovery.snapshot).toBe('prev');
    expect(q(again.db, 'SELECT COUNT(*) AS n FROM t')[0].n).toBe(9);
    expect(readdirSync(dir).some((n) => n.startsWith('union.sqlite.corrupt-'))).toBe(true);
    await again.ready();
    await crash(again);
    const third = await openJournal();
    expect(third.recovery.snapshot).toBe('main');
    expect(q(third.db, 'SELECT COUNT(*) AS n FROM t')[0].n).toBe(9);
  });

  it('deletes only the segments .prev covers, across restarts', async () => {
    let id = 0;
    const insert = async (j: EmbeddedJournal, n: number) => {
      for (let k = 0; k < n; k += 1) {
        id += 1;
        q(j.db, 'INSERT INTO t (id) VALUES (?)', [id]);
        await j.commit();
      }
    };
    const first = await openJournal();
    q(first.db, 'CREATE TABLE t (id INTEGER PRIMARY KEY)');
    await first.commit();
    await insert(first, 3);
    await first.checkpoint();
    await insert(first, 3);
    await first.close();
    for (let round = 0; round < 3; round += 1) {
      const j = await openJournal();
      await insert(j, 2);
      await j.checkpoint();
      await insert(j, 2);
      await j.checkpoint();
      await insert(j, 2);
      await crash(j);
      expect(segments().length).toBeLessThanOrEqual(4);
    }
    // The main snapshot lost: .prev and the segments after it still hold everything.
    rmSync(file);
    const recovered = await openJournal();
    expect(recovered.recovery.snapshot).toBe('prev');
    expect(q(recovered.db, 'SELECT COUNT(*) AS n FROM t')[0].n).toBe(id);
  });

  it('refuses to start on an unreadable snapshot with nothing to recover it from, and leaves it in place', async () => {
    writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(5000, 7)]));
    await expect(openJournal()).rejects.toThrow(/unreadable .*refusing to start/);
    expect(existsSync(file)).toBe(true);
  });

  it('refuses to start when acknowledged records cannot be reached', async () => {
    const j = await openJournal();
    q(j.db, 'CREATE TABLE t (id INTEGER PRIMARY KEY)');
    await j.commit();
    await crash(j);
    const j2 = await openJournal();
    q(j2.db, 'INSERT INTO t (id) VALUES (1)');
    await j2.commit();
    await crash(j2);
    // Lose the first segment (the table): record 1 is gone, record 2 exists.
    rmSync(join(dir, segments()[0]));
    await expect(openJournal()).rejects.toThrow(/record 1 is missing/);
  });

  it('refuses to run a write whose parameters it could not journal', async () => {
    const j = await openJournal();
    q(j.db, 'CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)');
    expect(() => q(j.db, 'INSERT INTO t (id, s) VALUES (?, ?)', [1, new Date() as never])).toThrow(/cannot journal/);
    expect(q(j.db, 'SELECT COUNT(*) AS n FROM t')[0].n).toBe(0);
  });

  it('keeps one process per database file', async () => {
    await openJournal();
    writeFileSync(`${file}.lock`, String(process.ppid));
    await expect(openJournal()).rejects.toThrow(/in use by process/);
  });
});

@Entity('notes')
class Note {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 100 })
  text: string;

  @Column({ type: 'blob', nullable: true })
  data: Buffer | null;
}

describe('openDataSource with an embedded file', () => {
  const config = () => ({ url: null, embeddedFile: file, logging: false, embeddedCheckpointBytes: null });
  const options = () => dataSourceOptions(config(), [Note]);

  it('makes every acknowledged commit survive a crash, and a graceful close checkpoints', async () => {
    const ds = await openDataSource(config(), options());
    const repo = ds.getRepository(Note);
    await repo.save(repo.create({ text: 'first', data: Buffer.from([1, 2, 3]) }));
    await expect(
      ds.transaction(async (m) => {
        await m.getRepository(Note).save({ text: 'rolled back', data: null });
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    await ds.transaction(async (m) => {
      await m.getRepository(Note).save({ text: 'second', data: null });
      await m.getRepository(Note).update({ text: 'first' }, { text: 'first, edited' });
    });
    // Crash: the data source is never closed.

    const after = await openDataSource(config(), options());
    const notes = await after.getRepository(Note).find({ order: { id: 'ASC' } });
    expect(notes.map((n) => n.text)).toEqual(['first, edited', 'second']);
    expect(Array.from(notes[0].data ?? [])).toEqual([1, 2, 3]);
    // The rolled-back insert did not take an id: the next one is 3 both live and after a replay.
    const third = await after.getRepository(Note).save({ text: 'third', data: null });
    expect(third.id).toBe(3);
    await after.destroy();
    expect(existsSync(`${file}.lock`)).toBe(false);

    const reopened = await openDataSource(config(), options());
    expect(await reopened.getRepository(Note).count()).toBe(3);
    await reopened.destroy();
  });

  it('keeps the in-memory mode without any file', async () => {
    const ds = await openDataSource(
      { url: null, embeddedFile: null, logging: false, embeddedCheckpointBytes: null },
      dataSourceOptions({ url: null, embeddedFile: null, logging: false, embeddedCheckpointBytes: null }, [Note]),
    );
    await ds.getRepository(Note).save({ text: 'x', data: null });
    await ds.destroy();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('journal format', () => {
  it('stores parameters so that they bind to the same values', () => {
    const params = [
      'a',
      1,
      1.25,
      true,
      null,
      undefined,
      new Uint8Array([7, 8]),
      Buffer.from([9]),
      BigInt(2) ** BigInt(70),
      Number.NaN,
      Infinity,
    ];
    const round = decodeParams(JSON.parse(JSON.stringify(encodeParams(params)))) as unknown[];
    expect(round.slice(0, 6)).toEqual(['a', 1, 1.25, true, null, null]);
    expect(Array.from(round[6] as Uint8Array)).toEqual([7, 8]);
    expect(Array.from(round[7] as Uint8Array)).toEqual([9]);
    expect(round[8]).toBe('1180591620717411303424');
    expect(round[9]).toBeNaN();
    expect(round[10]).toBe(Infinity);
    expect(encodeParams([])).toBeNull();
  });

  it('tells writes and transaction boundaries apart', () => {
    expect(mayWrite('SELECT 1')).toBe(false);
    expect(mayWrite('  select * from x')).toBe(false);
    expect(mayWrite('PRAGMA table_info("users")')).toBe(false);
    expect(mayWrite('PRAGMA foreign_keys = OFF')).toBe(true);
    expect(mayWrite('PRAGMA foreign_keys(0)')).toBe(true);
    expect(mayWrite('PRAGMA foreign_keys')).toBe(false);
    expect(mayWrite('PRAGMA optimize')).toBe(true);
    expect(mayWrite('INSERT INTO t VALUES (1)')).toBe(true);
    expect(mayWrite('WITH x AS (SELECT 1) DELETE FROM t')).toBe(true);
    expect(txControl('BEGIN TRANSACTION')).toEqual({ op: 'begin' });
    expect(txControl('COMMIT')).toEqual({ op: 'commit' });
    expect(txControl('ROLLBACK')).toEqual({ op: 'rollback' });
    expect(txControl('SAVEPOINT typeorm_1')).toEqual({ op: 'savepoint', name: 'typeorm_1' });
    expect(txControl('RELEASE SAVEPOINT typeorm_1')).toEqual({ op: 'release', name: 'typeorm_1' });
    expect(txControl('ROLLBACK TO SAVEPOINT typeorm_1')).toEqual({ op: 'rollback_to', name: 'typeorm_1' });
    expect(txControl('INSERT INTO t VALUES (1)')).toBeNull();
  });
});

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * Where uploaded bytes live: local disk by default, an S3-compatible object store (S3FileStore)
 * when S3_BUCKET is set, so that several server processes share the files.
 */
export interface FileStore {
  /** Store `bytes` under `key`, replacing whatever was there. */
  put(key: string, bytes: Buffer): Promise<void>;
  /** The bytes under `key`, or null when there are none. */
  get(key: string): Promise<Buffer | null>;
  /** Remove `key`; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
}

/** Injection token of the FileStore. */
export const FILE_STORE = Symbol('FILE_STORE');

/** Keys are made by the upload service; anything else (`..`, absolute paths) is refused. */
const KEY = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*(\.[a-z0-9]{1,5})?$/;

/** True for a key the upload service could have made (the stores refuse any other). */
export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

/** Files under one folder, one file per key, written atomically, readable only by the server's user. */
export class LocalDiskFileStore implements FileStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // Write then rename, so a reader never sees half a file.
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, bytes, { mode: 0o600, flag: 'wx' });
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  private pathOf(key: string): string {
    if (!isStorageKey(key)) throw new Error('invalid storage key');
    const path = join(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error('invalid storage key');
    return path;
  }
}

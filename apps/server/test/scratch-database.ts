import { randomBytes } from 'node:crypto';

/** A database of its own on a MySQL/MariaDB server, with the URL to reach it and a way to drop it. */
export interface ScratchDatabase {
  url: string;
  name: string;
  /** Drop it (once; later calls do nothing). */
  drop: () => Promise<void>;
}

/**
 * A fresh database next to the one `serverUrl` names (never that one): each e2e suite, the bench
 * and the browser e2e run on one of their own and drop it at the end. The user needs CREATE/DROP.
 */
export async function scratchDatabase(serverUrl: string, prefix: string): Promise<ScratchDatabase> {
  const mysql = await import('mysql2/promise');
  const base = new URL(serverUrl);
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const connect = () =>
    mysql.createConnection({
      host: base.hostname,
      port: Number(base.port || 3306),
      user: decodeURIComponent(base.username),
      password: decodeURIComponent(base.password),
    });
  const admin = await connect();
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const c = await connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}

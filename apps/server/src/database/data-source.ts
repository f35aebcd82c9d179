import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/configuration';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming.strategy';

/**
 * MySQL/MariaDB (production): schema only through migrations, run at start.
 * Embedded sql.js (quick start, tests without a server): schema synchronised from the entities,
 * persisted to a file under the data folder (or kept in memory when no file is configured).
 */
export function dataSourceOptions(config: AppConfig['database'], dialect: 'mysql' | 'mariadb' = 'mysql'): DataSourceOptions {
  const common = { entities: ENTITIES, namingStrategy: new SnakeNamingStrategy(), logging: config.logging };
  if (config.url) {
    return {
      ...common,
      type: dialect,
      url: config.url,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      synchronize: false,
      migrations: MIGRATIONS,
      migrationsRun: true,
      migrationsTransactionMode: 'each',
      extra: { connectionLimit: 10 },
    };
  }
  if (config.embeddedFile) mkdirSync(dirname(config.embeddedFile), { recursive: true });
  return {
    ...common,
    type: 'sqljs',
    location: config.embeddedFile ?? undefined,
    autoSave: !!config.embeddedFile,
    synchronize: true,
  };
}

/**
 * MySQL and MariaDB report column defaults differently; TypeORM compares schemas correctly only
 * when told which one it talks to, so ask the server.
 */
export async function detectDialect(url: string): Promise<'mysql' | 'mariadb'> {
  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test(String((rows as { version: string }[])[0]?.version)) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/** Options for the configured database, with the MySQL dialect detected. */
export async function resolveDataSourceOptions(config: AppConfig['database']): Promise<DataSourceOptions> {
  return dataSourceOptions(config, config.url ? await detectDialect(config.url) : 'mysql');
}

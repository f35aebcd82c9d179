import { Logger } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';

/** The entity classes the data source maps (the registry is `src/entities.ts`, outside this folder). */
export type EntityList = NonNullable<DataSourceOptions['entities']>;
import type { AppConfig } from '../config/configuration';
import { EmbeddedJournal } from './embedded-journal';
import { setAsideBeforeSynchronize, upgradeEmbeddedData } from './embedded-upgrades';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming.strategy';

/**
 * MySQL/MariaDB (production): schema only through migrations, run at start.
 * Embedded sql.js (quick start, tests without a server): schema synchronised from the entities,
 * kept in memory; `openDataSource` persists it crash-safely (snapshot + write-ahead journal, see
 * embedded-journal.ts) when a file is configured.
 */
export function dataSourceOptions(
  config: AppConfig['database'],
  entities: EntityList,
  dialect: 'mysql' | 'mariadb' = 'mysql',
): DataSourceOptions {
  const common = { entities, namingStrategy: new SnakeNamingStrategy(), logging: config.logging };
  if (config.url) {
    return {
      ...common,
      type: dialect,
      // With read replicas every query still goes to the primary unless it asks for a replica
      // (Db.fromReplica): a page read right after a write must see it.
      ...(config.replicaUrls?.length
        ? {
            replication: {
              master: { url: config.url },
              slaves: config.replicaUrls.map((url) => ({ url })),
              defaultMode: 'master' as const,
            },
          }
        : { url: config.url }),
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      synchronize: false,
      migrations: MIGRATIONS,
      migrationsRun: true,
      migrationsTransactionMode: 'each',
      extra: { connectionLimit: 10 },
      // mysql2 captures a stack trace at every query for its errors' stacks (Error.captureStackTrace
      // per call, a measurable share of a request's CPU); kept only when the queries are logged
      // (DB_LOGGING, for debugging). Errors still carry their codes and the driver's own stack.
      trace: config.logging,
    };
  }
  return { ...common, type: 'sqljs', synchronize: true };
}

/**
 * The initialised data source. With an embedded database file, the database is loaded from its
 * snapshot and journal, and every commit is made durable in the journal before it resolves
 * (instead of TypeORM's autoSave, which rewrites the whole file in place after each commit).
 */
export async function openDataSource(config: AppConfig['database'], resolved: DataSourceOptions): Promise<DataSource> {
  if (resolved.type !== 'sqljs') return new DataSource(resolved).initialize();
  // The schema is synchronised here, after what the synchronisation would drop is set aside.
  const options = { ...resolved, synchronize: false };
  if (!config.embeddedFile) return withEmbeddedUpgrades(await synchronised(await new DataSource(options).initialize()));
  const logger = new Logger('EmbeddedDatabase');
  // A fixed checkpoint threshold in bytes (bench/kill.ts makes checkpoints frequent with it).
  const fixedThreshold = config.embeddedCheckpointBytes ?? undefined;
  const journal = await EmbeddedJournal.open(config.embeddedFile, {
    log: { log: (m) => logger.log(m), warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
    checkpointMinBytes: fixedThreshold,
    checkpointRatio: fixedThreshold ? 0 : undefined,
  });
  const dataSource = new DataSource({ ...options, driver: journal.sqlJsDriver() });
  journal.attachTo(dataSource);
  try {
    await synchronised(await dataSource.initialize());
    await journal.ready();
    await withEmbeddedUpgrades(dataSource);
  } catch (err) {
    await journal.abandon();
    if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    throw err;
  }
  return dataSource;
}

/** The embedded schema synchronised with the entities, once what that would drop is set aside (see embedded-upgrades.ts). */
async function synchronised(dataSource: DataSource): Promise<DataSource> {
  const setAside = await setAsideBeforeSynchronize(dataSource);
  if (setAside.length) new Logger('EmbeddedDatabase').log(`before synchronising the schema: ${setAside.join('; ')}`);
  await dataSource.synchronize();
  return dataSource;
}

/** Move what a data folder of an earlier version holds into today's tables (see embedded-upgrades.ts). */
async function withEmbeddedUpgrades(dataSource: DataSource): Promise<DataSource> {
  const done = await upgradeEmbeddedData(dataSource);
  if (done.length) new Logger('EmbeddedDatabase').log(`upgraded the data of an earlier version: ${done.join('; ')}`);
  return dataSource;
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
export async function resolveDataSourceOptions(config: AppConfig['database'], entities: EntityList): Promise<DataSourceOptions> {
  return dataSourceOptions(config, entities, config.url ? await detectDialect(config.url) : 'mysql');
}

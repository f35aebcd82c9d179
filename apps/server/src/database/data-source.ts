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
export function dataSourceOptions(config: AppConfig['database']): DataSourceOptions {
  const common = { entities: ENTITIES, namingStrategy: new SnakeNamingStrategy(), logging: config.logging };
  if (config.url) {
    return {
      ...common,
      type: 'mysql',
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

import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from './app.factory';
import { loadConfig, REPO_ROOT } from './config/configuration';
import { ENTITIES } from './entities';
import { openDataSource, resolveDataSourceOptions } from './database/data-source';

/**
 * Database commands:
 *   migrate            run pending migrations on MySQL, or bring the embedded database file up to
 *                      the entities (both are also done at every start)
 *   seed               create the demo county if the database is empty
 *   generate <Name>    write a migration with the difference between entities and the database
 */
async function main(): Promise<void> {
  const [command, name] = process.argv.slice(2);
  const config = loadConfig();
  if (command === 'migrate') {
    // openDataSource: on the embedded database the schema change goes through its journal into the file.
    const ds = await openDataSource(config.database, await resolveDataSourceOptions(config.database, ENTITIES));
    await ds.destroy();
    return;
  }
  if (command === 'seed') {
    const app = await createApp({ ...config, app: { ...config.app, demoMode: true } });
    await app.close();
    return;
  }
  if (command === 'generate') {
    if (!config.database.url || !name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
      throw new Error('usage: DATABASE_URL=mysql://... db:migration:generate -- <PascalCaseName>');
    }
    const ds = await new DataSource({ ...(await resolveDataSourceOptions(config.database, ENTITIES)), migrationsRun: true }).initialize();
    const sql = await ds.driver.createSchemaBuilder().log();
    await ds.destroy();
    if (sql.upQueries.length === 0) {
      process.stdout.write('entities and migrations agree; nothing to generate\n');
      return;
    }
    const stamp = Date.now();
    const esc = (q: string) => q.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
    const up = sql.upQueries.map((q) => `    await queryRunner.query(\`${esc(q.query)}\`);`).join('\n');
    const down = [...sql.downQueries]
      .reverse()
      .map((q) => `    await queryRunner.query(\`${esc(q.query)}\`);`)
      .join('\n');
    const file = join(REPO_ROOT, 'apps/server/src/database/migrations', `${stamp}-${name}.ts`);
    writeFileSync(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';\n\nexport class ${name}${stamp} implements MigrationInterface {\n  name = '${name}${stamp}';\n\n  async up(queryRunner: QueryRunner): Promise<void> {\n${up}\n  }\n\n  async down(queryRunner: QueryRunner): Promise<void> {\n${down}\n  }\n}\n`,
    );
    process.stdout.write(`wrote ${file}; add it to migrations/index.ts\n`);
    return;
  }
  throw new Error(`unknown command "${command ?? ''}" (migrate | seed | generate <Name>)`);
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});

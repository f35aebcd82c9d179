import type { HardshipStatistics, LegalStatistics } from '@union/shared';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/database/data-source';
import { ENTITIES } from '../src/entities';
import { aHardshipCase } from './factories';
import { today } from './hardship-fixtures';
import { ON_MYSQL, startTestApp, type TestApp } from './harness';
import { scratchDatabase, type ScratchDatabase } from './scratch-database';

/**
 * With DATABASE_REPLICA_URLS the statistics read from a replica and everything else from the
 * primary. Proved with a "replica" that is a second, empty database of the same schema: the
 * statistics come back empty while the primary's records are there (MySQL/MariaDB only).
 */
(ON_MYSQL ? describe : describe.skip)('read replicas (e2e over HTTP, MySQL/MariaDB)', () => {
  let t: TestApp;
  let replica: ScratchDatabase;

  beforeAll(async () => {
    replica = await scratchDatabase(process.env.DATABASE_URL as string, 'union_replica');
    // The replica's schema, by the same migrations (a real replica gets it from the primary).
    const ds = await new DataSource(dataSourceOptions({ url: replica.url, logging: false } as never, ENTITIES)).initialize();
    await ds.destroy();
    t = await startTestApp({ DATABASE_REPLICA_URLS: replica.url });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await replica?.drop();
  });

  it('reads the statistics from the replica and the records from the primary', async () => {
    const { application, staff } = await aHardshipCase(t, { state: 'home_visit' });
    // The record and its case are on the primary, read back right after the write.
    expect((await t.http('GET', `/hardship/applications/${application.id}`, { token: staff.grassroots })).status).toBe(200);
    const [{ n }] = (await t.app
      .get(DataSource)
      .query("SELECT COUNT(*) AS n FROM workflow_cases WHERE case_type = 'hardship_application' AND submitted_at >= ?", [
        new Date(`${today().slice(0, 4)}-01-01T00:00:00+08:00`),
      ])) as { n: string }[];
    expect(Number(n)).toBeGreaterThan(0);
    // The statistics come from the (empty) replica.
    // A period that holds the application just made (the primary would count it).
    const period = `from=${today().slice(0, 4)}-01-01&to=${today()}`;
    const hardship = await t.http<HardshipStatistics>('GET', `/hardship/statistics?${period}`, { token: staff.county });
    expect(hardship.status).toBe(200);
    expect(hardship.body.applications.submitted).toBe(0);
    expect(hardship.body.aid.totalFen).toBe(0);
    const legal = await t.http<LegalStatistics>('GET', '/legal/statistics', { token: await t.loginAs('legal_staff', '县总工会') });
    expect(legal.status).toBe(200);
  });
});

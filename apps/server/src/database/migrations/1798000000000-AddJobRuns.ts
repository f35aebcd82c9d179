import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scheduled jobs run once per period across every server process: their leases and outcomes. */
export class AddJobRuns1798000000000 implements MigrationInterface {
  name = 'AddJobRuns1798000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `job_runs` (`name` varchar(60) NOT NULL, `lease_owner` varchar(36) NULL, `lease_until` datetime(3) NULL, `next_run_at` datetime(3) NOT NULL, `last_started_at` datetime(3) NULL, `last_succeeded_at` datetime(3) NULL, `last_outcome` varchar(200) NULL, `runs` int NOT NULL DEFAULT '0', `failures` int NOT NULL DEFAULT '0', `consecutive_failures` int NOT NULL DEFAULT '0', PRIMARY KEY (`name`)) ENGINE=InnoDB",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `job_runs`');
  }
}

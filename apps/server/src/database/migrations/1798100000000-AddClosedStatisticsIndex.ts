import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cases of a type closed in a period, for the statistics (legal aid's closed cases), from an index instead of a scan. */
export class AddClosedStatisticsIndex1798100000000 implements MigrationInterface {
  name = 'AddClosedStatisticsIndex1798100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `idx_cases_type_closed` ON `workflow_cases` (`case_type`, `closed_at`, `organization_path`, `state`)',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_cases_type_closed` ON `workflow_cases`');
  }
}

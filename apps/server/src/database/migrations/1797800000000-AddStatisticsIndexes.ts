import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the statistics of a period (the half-year report): cases of a type by submission
 * time (counted by state in a subtree from the index alone), steps of a kind by time, aid by
 * approval time, household files by filing time.
 */
export class AddStatisticsIndexes1797800000000 implements MigrationInterface {
  name = 'AddStatisticsIndexes1797800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `idx_cases_type_submitted` ON `workflow_cases` (`case_type`, `submitted_at`, `organization_path`, `state`)',
    );
    await queryRunner.query('CREATE INDEX `idx_case_history_action` ON `case_history` (`action`, `created_at`, `case_id`)');
    await queryRunner.query('CREATE INDEX `idx_assistance_approved` ON `hardship_assistance_records` (`approved_at`, `id`)');
    await queryRunner.query('CREATE INDEX `idx_hardship_files_filed` ON `hardship_files` (`filed_at`, `organization_path`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_hardship_files_filed` ON `hardship_files`');
    await queryRunner.query('DROP INDEX `idx_assistance_approved` ON `hardship_assistance_records`');
    await queryRunner.query('DROP INDEX `idx_case_history_action` ON `case_history`');
    await queryRunner.query('DROP INDEX `idx_cases_type_submitted` ON `workflow_cases`');
  }
}

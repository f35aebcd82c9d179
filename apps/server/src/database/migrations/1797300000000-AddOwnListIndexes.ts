import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for lists that are now paged by keyset instead of cut off: a worker's own grant
 * applications (newest first), a worker's own online consultations (latest activity first: the
 * applicant index gains the last message's time, so the old one on the applicant and id goes), and
 * the aid records of a page of campaigns.
 */
export class AddOwnListIndexes1797300000000 implements MigrationInterface {
  name = 'AddOwnListIndexes1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX `idx_grant_applications_applicant` ON `hardship_grant_applications` (`applicant_user_id`, `id`)');
    await queryRunner.query('CREATE INDEX `idx_assistance_campaign` ON `hardship_assistance_records` (`campaign_id`, `id`)');
    await queryRunner.query('CREATE INDEX `idx_legal_threads_applicant_last` ON `legal_threads` (`applicant_user_id`, `last_at`, `id`)');
    await queryRunner.query('DROP INDEX `idx_legal_threads_applicant` ON `legal_threads`');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX `idx_legal_threads_applicant` ON `legal_threads` (`applicant_user_id`, `id`)');
    await queryRunner.query('DROP INDEX `idx_legal_threads_applicant_last` ON `legal_threads`');
    await queryRunner.query('DROP INDEX `idx_assistance_campaign` ON `hardship_assistance_records`');
    await queryRunner.query('DROP INDEX `idx_grant_applications_applicant` ON `hardship_grant_applications`');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outbox sender claims a batch of due rows in one statement and reads back the rows it got by
 * the pass's token (`claim_token`), instead of one claiming statement per row.
 */
export class AddOutboxClaimToken1797700000000 implements MigrationInterface {
  name = 'AddOutboxClaimToken1797700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `outbox` ADD `claim_token` varchar(36) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `outbox` DROP COLUMN `claim_token`');
  }
}

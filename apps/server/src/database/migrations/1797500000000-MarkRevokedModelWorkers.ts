import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A model worker whose title is revoked leaves the registry of current model workers but keeps their
 * row and care records: `model_workers` gains when and why it was revoked. Model workers of
 * nominations revoked before are marked with the time of the revoking step and its reason.
 */
export class MarkRevokedModelWorkers1797500000000 implements MigrationInterface {
  name = 'MarkRevokedModelWorkers1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `model_workers` ADD `revoked_at` datetime(3) NULL, ADD `revoked_reason` varchar(500) NULL');
    await queryRunner.query(
      `UPDATE model_workers w JOIN honour_nominations n ON n.id = w.nomination_id JOIN workflow_cases c ON c.id = n.case_id
       SET w.revoked_at = COALESCE((SELECT MAX(h.created_at) FROM case_history h WHERE h.case_id = c.id AND h.action = 'revoke'), c.updated_at),
           w.revoked_reason = n.revoked_reason
       WHERE c.state = 'revoked'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `model_workers` DROP COLUMN `revoked_reason`, DROP COLUMN `revoked_at`');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { openLegacyEntryCases, setCaseIds } from './legacy-cases';

/**
 * A competition entry's life (registered, checked in, withdrawn) moves onto the workflow engine as a
 * `competition_entry` case (see openLegacyEntryCases); the check-in time lives in the case
 * (`closed_at`), not in `competition_entries.checked_in_at`.
 */
export class AddEntryCases1797100000000 implements MigrationInterface {
  name = 'AddEntryCases1797100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const caseIds = await openLegacyEntryCases((sql, params) => queryRunner.query(sql, params), '`competition_entries`');
    await queryRunner.query('ALTER TABLE `competition_entries` ADD `case_id` int NULL');
    await setCaseIds((sql, params) => queryRunner.query(sql, params), 'competition_entries', caseIds);
    await queryRunner.query(
      'ALTER TABLE `competition_entries` MODIFY `case_id` int NOT NULL, ADD UNIQUE INDEX `IDX_55fb868b720ee530762167ba52` (`case_id`), DROP COLUMN `checked_in_at`',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `competition_entries` ADD `checked_in_at` datetime(3) NULL');
    await queryRunner.query(
      "UPDATE `competition_entries` e JOIN `workflow_cases` c ON c.`id` = e.`case_id` SET e.`checked_in_at` = CASE WHEN c.`state` = 'checked_in' THEN c.`closed_at` END",
    );
    await queryRunner.query('ALTER TABLE `competition_entries` DROP INDEX `IDX_55fb868b720ee530762167ba52`, DROP COLUMN `case_id`');
    await queryRunner.query(
      "DELETE h FROM `case_history` h JOIN `workflow_cases` c ON c.`id` = h.`case_id` WHERE c.`case_type` = 'competition_entry'",
    );
    await queryRunner.query("DELETE FROM `workflow_cases` WHERE `case_type` = 'competition_entry'");
  }
}

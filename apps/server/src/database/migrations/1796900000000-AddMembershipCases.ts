import type { MigrationInterface, QueryRunner } from 'typeorm';
import { openLegacyMembershipCases, setCaseIds } from './legacy-cases';

/**
 * A membership's life (joining, leaving) moves onto the workflow engine as a `membership` case:
 * every member gets their case with its history (see openLegacyMembershipCases); the time the
 * member left lives in the case (`closed_at`), not in `members.withdrawn_at`.
 */
export class AddMembershipCases1796900000000 implements MigrationInterface {
  name = 'AddMembershipCases1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const caseIds = await openLegacyMembershipCases((sql, params) => queryRunner.query(sql, params), '`members`');
    await queryRunner.query('ALTER TABLE `members` ADD `case_id` int NULL');
    await setCaseIds((sql, params) => queryRunner.query(sql, params), 'members', caseIds);
    await queryRunner.query(
      'ALTER TABLE `members` MODIFY `case_id` int NOT NULL, ADD UNIQUE INDEX `IDX_c1d9995745a11e0a6fd10b503f` (`case_id`), DROP COLUMN `withdrawn_at`',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `members` ADD `withdrawn_at` datetime(3) NULL');
    await queryRunner.query(
      "UPDATE `members` m JOIN `workflow_cases` c ON c.`id` = m.`case_id` SET m.`withdrawn_at` = CASE WHEN c.`state` = 'withdrawn' THEN c.`closed_at` END",
    );
    await queryRunner.query('ALTER TABLE `members` DROP INDEX `IDX_c1d9995745a11e0a6fd10b503f`, DROP COLUMN `case_id`');
    await queryRunner.query(
      "DELETE h FROM `case_history` h JOIN `workflow_cases` c ON c.`id` = h.`case_id` WHERE c.`case_type` = 'membership'",
    );
    await queryRunner.query("DELETE FROM `workflow_cases` WHERE `case_type` = 'membership'");
  }
}

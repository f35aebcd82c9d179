import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A legal-aid case's lawyer and closing time, and an online consultation's lawyer, live in the
 * workflow case (its assignee and `closed_at`), not in a copy beside it. The case already holds
 * them (every assignment and closing wrote both); a case without an assignee takes the copy's.
 */
export class DropLawyerCopies1796700000000 implements MigrationInterface {
  name = 'DropLawyerCopies1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['legal_aid_applications', 'legal_threads']) {
      await queryRunner.query(
        `UPDATE \`workflow_cases\` c JOIN \`${table}\` d ON d.\`case_id\` = c.\`id\` SET c.\`assignee_user_id\` = d.\`lawyer_user_id\` WHERE c.\`assignee_user_id\` IS NULL AND d.\`lawyer_user_id\` IS NOT NULL`,
      );
    }
    await queryRunner.query(
      "UPDATE `workflow_cases` c JOIN `legal_aid_applications` d ON d.`case_id` = c.`id` SET c.`closed_at` = d.`closed_at` WHERE c.`closed_at` IS NULL AND d.`closed_at` IS NOT NULL AND c.`state` = 'closed'",
    );
    await queryRunner.query('DROP INDEX `idx_legal_aid_lawyer_clock` ON `legal_aid_applications`');
    await queryRunner.query(
      'ALTER TABLE `legal_aid_applications` DROP COLUMN `lawyer_user_id`, DROP COLUMN `lawyer_name`, DROP COLUMN `closed_at`',
    );
    await queryRunner.query('DROP INDEX `idx_legal_threads_lawyer` ON `legal_threads`');
    await queryRunner.query('ALTER TABLE `legal_threads` DROP COLUMN `lawyer_user_id`');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `legal_threads` ADD `lawyer_user_id` int NULL');
    await queryRunner.query(
      'UPDATE `legal_threads` d JOIN `workflow_cases` c ON c.`id` = d.`case_id` SET d.`lawyer_user_id` = c.`assignee_user_id`',
    );
    await queryRunner.query('CREATE INDEX `idx_legal_threads_lawyer` ON `legal_threads` (`lawyer_user_id`, `id`)');
    await queryRunner.query(
      'ALTER TABLE `legal_aid_applications` ADD `lawyer_user_id` int NULL, ADD `lawyer_name` varchar(50) NULL, ADD `closed_at` datetime(3) NULL',
    );
    await queryRunner.query(
      "UPDATE `legal_aid_applications` d JOIN `workflow_cases` c ON c.`id` = d.`case_id` LEFT JOIN `users` u ON u.`id` = c.`assignee_user_id` SET d.`lawyer_user_id` = c.`assignee_user_id`, d.`lawyer_name` = u.`display_name`, d.`closed_at` = CASE WHEN c.`state` = 'closed' THEN c.`closed_at` END",
    );
    await queryRunner.query(
      'CREATE INDEX `idx_legal_aid_lawyer_clock` ON `legal_aid_applications` (`lawyer_user_id`, `next_clock_due_on`, `id`)',
    );
  }
}

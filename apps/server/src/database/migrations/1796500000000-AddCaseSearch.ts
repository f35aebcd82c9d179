import { maskName } from '@union/shared';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff's case search reads `workflow_cases` alone: each case keeps its applicant's name masked
 * (张*) and, when the form gave one, the blind index of their ID. Existing cases get the masked
 * display name of their applicant, and membership applications the ID index they were filed with;
 * other old cases are found by ID through the applicant's member record.
 */
export class AddCaseSearch1796500000000 implements MigrationInterface {
  name = 'AddCaseSearch1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `workflow_cases` ADD `applicant_name_masked` varchar(50) NOT NULL DEFAULT '', ADD `applicant_id_index` varchar(64) NULL",
    );
    const users = (await queryRunner.query(
      'SELECT DISTINCT u.`id` AS id, u.`display_name` AS name FROM `users` u JOIN `workflow_cases` c ON c.`applicant_user_id` = u.`id`',
    )) as { id: number; name: string }[];
    // A few hundred users per statement, not one statement per case.
    for (let i = 0; i < users.length; i += 500) {
      const chunk = users.slice(i, i + 500);
      await queryRunner.query(
        `UPDATE \`workflow_cases\` SET \`applicant_name_masked\` = CASE \`applicant_user_id\` ${chunk.map(() => 'WHEN ? THEN ?').join(' ')} END WHERE \`applicant_user_id\` IN (${chunk.map(() => '?').join(', ')})`,
        [...chunk.flatMap((u) => [u.id, maskName(u.name).slice(0, 50)]), ...chunk.map((u) => u.id)],
      );
    }
    await queryRunner.query(
      "UPDATE `workflow_cases` SET `applicant_name_masked` = LEFT(`title`, 50), `applicant_id_index` = (SELECT a.`id_number_index` FROM `membership_applications` a WHERE a.`case_id` = `workflow_cases`.`id`) WHERE `case_type` = 'membership_application'",
    );
    await queryRunner.query('CREATE INDEX `idx_cases_org` ON `workflow_cases` (`organization_path`, `id`)');
    await queryRunner.query('CREATE INDEX `idx_cases_applicant_name` ON `workflow_cases` (`applicant_name_masked`, `id`)');
    await queryRunner.query('CREATE INDEX `idx_cases_applicant_id` ON `workflow_cases` (`applicant_id_index`, `id`)');
    await queryRunner.query('CREATE INDEX `idx_cases_due` ON `workflow_cases` (`due_at`, `id`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of ['idx_cases_due', 'idx_cases_applicant_id', 'idx_cases_applicant_name', 'idx_cases_org']) {
      await queryRunner.query(`DROP INDEX \`${index}\` ON \`workflow_cases\``);
    }
    await queryRunner.query('ALTER TABLE `workflow_cases` DROP COLUMN `applicant_id_index`, DROP COLUMN `applicant_name_masked`');
  }
}

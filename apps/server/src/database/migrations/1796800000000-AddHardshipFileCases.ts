import type { MigrationInterface, QueryRunner } from 'typeorm';
import { openLegacyFileCases, setCaseIds } from './legacy-cases';

/**
 * A household file's life after filing (re-checks, closing, the follow-up) moves onto the workflow
 * engine as a `hardship_file` case: every file gets its case with its state, due instant, version
 * and history (see openLegacyFileCases); the file keeps only what it is (household, category,
 * close reason). The lifecycle columns and `hardship_file_events` go.
 */
export class AddHardshipFileCases1796800000000 implements MigrationInterface {
  name = 'AddHardshipFileCases1796800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const caseIds = await openLegacyFileCases((sql, params) => queryRunner.query(sql, params), '`hardship_files`');
    await queryRunner.query('ALTER TABLE `hardship_files` ADD `case_id` int NULL');
    await setCaseIds((sql, params) => queryRunner.query(sql, params), 'hardship_files', caseIds);
    await queryRunner.query('ALTER TABLE `hardship_files` MODIFY `case_id` int NOT NULL');
    await queryRunner.query('ALTER TABLE `hardship_files` ADD UNIQUE INDEX `IDX_d1d49d0bdf8dbfb142c2eb9df2` (`case_id`)');
    for (const index of ['idx_hardship_files_recheck', 'idx_hardship_files_scope', 'idx_hardship_files_follow_up']) {
      await queryRunner.query(`DROP INDEX \`${index}\` ON \`hardship_files\``);
    }
    await queryRunner.query(
      'ALTER TABLE `hardship_files` DROP COLUMN `status`, DROP COLUMN `version`, DROP COLUMN `recheck_due_at`, DROP COLUMN `closed_at`, DROP COLUMN `close_note`, DROP COLUMN `follow_up_due_at`',
    );
    await queryRunner.query('CREATE INDEX `idx_hardship_files_scope` ON `hardship_files` (`organization_path`, `id`)');
    await queryRunner.query('DROP TABLE `hardship_file_events`');
  }

  /**
   * The columns and the events come back from the cases. Lossy only in the events' separate
   * category and reason fields: their words stay in the note (the step's comment).
   */
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `hardship_file_events` (`id` int NOT NULL AUTO_INCREMENT, `file_id` int NOT NULL, `outcome` varchar(20) NOT NULL, `category` varchar(12) NULL, `close_reason` varchar(12) NULL, `note` varchar(500) NOT NULL, `actor_user_id` int NOT NULL, `actor_name` varchar(80) NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `idx_hardship_file_events_file` (`file_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      "INSERT INTO `hardship_file_events` (`file_id`, `outcome`, `category`, `close_reason`, `note`, `actor_user_id`, `actor_name`, `created_at`) SELECT f.`id`, h.`action`, NULL, NULL, COALESCE(h.`comment`, ''), h.`actor_user_id`, h.`actor_name`, h.`created_at` FROM `case_history` h JOIN `hardship_files` f ON f.`case_id` = h.`case_id` WHERE h.`action` IN ('keep', 'change_category', 'close', 'follow_up') ORDER BY h.`id`",
    );
    await queryRunner.query('DROP INDEX `idx_hardship_files_scope` ON `hardship_files`');
    await queryRunner.query(
      "ALTER TABLE `hardship_files` ADD `status` varchar(10) NOT NULL DEFAULT 'active', ADD `version` int NOT NULL DEFAULT 1, ADD `recheck_due_at` datetime(3) NULL, ADD `closed_at` datetime(3) NULL, ADD `close_note` varchar(500) NULL, ADD `follow_up_due_at` datetime(3) NULL",
    );
    await queryRunner.query(
      "UPDATE `hardship_files` f JOIN `workflow_cases` c ON c.`id` = f.`case_id` SET f.`status` = CASE WHEN c.`state` = 'active' THEN 'active' ELSE 'closed' END, f.`version` = c.`version`, f.`recheck_due_at` = CASE WHEN c.`state` = 'active' THEN c.`due_at` ELSE f.`filed_at` END, f.`follow_up_due_at` = CASE WHEN c.`state` = 'exited' THEN c.`due_at` END",
    );
    await queryRunner.query(
      "UPDATE `hardship_files` f JOIN `hardship_file_events` e ON e.`file_id` = f.`id` AND e.`outcome` = 'close' SET f.`closed_at` = e.`created_at`, f.`close_note` = e.`note`",
    );
    await queryRunner.query('UPDATE `hardship_files` SET `recheck_due_at` = `filed_at` WHERE `recheck_due_at` IS NULL');
    await queryRunner.query(
      'ALTER TABLE `hardship_files` MODIFY `status` varchar(10) NOT NULL, MODIFY `recheck_due_at` datetime(3) NOT NULL, DROP INDEX `IDX_d1d49d0bdf8dbfb142c2eb9df2`, DROP COLUMN `case_id`',
    );
    await queryRunner.query(
      "DELETE h FROM `case_history` h JOIN `workflow_cases` c ON c.`id` = h.`case_id` WHERE c.`case_type` = 'hardship_file'",
    );
    await queryRunner.query("DELETE FROM `workflow_cases` WHERE `case_type` = 'hardship_file'");
    await queryRunner.query('CREATE INDEX `idx_hardship_files_scope` ON `hardship_files` (`organization_path`, `status`, `id`)');
    await queryRunner.query('CREATE INDEX `idx_hardship_files_recheck` ON `hardship_files` (`status`, `recheck_due_at`, `id`)');
    await queryRunner.query('CREATE INDEX `idx_hardship_files_follow_up` ON `hardship_files` (`status`, `follow_up_due_at`, `id`)');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { openLegacyObjectionCases, setCaseIds } from './legacy-cases';

const TYPES = "('hardship_objection', 'competition_objection', 'nomination_objection')";

/**
 * Each objection to a public notice becomes a case of its own (`hardship_objection`,
 * `competition_objection`, `nomination_objection`): `case_id` is now the objection's case and
 * `notice_case_id` the case on notice; whether it is open, who answered it and when are the case's
 * state, history and closing time, so `status`, `resolved_by_user_id` and `resolved_at` go.
 */
export class AddObjectionCases1797400000000 implements MigrationInterface {
  name = 'AddObjectionCases1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const query = (sql: string, params?: unknown[]) => queryRunner.query(sql, params);
    await query('ALTER TABLE `notice_objections` ADD `notice_case_id` int NULL');
    await query('UPDATE `notice_objections` SET `notice_case_id` = `case_id`');
    await setCaseIds(query, 'notice_objections', await openLegacyObjectionCases(query, 'notice_objections'));
    await query('DROP INDEX `idx_notice_objections_case` ON `notice_objections`');
    await query('ALTER TABLE `notice_objections` DROP COLUMN `status`, DROP COLUMN `resolved_by_user_id`, DROP COLUMN `resolved_at`');
    await query('ALTER TABLE `notice_objections` MODIFY `notice_case_id` int NOT NULL');
    await query('CREATE INDEX `idx_notice_objections_notice` ON `notice_objections` (`notice_case_id`, `id`)');
    await query('CREATE UNIQUE INDEX `uq_notice_objections_case` ON `notice_objections` (`case_id`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "ALTER TABLE `notice_objections` ADD `status` varchar(10) NOT NULL DEFAULT 'open', ADD `resolved_by_user_id` int NULL, ADD `resolved_at` datetime(3) NULL",
    );
    await queryRunner.query(
      `UPDATE notice_objections o JOIN workflow_cases c ON c.id = o.case_id
       SET o.status = IF(c.state = 'open', 'open', 'resolved'), o.resolved_at = c.closed_at,
           o.resolved_by_user_id = NULLIF((SELECT h.actor_user_id FROM case_history h WHERE h.case_id = c.id AND h.action = 'resolve' ORDER BY h.id DESC LIMIT 1), 0)`,
    );
    await queryRunner.query('ALTER TABLE `notice_objections` ALTER `status` DROP DEFAULT');
    await queryRunner.query(`DELETE FROM case_history WHERE case_id IN (SELECT id FROM workflow_cases WHERE case_type IN ${TYPES})`);
    await queryRunner.query(`DELETE FROM workflow_cases WHERE case_type IN ${TYPES}`);
    await queryRunner.query('DROP INDEX `uq_notice_objections_case` ON `notice_objections`');
    await queryRunner.query('DROP INDEX `idx_notice_objections_notice` ON `notice_objections`');
    await queryRunner.query('UPDATE `notice_objections` SET `case_id` = `notice_case_id`');
    await queryRunner.query('ALTER TABLE `notice_objections` DROP COLUMN `notice_case_id`');
    await queryRunner.query('CREATE INDEX `idx_notice_objections_case` ON `notice_objections` (`case_id`, `status`, `id`)');
  }
}

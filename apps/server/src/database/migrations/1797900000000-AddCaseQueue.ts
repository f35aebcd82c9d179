import type { MigrationInterface, QueryRunner } from 'typeorm';
import { rebuildCaseQueue } from './case-queue-rows';

/**
 * The staff's work queues kept flat at any size: `case_queue` holds a row per waiting case and per
 * organisation on its path, keyed in queue order (organisation, type, step, deadline, case), filled
 * from the cases waiting now; `case_queue_counts` keeps how many wait in each queue (split over 8
 * rows by case id, so that steps at once do not queue for one row).
 */
export class AddCaseQueue1797900000000 implements MigrationInterface {
  name = 'AddCaseQueue1797900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `case_queue` (`organization_id` int NOT NULL, `case_type` varchar(40) NOT NULL, `state` varchar(40) NOT NULL, `due_at` datetime(3) NOT NULL, `case_id` int NOT NULL, `applicant_user_id` int NOT NULL, `assignee_user_id` int NULL, INDEX `idx_case_queue_case` (`case_id`), INDEX `idx_case_queue_assignee` (`assignee_user_id`, `case_type`, `state`, `due_at`, `case_id`), PRIMARY KEY (`organization_id`, `case_type`, `state`, `due_at`, `case_id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE INDEX `idx_case_queue_applicant` ON `case_queue` (`applicant_user_id`, `organization_id`, `case_type`, `state`)',
    );
    await queryRunner.query(
      "CREATE TABLE `case_queue_counts` (`organization_id` int NOT NULL, `case_type` varchar(40) NOT NULL, `state` varchar(40) NOT NULL, `shard` int NOT NULL, `waiting` int NOT NULL DEFAULT '0', PRIMARY KEY (`organization_id`, `case_type`, `state`, `shard`)) ENGINE=InnoDB",
    );
    await rebuildCaseQueue((sql, params) => queryRunner.query(sql, params), 'mysql');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `case_queue_counts`');
    await queryRunner.query('DROP TABLE `case_queue`');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { moveLegacyObjections } from './legacy-cases';

const OLD = ['hardship_notice_objections', 'competition_objections', 'nomination_objections'];

/**
 * One table for the objections to every public notice (`notice_objections`, the notices module),
 * instead of one per domain: each objection points at the case on notice.
 */
export class MoveObjectionsToNotices1797000000000 implements MigrationInterface {
  name = 'MoveObjectionsToNotices1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `notice_objections` (`id` int NOT NULL AUTO_INCREMENT, `case_id` int NOT NULL, `item_id` int NULL, `channel` varchar(12) NOT NULL, `content` varchar(1000) NOT NULL, `status` varchar(10) NOT NULL, `received_by_user_id` int NOT NULL, `received_at` datetime(3) NOT NULL, `resolution` varchar(1000) NULL, `upheld` tinyint NULL, `resolved_by_user_id` int NULL, `resolved_at` datetime(3) NULL, INDEX `idx_notice_objections_case` (`case_id`, `status`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await moveLegacyObjections((sql, params) => queryRunner.query(sql, params), new Set(OLD));
    for (const table of OLD) await queryRunner.query(`DROP TABLE \`${table}\``);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `hardship_notice_objections` (`id` int NOT NULL AUTO_INCREMENT, `notice_id` int NOT NULL, `application_id` int NOT NULL, `channel` varchar(12) NOT NULL, `content` varchar(1000) NOT NULL, `status` varchar(10) NOT NULL, `received_by_user_id` int NOT NULL, `received_at` datetime(3) NOT NULL, `resolution` varchar(1000) NULL, `upheld` tinyint NULL, `resolved_by_user_id` int NULL, `resolved_at` datetime(3) NULL, INDEX `idx_notice_objections_notice` (`notice_id`, `status`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `competition_objections` (`id` int NOT NULL AUTO_INCREMENT, `competition_id` int NOT NULL, `entry_id` int NULL, `user_id` int NOT NULL, `content` varchar(500) NOT NULL, `resolution` varchar(500) NULL, `created_at` datetime(3) NOT NULL, `resolved_at` datetime(3) NULL, INDEX `idx_competition_objections` (`competition_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `nomination_objections` (`id` int NOT NULL AUTO_INCREMENT, `nomination_id` int NOT NULL, `user_id` int NOT NULL, `content` varchar(500) NOT NULL, `resolution` varchar(500) NULL, `created_at` datetime(3) NOT NULL, `resolved_at` datetime(3) NULL, INDEX `idx_nomination_objections` (`nomination_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'INSERT INTO `hardship_notice_objections` (`id`, `notice_id`, `application_id`, `channel`, `content`, `status`, `received_by_user_id`, `received_at`, `resolution`, `upheld`, `resolved_by_user_id`, `resolved_at`) SELECT o.`id`, p.`id`, a.`id`, o.`channel`, o.`content`, o.`status`, o.`received_by_user_id`, o.`received_at`, o.`resolution`, o.`upheld`, o.`resolved_by_user_id`, o.`resolved_at` FROM `notice_objections` o JOIN `hardship_applications` a ON a.`case_id` = o.`case_id` JOIN `hardship_public_notices` p ON p.`application_id` = a.`id` ORDER BY o.`id`',
    );
    await queryRunner.query(
      'INSERT INTO `competition_objections` (`competition_id`, `entry_id`, `user_id`, `content`, `resolution`, `created_at`, `resolved_at`) SELECT c.`id`, o.`item_id`, o.`received_by_user_id`, LEFT(o.`content`, 500), LEFT(o.`resolution`, 500), o.`received_at`, o.`resolved_at` FROM `notice_objections` o JOIN `competitions` c ON c.`case_id` = o.`case_id` ORDER BY o.`id`',
    );
    await queryRunner.query(
      'INSERT INTO `nomination_objections` (`nomination_id`, `user_id`, `content`, `resolution`, `created_at`, `resolved_at`) SELECT n.`id`, o.`received_by_user_id`, LEFT(o.`content`, 500), LEFT(o.`resolution`, 500), o.`received_at`, o.`resolved_at` FROM `notice_objections` o JOIN `honour_nominations` n ON n.`case_id` = o.`case_id` ORDER BY o.`id`',
    );
    await queryRunner.query('DROP TABLE `notice_objections`');
  }
}

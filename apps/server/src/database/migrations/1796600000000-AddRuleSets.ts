import type { MigrationInterface, QueryRunner } from 'typeorm';

const HARDSHIP_TABLE =
  'CREATE TABLE `hardship_rule_sets` (`id` int NOT NULL AUTO_INCREMENT, `county_organization_id` int NOT NULL, `version` int NOT NULL, `year` int NOT NULL, `effective_from` varchar(10) NOT NULL, `rules` text NOT NULL, `created_by_user_id` int NOT NULL, `created_by_name` varchar(80) NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `idx_hardship_rule_sets_effective` (`county_organization_id`, `effective_from`, `version`), UNIQUE INDEX `uq_hardship_rule_sets_version` (`county_organization_id`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB';
const LEGAL_TABLE =
  'CREATE TABLE `legal_rule_sets` (`id` int NOT NULL AUTO_INCREMENT, `county_organization_id` int NOT NULL, `version` int NOT NULL, `effective_from` varchar(10) NOT NULL, `rules` text NOT NULL, `created_by_user_id` int NOT NULL, `created_by_name` varchar(80) NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `idx_legal_rule_sets_effective` (`county_organization_id`, `effective_from`, `version`), UNIQUE INDEX `uq_legal_rule_sets_version` (`county_organization_id`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB';
const COMMON = '`county_organization_id`, `version`, `effective_from`, `rules`, `created_by_user_id`, `created_by_name`, `created_at`';

/**
 * One `rule_sets` table for every kind of versioned county rules (hardship standards, legal-aid
 * rules), in place of a table each. Hardship versions keep their ids (applications point at the
 * version that judged them: `rule_set_id`); legal-aid versions are referred to by number only.
 */
export class AddRuleSets1796600000000 implements MigrationInterface {
  name = 'AddRuleSets1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `rule_sets` (`id` int NOT NULL AUTO_INCREMENT, `kind` varchar(20) NOT NULL, `county_organization_id` int NOT NULL, `version` int NOT NULL, `year` int NULL, `effective_from` varchar(10) NOT NULL, `rules` text NOT NULL, `created_by_user_id` int NOT NULL, `created_by_name` varchar(80) NOT NULL, `created_at` datetime(3) NOT NULL, INDEX `idx_rule_sets_effective` (`kind`, `county_organization_id`, `effective_from`, `version`), UNIQUE INDEX `uq_rule_sets_version` (`kind`, `county_organization_id`, `version`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      `INSERT INTO \`rule_sets\` (\`id\`, \`kind\`, \`year\`, ${COMMON}) SELECT \`id\`, 'hardship', \`year\`, ${COMMON} FROM \`hardship_rule_sets\` ORDER BY \`id\``,
    );
    await queryRunner.query(
      `INSERT INTO \`rule_sets\` (\`kind\`, \`year\`, ${COMMON}) SELECT 'legal_aid', NULL, ${COMMON} FROM \`legal_rule_sets\` ORDER BY \`id\``,
    );
    await queryRunner.query('DROP TABLE `hardship_rule_sets`');
    await queryRunner.query('DROP TABLE `legal_rule_sets`');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(HARDSHIP_TABLE);
    await queryRunner.query(LEGAL_TABLE);
    await queryRunner.query(
      `INSERT INTO \`hardship_rule_sets\` (\`id\`, \`year\`, ${COMMON}) SELECT \`id\`, COALESCE(\`year\`, CAST(LEFT(\`effective_from\`, 4) AS UNSIGNED)), ${COMMON} FROM \`rule_sets\` WHERE \`kind\` = 'hardship' ORDER BY \`id\``,
    );
    await queryRunner.query(
      `INSERT INTO \`legal_rule_sets\` (${COMMON}) SELECT ${COMMON} FROM \`rule_sets\` WHERE \`kind\` = 'legal_aid' ORDER BY \`id\``,
    );
    await queryRunner.query('DROP TABLE `rule_sets`');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An employer flag records the organisation that set it, so that only staff over that place can
 * lift it. Flags from before were kept by the county: they get the root organisation's path.
 */
export class AddEmployerFlagPlace1796240000000 implements MigrationInterface {
  name = 'AddEmployerFlagPlace1796240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`employer_flags\` ADD \`organization_path\` varchar(255) NULL`);
    await queryRunner.query(
      `UPDATE \`employer_flags\` SET \`organization_path\` = COALESCE((SELECT \`path\` FROM \`organizations\` WHERE \`parent_id\` IS NULL ORDER BY \`id\` LIMIT 1), '/')`,
    );
    await queryRunner.query(`ALTER TABLE \`employer_flags\` MODIFY \`organization_path\` varchar(255) NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`employer_flags\` DROP COLUMN \`organization_path\``);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Refresh tokens carry the family of their login; tokens from before get a family of their own. */
export class AddRefreshTokenFamilies1796166108683 implements MigrationInterface {
  name = 'AddRefreshTokenFamilies1796166108683';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`refresh_tokens\` ADD \`family_id\` varchar(32) NULL`);
    await queryRunner.query(`UPDATE \`refresh_tokens\` SET \`family_id\` = CONCAT('legacy-', \`id\`)`);
    await queryRunner.query(`ALTER TABLE \`refresh_tokens\` MODIFY \`family_id\` varchar(32) NOT NULL`);
    await queryRunner.query(`CREATE INDEX \`idx_refresh_tokens_family\` ON \`refresh_tokens\` (\`family_id\`)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_refresh_tokens_family\` ON \`refresh_tokens\``);
    await queryRunner.query(`ALTER TABLE \`refresh_tokens\` DROP COLUMN \`family_id\``);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddHardshipDueIndexes1795484146995 implements MigrationInterface {
  name = 'AddHardshipDueIndexes1795484146995';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX \`idx_hardship_files_follow_up\` ON \`hardship_files\` (\`status\`, \`follow_up_due_at\`, \`id\`)`,
    );
    await queryRunner.query(`CREATE INDEX \`idx_public_notices_running\` ON \`hardship_public_notices\` (\`ends_at\`, \`id\`)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_public_notices_running\` ON \`hardship_public_notices\``);
    await queryRunner.query(`DROP INDEX \`idx_hardship_files_follow_up\` ON \`hardship_files\``);
  }
}

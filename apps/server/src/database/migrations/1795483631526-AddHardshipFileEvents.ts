import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddHardshipFileEvents1795483631526 implements MigrationInterface {
  name = 'AddHardshipFileEvents1795483631526';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`hardship_file_events\` (\`id\` int NOT NULL AUTO_INCREMENT, \`file_id\` int NOT NULL, \`outcome\` varchar(20) NOT NULL, \`category\` varchar(12) NULL, \`close_reason\` varchar(12) NULL, \`note\` varchar(500) NOT NULL, \`actor_user_id\` int NOT NULL, \`actor_name\` varchar(80) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_hardship_file_events_file\` (\`file_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_hardship_file_events_file\` ON \`hardship_file_events\``);
    await queryRunner.query(`DROP TABLE \`hardship_file_events\``);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddUploads1795482353244 implements MigrationInterface {
  name = 'AddUploads1795482353244';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`uploads\` (\`id\` int NOT NULL AUTO_INCREMENT, \`uid\` varchar(36) NOT NULL, \`uploader_user_id\` int NOT NULL, \`purpose\` varchar(32) NOT NULL, \`kind\` varchar(8) NOT NULL, \`mime\` varchar(40) NOT NULL, \`size\` int NOT NULL, \`sha256\` varchar(64) NOT NULL, \`storage_key\` varchar(200) NOT NULL, \`case_id\` int NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_uploads_uploader\` (\`uploader_user_id\`, \`id\`), INDEX \`idx_uploads_case\` (\`case_id\`, \`id\`), UNIQUE INDEX \`IDX_9dd5354e22ac6b2cde871e6530\` (\`uid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_9dd5354e22ac6b2cde871e6530\` ON \`uploads\``);
    await queryRunner.query(`DROP INDEX \`idx_uploads_case\` ON \`uploads\``);
    await queryRunner.query(`DROP INDEX \`idx_uploads_uploader\` ON \`uploads\``);
    await queryRunner.query(`DROP TABLE \`uploads\``);
  }
}

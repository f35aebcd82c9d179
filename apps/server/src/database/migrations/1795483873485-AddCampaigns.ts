import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCampaigns1795483873485 implements MigrationInterface {
  name = 'AddCampaigns1795483873485';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`hardship_campaigns\` (\`id\` int NOT NULL AUTO_INCREMENT, \`kind\` varchar(24) NOT NULL, \`title\` varchar(60) NOT NULL, \`organization_id\` int NOT NULL, \`organization_path\` varchar(255) NOT NULL, \`budget_fen\` bigint NOT NULL, \`starts_on\` varchar(10) NOT NULL, \`ends_on\` varchar(10) NOT NULL, \`eligibility\` varchar(300) NOT NULL, \`amounts\` text NOT NULL, \`fund_source\` varchar(60) NOT NULL, \`version\` int NOT NULL DEFAULT '1', \`created_by_user_id\` int NOT NULL, \`created_by_name\` varchar(80) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_hardship_campaigns_scope\` (\`organization_path\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`hardship_grant_applications\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`uid\` varchar(36) NOT NULL, \`campaign_id\` int NOT NULL, \`file_id\` int NOT NULL, \`applicant_user_id\` int NOT NULL, \`student_name_enc\` varchar(255) NOT NULL, \`student_name_masked\` varchar(40) NOT NULL, \`student_id_enc\` varchar(255) NOT NULL, \`student_id_index\` varchar(64) NOT NULL, \`student_id_masked\` varchar(20) NOT NULL, \`school_level\` varchar(16) NOT NULL, \`school_name\` varchar(60) NOT NULL, \`admission_upload_id\` int NOT NULL, \`amount_fen\` bigint NOT NULL, \`aid_record_id\` int NULL, UNIQUE INDEX \`uq_grant_student\` (\`campaign_id\`, \`student_id_index\`), UNIQUE INDEX \`IDX_009605b34e791dbab2cb8bb49c\` (\`case_id\`), UNIQUE INDEX \`IDX_fd866644ccea149abbc9777cd1\` (\`uid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_fd866644ccea149abbc9777cd1\` ON \`hardship_grant_applications\``);
    await queryRunner.query(`DROP INDEX \`IDX_009605b34e791dbab2cb8bb49c\` ON \`hardship_grant_applications\``);
    await queryRunner.query(`DROP INDEX \`uq_grant_student\` ON \`hardship_grant_applications\``);
    await queryRunner.query(`DROP TABLE \`hardship_grant_applications\``);
    await queryRunner.query(`DROP INDEX \`idx_hardship_campaigns_scope\` ON \`hardship_campaigns\``);
    await queryRunner.query(`DROP TABLE \`hardship_campaigns\``);
  }
}

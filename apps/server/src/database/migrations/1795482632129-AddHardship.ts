import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddHardship1795482632129 implements MigrationInterface {
  name = 'AddHardship1795482632129';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`hardship_assistance_records\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`file_id\` int NOT NULL, \`aid_type\` varchar(16) NOT NULL, \`amount_fen\` bigint NOT NULL, \`fund_source\` varchar(60) NOT NULL, \`year\` int NOT NULL, \`campaign_id\` int NULL, \`approved_by_user_id\` int NOT NULL, \`approved_by_name\` varchar(80) NOT NULL, \`approved_at\` datetime(3) NOT NULL, \`comment\` varchar(300) NULL, \`paid_at\` datetime(3) NULL, \`payment_reference\` varchar(60) NULL, \`signed_at\` datetime(3) NULL, \`sign_method\` varchar(12) NULL, \`signed_form_upload_id\` int NULL, INDEX \`idx_assistance_file_year\` (\`file_id\`, \`year\`, \`aid_type\`), UNIQUE INDEX \`IDX_68d274bb622283bfbe5118a111\` (\`case_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`hardship_democratic_reviews\` (\`id\` int NOT NULL AUTO_INCREMENT, \`application_id\` int NOT NULL, \`meeting_on\` varchar(10) NOT NULL, \`attendees\` text NOT NULL, \`votes_for\` int NOT NULL, \`votes_against\` int NOT NULL, \`abstentions\` int NOT NULL, \`minutes_upload_id\` int NULL, \`recorded_by_user_id\` int NOT NULL, \`created_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_f9b96f8ba9d35a0e3f554face3\` (\`application_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`hardship_applications\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`uid\` varchar(36) NOT NULL, \`applicant_user_id\` int NOT NULL, \`filed_by_user_id\` int NULL, \`filed_by_name\` varchar(80) NULL, \`proxy_consent_method\` varchar(20) NULL, \`proxy_consent_note\` varchar(300) NULL, \`organization_id\` int NOT NULL, \`applicant_name_masked\` varchar(40) NOT NULL, \`open_self_id_index\` varchar(64) NULL, \`phone_enc\` varchar(255) NOT NULL, \`employment_type\` varchar(20) NOT NULL, \`employment_months\` int NOT NULL, \`household_size\` int NOT NULL, \`other_income_fen\` bigint NOT NULL, \`annual_income_fen\` bigint NOT NULL, \`essential_spending_fen\` bigint NOT NULL, \`accident_costs_fen\` bigint NOT NULL, \`main_cause\` varchar(20) NOT NULL, \`secondary_causes\` text NOT NULL, \`situation_enc\` text NOT NULL, \`exclusions\` text NOT NULL, \`bank_account_enc\` text NOT NULL, \`bank_account_masked\` varchar(60) NOT NULL, \`rule_set_id\` int NOT NULL, \`rule_set_version\` int NOT NULL, \`assessment\` text NOT NULL, \`missing_items\` text NOT NULL, \`duplicates\` text NOT NULL, \`sensitive_consent_version\` varchar(40) NOT NULL, \`finance_check_consent_version\` varchar(40) NOT NULL, \`consented_at\` datetime(3) NOT NULL, \`file_id\` int NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_hardship_applications_applicant\` (\`applicant_user_id\`), UNIQUE INDEX \`IDX_e71a16af80c80018b8843c40d0\` (\`case_id\`), UNIQUE INDEX \`IDX_b1e0fc7ef4a9a25916c0498585\` (\`uid\`), UNIQUE INDEX \`IDX_e50316794c6f49349ec13f9ec8\` (\`open_self_id_index\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`hardship_drafts\` (\`id\` int NOT NULL AUTO_INCREMENT, \`user_id\` int NOT NULL, \`uid\` varchar(36) NOT NULL, \`data_enc\` text NOT NULL, \`saved_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_e64ea3e1be7b270d06241f50ac\` (\`user_id\`), UNIQUE INDEX \`IDX_14992afc0cbbac8b7eacae6e0e\` (\`uid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`hardship_files\` (\`id\` int NOT NULL AUTO_INCREMENT, \`file_no\` varchar(20) NOT NULL, \`application_id\` int NOT NULL, \`applicant_user_id\` int NOT NULL, \`organization_id\` int NOT NULL, \`organization_path\` varchar(255) NOT NULL, \`category\` varchar(12) NOT NULL, \`rule_set_id\` int NOT NULL, \`rule_set_version\` int NOT NULL, \`status\` varchar(10) NOT NULL, \`version\` int NOT NULL DEFAULT '1', \`filed_at\` datetime(3) NOT NULL, \`recheck_due_at\` datetime(3) NOT NULL, \`closed_at\` datetime(3) NULL, \`close_reason\` varchar(12) NULL, \`close_note\` varchar(500) NULL, \`follow_up_due_at\` datetime(3) NULL, INDEX \`idx_hardship_files_applicant\` (\`applicant_user_id\`, \`id\`), INDEX \`idx_hardship_files_recheck\` (\`status\`, \`recheck_due_at\`, \`id\`), INDEX \`idx_hardship_files_scope\` (\`organization_path\`, \`status\`, \`id\`), UNIQUE INDEX \`IDX_f82118d1119269eadd7b78135d\` (\`file_no\`), UNIQUE INDEX \`IDX_5e2bfd26043f5c6d3dfe9c2bbc\` (\`application_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`hardship_rule_sets\` (\`id\` int NOT NULL AUTO_INCREMENT, \`county_organization_id\` int NOT NULL, \`version\` int NOT NULL, \`year\` int NOT NULL, \`effective_from\` varchar(10) NOT NULL, \`rules\` text NOT NULL, \`created_by_user_id\` int NOT NULL, \`created_by_name\` varchar(80) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_hardship_rule_sets_effective\` (\`county_organization_id\`, \`effective_from\`, \`version\`), UNIQUE INDEX \`uq_hardship_rule_sets_version\` (\`county_organization_id\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`hardship_home_visits\` (\`id\` int NOT NULL AUTO_INCREMENT, \`application_id\` int NOT NULL, \`visited_on\` varchar(10) NOT NULL, \`visitors\` text NOT NULL, \`findings_enc\` text NOT NULL, \`matches_declaration\` tinyint NOT NULL, \`photo_upload_ids\` text NOT NULL, \`form_upload_id\` int NULL, \`recorded_by_user_id\` int NOT NULL, \`created_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_76c9227058b7beb287b44edc85\` (\`application_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`hardship_household_members\` (\`id\` int NOT NULL AUTO_INCREMENT, \`application_id\` int NOT NULL, \`uid\` varchar(36) NOT NULL, \`relation\` varchar(12) NOT NULL, \`name_enc\` varchar(255) NOT NULL, \`name_masked\` varchar(40) NOT NULL, \`id_number_enc\` varchar(255) NOT NULL, \`id_number_index\` varchar(64) NOT NULL, \`id_number_masked\` varchar(20) NOT NULL, \`annual_income_fen\` bigint NOT NULL, \`health\` varchar(20) NOT NULL, \`health_note_enc\` text NULL, \`work_status\` varchar(20) NOT NULL, \`active\` tinyint NOT NULL, INDEX \`idx_household_members_application\` (\`application_id\`, \`id\`), INDEX \`idx_household_members_person\` (\`id_number_index\`, \`active\`), UNIQUE INDEX \`IDX_4122b984dd913c430af3ac5a47\` (\`uid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`hardship_notice_objections\` (\`id\` int NOT NULL AUTO_INCREMENT, \`notice_id\` int NOT NULL, \`application_id\` int NOT NULL, \`channel\` varchar(12) NOT NULL, \`content\` varchar(1000) NOT NULL, \`status\` varchar(10) NOT NULL, \`received_by_user_id\` int NOT NULL, \`received_at\` datetime(3) NOT NULL, \`resolution\` varchar(1000) NULL, \`upheld\` tinyint NULL, \`resolved_by_user_id\` int NULL, \`resolved_at\` datetime(3) NULL, INDEX \`idx_notice_objections_notice\` (\`notice_id\`, \`status\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`hardship_public_notices\` (\`id\` int NOT NULL AUTO_INCREMENT, \`application_id\` int NOT NULL, \`organization_path\` varchar(255) NOT NULL, \`starts_at\` datetime(3) NOT NULL, \`ends_at\` datetime(3) NOT NULL, \`content\` varchar(600) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_public_notices_scope\` (\`organization_path\`, \`ends_at\`, \`id\`), UNIQUE INDEX \`IDX_e5b3c92ae55a4135f191a53977\` (\`application_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_e5b3c92ae55a4135f191a53977\` ON \`hardship_public_notices\``);
    await queryRunner.query(`DROP INDEX \`idx_public_notices_scope\` ON \`hardship_public_notices\``);
    await queryRunner.query(`DROP TABLE \`hardship_public_notices\``);
    await queryRunner.query(`DROP INDEX \`idx_notice_objections_notice\` ON \`hardship_notice_objections\``);
    await queryRunner.query(`DROP TABLE \`hardship_notice_objections\``);
    await queryRunner.query(`DROP INDEX \`IDX_4122b984dd913c430af3ac5a47\` ON \`hardship_household_members\``);
    await queryRunner.query(`DROP INDEX \`idx_household_members_person\` ON \`hardship_household_members\``);
    await queryRunner.query(`DROP INDEX \`idx_household_members_application\` ON \`hardship_household_members\``);
    await queryRunner.query(`DROP TABLE \`hardship_household_members\``);
    await queryRunner.query(`DROP INDEX \`IDX_76c9227058b7beb287b44edc85\` ON \`hardship_home_visits\``);
    await queryRunner.query(`DROP TABLE \`hardship_home_visits\``);
    await queryRunner.query(`DROP INDEX \`uq_hardship_rule_sets_version\` ON \`hardship_rule_sets\``);
    await queryRunner.query(`DROP INDEX \`idx_hardship_rule_sets_effective\` ON \`hardship_rule_sets\``);
    await queryRunner.query(`DROP TABLE \`hardship_rule_sets\``);
    await queryRunner.query(`DROP INDEX \`IDX_5e2bfd26043f5c6d3dfe9c2bbc\` ON \`hardship_files\``);
    await queryRunner.query(`DROP INDEX \`IDX_f82118d1119269eadd7b78135d\` ON \`hardship_files\``);
    await queryRunner.query(`DROP INDEX \`idx_hardship_files_scope\` ON \`hardship_files\``);
    await queryRunner.query(`DROP INDEX \`idx_hardship_files_recheck\` ON \`hardship_files\``);
    await queryRunner.query(`DROP INDEX \`idx_hardship_files_applicant\` ON \`hardship_files\``);
    await queryRunner.query(`DROP TABLE \`hardship_files\``);
    await queryRunner.query(`DROP INDEX \`IDX_14992afc0cbbac8b7eacae6e0e\` ON \`hardship_drafts\``);
    await queryRunner.query(`DROP INDEX \`IDX_e64ea3e1be7b270d06241f50ac\` ON \`hardship_drafts\``);
    await queryRunner.query(`DROP TABLE \`hardship_drafts\``);
    await queryRunner.query(`DROP INDEX \`IDX_e50316794c6f49349ec13f9ec8\` ON \`hardship_applications\``);
    await queryRunner.query(`DROP INDEX \`IDX_b1e0fc7ef4a9a25916c0498585\` ON \`hardship_applications\``);
    await queryRunner.query(`DROP INDEX \`IDX_e71a16af80c80018b8843c40d0\` ON \`hardship_applications\``);
    await queryRunner.query(`DROP INDEX \`idx_hardship_applications_applicant\` ON \`hardship_applications\``);
    await queryRunner.query(`DROP TABLE \`hardship_applications\``);
    await queryRunner.query(`DROP INDEX \`IDX_f9b96f8ba9d35a0e3f554face3\` ON \`hardship_democratic_reviews\``);
    await queryRunner.query(`DROP TABLE \`hardship_democratic_reviews\``);
    await queryRunner.query(`DROP INDEX \`IDX_68d274bb622283bfbe5118a111\` ON \`hardship_assistance_records\``);
    await queryRunner.query(`DROP INDEX \`idx_assistance_file_year\` ON \`hardship_assistance_records\``);
    await queryRunner.query(`DROP TABLE \`hardship_assistance_records\``);
  }
}

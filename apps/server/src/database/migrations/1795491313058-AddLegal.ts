import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddLegal1795491313058 implements MigrationInterface {
  name = 'AddLegal1795491313058';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`legal_availability_rules\` (\`id\` int NOT NULL AUTO_INCREMENT, \`lawyer_user_id\` int NOT NULL, \`weekday\` int NOT NULL, \`start_time\` varchar(5) NOT NULL, \`end_time\` varchar(5) NOT NULL, \`slot_minutes\` int NOT NULL, \`channels\` text NOT NULL, \`place\` varchar(100) NOT NULL, INDEX \`idx_legal_availability_lawyer\` (\`lawyer_user_id\`, \`weekday\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`legal_availability_exceptions\` (\`id\` int NOT NULL AUTO_INCREMENT, \`lawyer_user_id\` int NOT NULL, \`date\` varchar(10) NOT NULL, \`note\` varchar(100) NOT NULL, UNIQUE INDEX \`uq_legal_exception_day\` (\`lawyer_user_id\`, \`date\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`legal_consultations\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`uid\` varchar(36) NOT NULL, \`applicant_user_id\` int NOT NULL, \`lawyer_user_id\` int NOT NULL, \`starts_at\` datetime(3) NOT NULL, \`ends_at\` datetime(3) NOT NULL, \`slot_held\` tinyint NULL, \`channel\` varchar(16) NOT NULL, \`place\` varchar(100) NOT NULL, \`topic\` varchar(20) NOT NULL, \`description_enc\` text NOT NULL, \`phone_enc\` varchar(255) NULL, \`summary_enc\` text NULL, \`advice_enc\` text NULL, \`suggest_legal_aid\` tinyint NOT NULL DEFAULT 0, \`rating\` int NULL, \`rating_comment\` varchar(200) NULL, \`legal_aid_application_id\` int NULL, \`reminded_day_before_at\` datetime(3) NULL, \`reminded_hour_before_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_legal_consultations_reminders\` (\`slot_held\`, \`starts_at\`), INDEX \`idx_legal_consultations_applicant\` (\`applicant_user_id\`, \`id\`), UNIQUE INDEX \`uq_legal_consultation_slot\` (\`lawyer_user_id\`, \`starts_at\`, \`slot_held\`), UNIQUE INDEX \`IDX_df83eaa3f14a00a6d787e9f328\` (\`case_id\`), UNIQUE INDEX \`IDX_29f2b8ee5617ca7d6af51ffc29\` (\`uid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`legal_aid_applications\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`uid\` varchar(36) NOT NULL, \`applicant_user_id\` int NOT NULL, \`applicant_name\` varchar(50) NOT NULL, \`phone_enc\` varchar(255) NOT NULL, \`dispute_type\` varchar(20) NOT NULL, \`employer_name\` varchar(100) NOT NULL, \`employer_key\` varchar(100) NOT NULL, \`employer_credit_code\` varchar(18) NULL, \`employer_address\` varchar(200) NULL, \`claims_enc\` text NOT NULL, \`amount_claimed_fen\` bigint NOT NULL, \`employment_started_on\` varchar(10) NOT NULL, \`employment_ended_on\` varchar(10) NULL, \`learned_on\` varchar(10) NOT NULL, \`is_migrant_worker\` tinyint NOT NULL, \`household_enc\` varchar(255) NOT NULL, \`circumstances_enc\` varchar(255) NOT NULL, \`eligibility_enc\` text NOT NULL, \`rule_set_version\` int NOT NULL, \`evidence\` text NOT NULL, \`witnesses_enc\` text NULL, \`consent_version\` varchar(40) NOT NULL, \`from_consultation_id\` int NULL, \`lawyer_user_id\` int NULL, \`lawyer_name\` varchar(50) NULL, \`decision_reason\` varchar(500) NULL, \`other_help\` varchar(200) NULL, \`mediation_started_on\` varchar(10) NULL, \`mediation_ended_on\` varchar(10) NULL, \`arbitration_applied_on\` varchar(10) NULL, \`arbitration_accepted_on\` varchar(10) NULL, \`award_extended\` tinyint NOT NULL DEFAULT 0, \`award_received_on\` varchar(10) NULL, \`lawsuit_filed_on\` varchar(10) NULL, \`next_clock_due_on\` varchar(10) NULL, \`outcome\` varchar(12) NULL, \`amount_recovered_fen\` bigint NULL, \`recovered_on\` varchar(10) NULL, \`closing_note\` varchar(500) NULL, \`closed_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_legal_aid_clock\` (\`next_clock_due_on\`, \`id\`), INDEX \`idx_legal_aid_lawyer_clock\` (\`lawyer_user_id\`, \`next_clock_due_on\`, \`id\`), INDEX \`idx_legal_aid_employer\` (\`employer_key\`, \`id\`), INDEX \`idx_legal_aid_applicant\` (\`applicant_user_id\`, \`id\`), UNIQUE INDEX \`IDX_44e2c9ca69b15a8b6c50c968ab\` (\`case_id\`), UNIQUE INDEX \`IDX_3328c2245c6f99946b18832eaf\` (\`uid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`legal_aid_stages\` (\`id\` int NOT NULL AUTO_INCREMENT, \`application_id\` int NOT NULL, \`stage\` varchar(12) NOT NULL, \`started_on\` varchar(10) NOT NULL, \`note\` varchar(500) NULL, \`upload_ids\` text NOT NULL, \`recorded_by_user_id\` int NOT NULL, \`recorded_by_name\` varchar(80) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_legal_aid_stages_application\` (\`application_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`legal_rule_sets\` (\`id\` int NOT NULL AUTO_INCREMENT, \`county_organization_id\` int NOT NULL, \`version\` int NOT NULL, \`effective_from\` varchar(10) NOT NULL, \`rules\` text NOT NULL, \`created_by_user_id\` int NOT NULL, \`created_by_name\` varchar(80) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_legal_rule_sets_effective\` (\`county_organization_id\`, \`effective_from\`, \`version\`), UNIQUE INDEX \`uq_legal_rule_sets_version\` (\`county_organization_id\`, \`version\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`legal_threads\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`uid\` varchar(36) NOT NULL, \`applicant_user_id\` int NOT NULL, \`lawyer_user_id\` int NULL, \`topic\` varchar(20) NOT NULL, \`worker_read_id\` int NOT NULL DEFAULT '0', \`centre_read_id\` int NOT NULL DEFAULT '0', \`last_at\` datetime(3) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_legal_threads_lawyer\` (\`lawyer_user_id\`, \`id\`), INDEX \`idx_legal_threads_applicant\` (\`applicant_user_id\`, \`id\`), UNIQUE INDEX \`IDX_1bed93380be0e9ca10cae00987\` (\`case_id\`), UNIQUE INDEX \`IDX_b57ec99dfb5a8a8e17814c6b67\` (\`uid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`legal_thread_messages\` (\`id\` int NOT NULL AUTO_INCREMENT, \`thread_id\` int NOT NULL, \`author_user_id\` int NOT NULL, \`author_name\` varchar(50) NOT NULL, \`from_centre\` tinyint NOT NULL, \`body_enc\` text NOT NULL, \`upload_ids\` text NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_legal_thread_messages_thread\` (\`thread_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`petitions\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`uid\` varchar(36) NOT NULL, \`channel\` varchar(8) NOT NULL, \`petitioner_name_enc\` varchar(255) NOT NULL, \`petitioner_name_masked\` varchar(40) NOT NULL, \`petitioner_phone_enc\` varchar(255) NOT NULL, \`employer_name\` varchar(100) NOT NULL, \`worker_count\` int NOT NULL, \`subject\` varchar(100) NOT NULL, \`content_enc\` text NOT NULL, \`received_on\` varchar(10) NOT NULL, \`extended\` tinyint NOT NULL DEFAULT 0, \`result\` varchar(1000) NULL, \`decline_reason\` varchar(500) NULL, \`legal_aid_application_ids\` text NOT NULL, \`resolved_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_petitions_received\` (\`received_on\`, \`id\`), UNIQUE INDEX \`IDX_3c4f222605728e2fd5bf84910a\` (\`case_id\`), UNIQUE INDEX \`IDX_b6fadd76f87b15562c33bc75e2\` (\`uid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`petition_meetings\` (\`id\` int NOT NULL AUTO_INCREMENT, \`petition_id\` int NOT NULL, \`held_on\` varchar(10) NOT NULL, \`attendees\` varchar(300) NOT NULL, \`summary_enc\` text NOT NULL, \`upload_ids\` text NOT NULL, \`recorded_by_name\` varchar(80) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_petition_meetings_petition\` (\`petition_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`workflow_cases\` ADD \`assignee_user_id\` int NULL`);
    await queryRunner.query(`CREATE INDEX \`idx_cases_type\` ON \`workflow_cases\` (\`case_type\`, \`id\`)`);
    await queryRunner.query(`CREATE INDEX \`idx_cases_assignee\` ON \`workflow_cases\` (\`assignee_user_id\`, \`case_type\`, \`id\`)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_cases_assignee\` ON \`workflow_cases\``);
    await queryRunner.query(`DROP INDEX \`idx_cases_type\` ON \`workflow_cases\``);
    await queryRunner.query(`ALTER TABLE \`workflow_cases\` DROP COLUMN \`assignee_user_id\``);
    await queryRunner.query(`DROP INDEX \`idx_petition_meetings_petition\` ON \`petition_meetings\``);
    await queryRunner.query(`DROP TABLE \`petition_meetings\``);
    await queryRunner.query(`DROP INDEX \`IDX_b6fadd76f87b15562c33bc75e2\` ON \`petitions\``);
    await queryRunner.query(`DROP INDEX \`IDX_3c4f222605728e2fd5bf84910a\` ON \`petitions\``);
    await queryRunner.query(`DROP INDEX \`idx_petitions_received\` ON \`petitions\``);
    await queryRunner.query(`DROP TABLE \`petitions\``);
    await queryRunner.query(`DROP INDEX \`idx_legal_thread_messages_thread\` ON \`legal_thread_messages\``);
    await queryRunner.query(`DROP TABLE \`legal_thread_messages\``);
    await queryRunner.query(`DROP INDEX \`IDX_b57ec99dfb5a8a8e17814c6b67\` ON \`legal_threads\``);
    await queryRunner.query(`DROP INDEX \`IDX_1bed93380be0e9ca10cae00987\` ON \`legal_threads\``);
    await queryRunner.query(`DROP INDEX \`idx_legal_threads_applicant\` ON \`legal_threads\``);
    await queryRunner.query(`DROP INDEX \`idx_legal_threads_lawyer\` ON \`legal_threads\``);
    await queryRunner.query(`DROP TABLE \`legal_threads\``);
    await queryRunner.query(`DROP INDEX \`uq_legal_rule_sets_version\` ON \`legal_rule_sets\``);
    await queryRunner.query(`DROP INDEX \`idx_legal_rule_sets_effective\` ON \`legal_rule_sets\``);
    await queryRunner.query(`DROP TABLE \`legal_rule_sets\``);
    await queryRunner.query(`DROP INDEX \`idx_legal_aid_stages_application\` ON \`legal_aid_stages\``);
    await queryRunner.query(`DROP TABLE \`legal_aid_stages\``);
    await queryRunner.query(`DROP INDEX \`IDX_3328c2245c6f99946b18832eaf\` ON \`legal_aid_applications\``);
    await queryRunner.query(`DROP INDEX \`IDX_44e2c9ca69b15a8b6c50c968ab\` ON \`legal_aid_applications\``);
    await queryRunner.query(`DROP INDEX \`idx_legal_aid_applicant\` ON \`legal_aid_applications\``);
    await queryRunner.query(`DROP INDEX \`idx_legal_aid_employer\` ON \`legal_aid_applications\``);
    await queryRunner.query(`DROP INDEX \`idx_legal_aid_lawyer_clock\` ON \`legal_aid_applications\``);
    await queryRunner.query(`DROP INDEX \`idx_legal_aid_clock\` ON \`legal_aid_applications\``);
    await queryRunner.query(`DROP TABLE \`legal_aid_applications\``);
    await queryRunner.query(`DROP INDEX \`IDX_29f2b8ee5617ca7d6af51ffc29\` ON \`legal_consultations\``);
    await queryRunner.query(`DROP INDEX \`IDX_df83eaa3f14a00a6d787e9f328\` ON \`legal_consultations\``);
    await queryRunner.query(`DROP INDEX \`uq_legal_consultation_slot\` ON \`legal_consultations\``);
    await queryRunner.query(`DROP INDEX \`idx_legal_consultations_applicant\` ON \`legal_consultations\``);
    await queryRunner.query(`DROP INDEX \`idx_legal_consultations_reminders\` ON \`legal_consultations\``);
    await queryRunner.query(`DROP TABLE \`legal_consultations\``);
    await queryRunner.query(`DROP INDEX \`uq_legal_exception_day\` ON \`legal_availability_exceptions\``);
    await queryRunner.query(`DROP TABLE \`legal_availability_exceptions\``);
    await queryRunner.query(`DROP INDEX \`idx_legal_availability_lawyer\` ON \`legal_availability_rules\``);
    await queryRunner.query(`DROP TABLE \`legal_availability_rules\``);
  }
}

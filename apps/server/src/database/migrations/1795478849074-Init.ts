import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795478849074 implements MigrationInterface {
  name = 'Init1795478849074';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`consents\` (\`id\` int NOT NULL AUTO_INCREMENT, \`user_id\` int NOT NULL, \`kind\` varchar(32) NOT NULL, \`version\` varchar(20) NOT NULL, \`accepted_at\` datetime(3) NOT NULL, INDEX \`idx_consents_user_kind\` (\`user_id\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`invitations\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code_hash\` varchar(64) NOT NULL, \`organization_id\` int NOT NULL, \`role\` varchar(32) NOT NULL, \`created_by\` int NULL, \`expires_at\` datetime(3) NOT NULL, \`redeemed_by\` int NULL, \`redeemed_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_3eed502b8bf2cd7805e77353c6\` (\`code_hash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`refresh_tokens\` (\`id\` int NOT NULL AUTO_INCREMENT, \`user_id\` int NOT NULL, \`token_hash\` varchar(64) NOT NULL, \`expires_at\` datetime(3) NOT NULL, \`revoked_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_refresh_tokens_user\` (\`user_id\`), UNIQUE INDEX \`IDX_a7838d2ba25be1342091b6695f\` (\`token_hash\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`users\` (\`id\` int NOT NULL AUTO_INCREMENT, \`openid\` varchar(64) NULL, \`session_key_enc\` varchar(255) NULL, \`demo_persona\` varchar(32) NULL, \`display_name\` varchar(50) NOT NULL, \`roles\` text NOT NULL, \`organization_id\` int NULL, \`created_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_9c98f005249412c8333a3b2c59\` (\`openid\`), UNIQUE INDEX \`IDX_5d26b508063ca2a70b422c6b70\` (\`demo_persona\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`members\` (\`id\` int NOT NULL AUTO_INCREMENT, \`uid\` varchar(36) NOT NULL, \`member_no\` varchar(20) NOT NULL, \`user_id\` int NOT NULL, \`real_name\` varchar(50) NOT NULL, \`id_number_enc\` varchar(255) NOT NULL, \`id_number_index\` varchar(64) NOT NULL, \`active_id_number_index\` varchar(64) NULL, \`phone_enc\` varchar(255) NOT NULL, \`phone_index\` varchar(64) NOT NULL, \`organization_id\` int NOT NULL, \`employer_name\` varchar(100) NOT NULL, \`employment_type\` varchar(20) NOT NULL, \`application_id\` int NULL, \`status\` varchar(16) NOT NULL, \`card_serial\` int NOT NULL DEFAULT '1', \`joined_at\` datetime(3) NOT NULL, \`withdrawn_at\` datetime(3) NULL, INDEX \`idx_members_user\` (\`user_id\`), INDEX \`idx_members_id_index\` (\`id_number_index\`), INDEX \`idx_members_org_status\` (\`organization_id\`, \`status\`, \`id\`), UNIQUE INDEX \`IDX_7df3c93fa6bf12a63c50016911\` (\`uid\`), UNIQUE INDEX \`IDX_fd7e047b0fe6f453ba00dc1fb5\` (\`member_no\`), UNIQUE INDEX \`IDX_178f1ff140faceec6eaa0b8aed\` (\`active_id_number_index\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`membership_applications\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`uid\` varchar(36) NOT NULL, \`user_id\` int NOT NULL, \`real_name\` varchar(50) NOT NULL, \`id_number_enc\` varchar(255) NOT NULL, \`id_number_index\` varchar(64) NOT NULL, \`open_id_number_index\` varchar(64) NULL, \`phone_enc\` varchar(255) NOT NULL, \`phone_index\` varchar(64) NOT NULL, \`employer_name\` varchar(100) NOT NULL, \`employment_type\` varchar(20) NOT NULL, \`chosen_organization_id\` int NOT NULL, \`hide_from_employer\` tinyint NOT NULL DEFAULT 0, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_membership_applications_user\` (\`user_id\`), INDEX \`idx_membership_applications_id_index\` (\`id_number_index\`), UNIQUE INDEX \`IDX_495c9229b38f8a3ef7bc2b6b47\` (\`case_id\`), UNIQUE INDEX \`IDX_1b8d989a8a82287921f7cc1aaa\` (\`uid\`), UNIQUE INDEX \`IDX_ff5c786cec773bb536ec6041f7\` (\`open_id_number_index\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`membership_transfers\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`member_id\` int NOT NULL, \`open_member_id\` int NULL, \`from_organization_id\` int NOT NULL, \`to_organization_id\` int NOT NULL, \`new_employer_name\` varchar(100) NOT NULL, \`reason\` varchar(300) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_membership_transfers_member\` (\`member_id\`), UNIQUE INDEX \`IDX_3935606a3bf6d8ed28ff4951e0\` (\`case_id\`), UNIQUE INDEX \`IDX_853b604e270068f664e86a1fe9\` (\`open_member_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`messages\` (\`id\` int NOT NULL AUTO_INCREMENT, \`user_id\` int NOT NULL, \`title\` varchar(100) NOT NULL, \`body\` varchar(500) NOT NULL, \`link\` varchar(200) NULL, \`read_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_messages_user_unread\` (\`user_id\`, \`read_at\`), INDEX \`idx_messages_user\` (\`user_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`organizations\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(100) NOT NULL, \`kind\` varchar(32) NOT NULL, \`level\` varchar(16) NOT NULL, \`parent_id\` int NULL, \`path\` varchar(255) NOT NULL, \`employer_name\` varchar(100) NULL, \`accepts_unaffiliated\` tinyint NOT NULL DEFAULT 0, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_organizations_name\` (\`name\`), INDEX \`idx_organizations_path\` (\`path\`), INDEX \`idx_organizations_employer\` (\`employer_name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`audit_log\` (\`id\` int NOT NULL AUTO_INCREMENT, \`actor_user_id\` int NOT NULL, \`action\` varchar(40) NOT NULL, \`subject_type\` varchar(40) NOT NULL, \`subject_id\` int NOT NULL, \`field\` varchar(40) NULL, \`reason\` varchar(200) NULL, \`request_id\` varchar(64) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_audit_actor\` (\`actor_user_id\`, \`id\`), INDEX \`idx_audit_subject\` (\`subject_type\`, \`subject_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`case_history\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`action\` varchar(40) NOT NULL, \`from_state\` varchar(40) NULL, \`to_state\` varchar(40) NOT NULL, \`actor_user_id\` int NOT NULL, \`actor_name\` varchar(80) NOT NULL, \`comment\` varchar(500) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_case_history_case\` (\`case_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`outbox\` (\`id\` int NOT NULL AUTO_INCREMENT, \`topic\` varchar(40) NOT NULL, \`user_id\` int NOT NULL, \`payload\` text NOT NULL, \`status\` varchar(16) NOT NULL DEFAULT 'pending', \`attempts\` int NOT NULL DEFAULT '0', \`next_attempt_at\` datetime(3) NOT NULL, \`locked_until\` datetime(3) NULL, \`last_error\` varchar(300) NULL, \`created_at\` datetime(3) NOT NULL, \`sent_at\` datetime(3) NULL, INDEX \`idx_outbox_due\` (\`status\`, \`next_attempt_at\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`workflow_cases\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_type\` varchar(40) NOT NULL, \`state\` varchar(40) NOT NULL, \`version\` int NOT NULL DEFAULT '1', \`holder\` varchar(16) NOT NULL, \`organization_id\` int NOT NULL, \`organization_path\` varchar(255) NOT NULL, \`applicant_user_id\` int NOT NULL, \`title\` varchar(100) NOT NULL, \`submitted_at\` datetime(3) NOT NULL, \`due_at\` datetime(3) NULL, \`closed_at\` datetime(3) NULL, \`updated_at\` datetime(3) NOT NULL, INDEX \`idx_cases_applicant\` (\`applicant_user_id\`, \`id\`), INDEX \`idx_cases_queue\` (\`holder\`, \`organization_path\`, \`due_at\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`idx_cases_queue\` ON \`workflow_cases\``);
    await queryRunner.query(`DROP INDEX \`idx_cases_applicant\` ON \`workflow_cases\``);
    await queryRunner.query(`DROP TABLE \`workflow_cases\``);
    await queryRunner.query(`DROP INDEX \`idx_outbox_due\` ON \`outbox\``);
    await queryRunner.query(`DROP TABLE \`outbox\``);
    await queryRunner.query(`DROP INDEX \`idx_case_history_case\` ON \`case_history\``);
    await queryRunner.query(`DROP TABLE \`case_history\``);
    await queryRunner.query(`DROP INDEX \`idx_audit_subject\` ON \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`idx_audit_actor\` ON \`audit_log\``);
    await queryRunner.query(`DROP TABLE \`audit_log\``);
    await queryRunner.query(`DROP INDEX \`idx_organizations_employer\` ON \`organizations\``);
    await queryRunner.query(`DROP INDEX \`idx_organizations_path\` ON \`organizations\``);
    await queryRunner.query(`DROP INDEX \`idx_organizations_name\` ON \`organizations\``);
    await queryRunner.query(`DROP TABLE \`organizations\``);
    await queryRunner.query(`DROP INDEX \`idx_messages_user\` ON \`messages\``);
    await queryRunner.query(`DROP INDEX \`idx_messages_user_unread\` ON \`messages\``);
    await queryRunner.query(`DROP TABLE \`messages\``);
    await queryRunner.query(`DROP INDEX \`IDX_853b604e270068f664e86a1fe9\` ON \`membership_transfers\``);
    await queryRunner.query(`DROP INDEX \`IDX_3935606a3bf6d8ed28ff4951e0\` ON \`membership_transfers\``);
    await queryRunner.query(`DROP INDEX \`idx_membership_transfers_member\` ON \`membership_transfers\``);
    await queryRunner.query(`DROP TABLE \`membership_transfers\``);
    await queryRunner.query(`DROP INDEX \`IDX_ff5c786cec773bb536ec6041f7\` ON \`membership_applications\``);
    await queryRunner.query(`DROP INDEX \`IDX_1b8d989a8a82287921f7cc1aaa\` ON \`membership_applications\``);
    await queryRunner.query(`DROP INDEX \`IDX_495c9229b38f8a3ef7bc2b6b47\` ON \`membership_applications\``);
    await queryRunner.query(`DROP INDEX \`idx_membership_applications_id_index\` ON \`membership_applications\``);
    await queryRunner.query(`DROP INDEX \`idx_membership_applications_user\` ON \`membership_applications\``);
    await queryRunner.query(`DROP TABLE \`membership_applications\``);
    await queryRunner.query(`DROP INDEX \`IDX_178f1ff140faceec6eaa0b8aed\` ON \`members\``);
    await queryRunner.query(`DROP INDEX \`IDX_fd7e047b0fe6f453ba00dc1fb5\` ON \`members\``);
    await queryRunner.query(`DROP INDEX \`IDX_7df3c93fa6bf12a63c50016911\` ON \`members\``);
    await queryRunner.query(`DROP INDEX \`idx_members_org_status\` ON \`members\``);
    await queryRunner.query(`DROP INDEX \`idx_members_id_index\` ON \`members\``);
    await queryRunner.query(`DROP INDEX \`idx_members_user\` ON \`members\``);
    await queryRunner.query(`DROP TABLE \`members\``);
    await queryRunner.query(`DROP INDEX \`IDX_5d26b508063ca2a70b422c6b70\` ON \`users\``);
    await queryRunner.query(`DROP INDEX \`IDX_9c98f005249412c8333a3b2c59\` ON \`users\``);
    await queryRunner.query(`DROP TABLE \`users\``);
    await queryRunner.query(`DROP INDEX \`IDX_a7838d2ba25be1342091b6695f\` ON \`refresh_tokens\``);
    await queryRunner.query(`DROP INDEX \`idx_refresh_tokens_user\` ON \`refresh_tokens\``);
    await queryRunner.query(`DROP TABLE \`refresh_tokens\``);
    await queryRunner.query(`DROP INDEX \`IDX_3eed502b8bf2cd7805e77353c6\` ON \`invitations\``);
    await queryRunner.query(`DROP TABLE \`invitations\``);
    await queryRunner.query(`DROP INDEX \`idx_consents_user_kind\` ON \`consents\``);
    await queryRunner.query(`DROP TABLE \`consents\``);
  }
}

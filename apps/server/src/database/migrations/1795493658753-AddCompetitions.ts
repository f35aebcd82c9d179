import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCompetitions1795493658753 implements MigrationInterface {
  name = 'AddCompetitions1795493658753';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`proposals\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`submitter_user_id\` int NOT NULL, \`submitter_name\` varchar(50) NOT NULL, \`organization_id\` int NOT NULL, \`registered_no\` varchar(20) NULL, \`title\` varchar(100) NOT NULL, \`problem\` text NOT NULL, \`suggestion\` text NOT NULL, \`expected_benefit\` varchar(500) NOT NULL, \`expert_user_ids\` text NOT NULL, \`decision_reason\` varchar(500) NULL, \`implemented_on\` varchar(10) NULL, \`implementation_note\` varchar(500) NULL, \`benefit_fen\` bigint NULL, \`grade\` varchar(16) NULL, \`adopted_at\` datetime(3) NULL, \`evaluated_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_proposals_submitter\` (\`submitter_user_id\`, \`id\`), UNIQUE INDEX \`IDX_66f152d5c3deae02f31983983b\` (\`case_id\`), UNIQUE INDEX \`IDX_23d168fe888f0c6e1fe6a99f3f\` (\`registered_no\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`proposal_opinions\` (\`id\` int NOT NULL AUTO_INCREMENT, \`proposal_id\` int NOT NULL, \`expert_user_id\` int NOT NULL, \`expert_name\` varchar(50) NOT NULL, \`recommend\` varchar(8) NOT NULL, \`opinion\` varchar(1000) NOT NULL, \`created_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_proposal_opinion\` (\`proposal_id\`, \`expert_user_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`honour_kinds\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(40) NOT NULL, \`name\` varchar(40) NOT NULL, \`nominee_type\` varchar(16) NOT NULL, UNIQUE INDEX \`IDX_d108edc0aeb5bc1b75259f64c0\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`honour_nominations\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`kind_id\` int NOT NULL, \`nominee_name\` varchar(60) NOT NULL, \`employer_name\` varchar(100) NOT NULL, \`employer_key\` varchar(100) NOT NULL, \`deeds\` text NOT NULL, \`year\` int NOT NULL, \`nominated_by_organization_id\` int NOT NULL, \`notice_ends_at\` datetime(3) NULL, \`reject_reason\` varchar(500) NULL, \`revoked_reason\` varchar(500) NULL, \`awarded_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_nominations_kind_year\` (\`kind_id\`, \`year\`, \`id\`), UNIQUE INDEX \`IDX_d6a72bba9114241b9619332d93\` (\`case_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`nomination_objections\` (\`id\` int NOT NULL AUTO_INCREMENT, \`nomination_id\` int NOT NULL, \`user_id\` int NOT NULL, \`content\` varchar(500) NOT NULL, \`resolution\` varchar(500) NULL, \`created_at\` datetime(3) NOT NULL, \`resolved_at\` datetime(3) NULL, INDEX \`idx_nomination_objections\` (\`nomination_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`model_workers\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(60) NOT NULL, \`employer_name\` varchar(100) NOT NULL, \`title\` varchar(40) NOT NULL, \`awarded_year\` int NOT NULL, \`nomination_id\` int NULL, \`uid\` varchar(36) NOT NULL, \`created_at\` datetime(3) NOT NULL, UNIQUE INDEX \`IDX_a43c95c06ba796dbf6a11167db\` (\`nomination_id\`), UNIQUE INDEX \`IDX_f7b2b1be2159d09460c4332e35\` (\`uid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`model_worker_records\` (\`id\` int NOT NULL AUTO_INCREMENT, \`model_worker_id\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`date\` varchar(10) NOT NULL, \`note_enc\` text NOT NULL, \`amount_fen\` bigint NULL, \`recorded_by_name\` varchar(50) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_model_worker_records\` (\`model_worker_id\`, \`date\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`competitions\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`organizer_organization_id\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`title\` varchar(100) NOT NULL, \`description\` text NOT NULL, \`registration_closes_on\` varchar(10) NOT NULL, \`starts_on\` varchar(10) NOT NULL, \`ends_on\` varchar(10) NOT NULL, \`notice_days\` int NOT NULL, \`notice_ends_at\` datetime(3) NULL, \`published_at\` datetime(3) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_competitions_organizer\` (\`organizer_organization_id\`, \`id\`), UNIQUE INDEX \`IDX_be58312456aa5a5037ba0694cf\` (\`case_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`competition_events\` (\`id\` int NOT NULL AUTO_INCREMENT, \`competition_id\` int NOT NULL, \`name\` varchar(60) NOT NULL, \`entry_kind\` varchar(12) NOT NULL, \`max_entries\` int NOT NULL, \`entry_count\` int NOT NULL DEFAULT '0', \`team_min\` int NULL, \`team_max\` int NULL, \`scoring\` text NOT NULL, \`tie_break\` varchar(24) NOT NULL, \`awards\` text NOT NULL, \`judge_user_ids\` text NOT NULL, INDEX \`idx_competition_events_competition\` (\`competition_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`competition_entries\` (\`id\` int NOT NULL AUTO_INCREMENT, \`uid\` varchar(36) NOT NULL, \`competition_id\` int NOT NULL, \`event_id\` int NOT NULL, \`kind\` varchar(12) NOT NULL, \`registrant_user_id\` int NOT NULL, \`organization_id\` int NOT NULL, \`entrant_name\` varchar(60) NOT NULL, \`employer_name\` varchar(100) NOT NULL, \`employer_key\` varchar(100) NOT NULL, \`members\` text NOT NULL, \`status\` varchar(12) NOT NULL, \`active_key\` tinyint NULL, \`registered_at\` datetime(3) NOT NULL, \`checked_in_at\` datetime(3) NULL, \`direct_value\` int NULL, \`score\` double NULL, \`rank\` int NULL, \`awards\` text NULL, \`excluded_reason\` varchar(200) NULL, \`revoked_reason\` varchar(300) NULL, \`revoked_at\` datetime(3) NULL, INDEX \`idx_competition_entries_competition\` (\`competition_id\`, \`id\`), INDEX \`idx_competition_entries_registrant\` (\`registrant_user_id\`, \`id\`), INDEX \`idx_competition_entries_event\` (\`event_id\`, \`status\`, \`id\`), UNIQUE INDEX \`uq_competition_entry_active\` (\`event_id\`, \`registrant_user_id\`, \`active_key\`), UNIQUE INDEX \`IDX_99c192e91fb3804ee3db3cce4a\` (\`uid\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`competition_scores\` (\`id\` int NOT NULL AUTO_INCREMENT, \`event_id\` int NOT NULL, \`entry_id\` int NOT NULL, \`judge_user_id\` int NOT NULL, \`points\` int NOT NULL, \`created_at\` datetime(3) NOT NULL, \`updated_at\` datetime(3) NOT NULL, INDEX \`idx_competition_scores_event\` (\`event_id\`, \`entry_id\`), UNIQUE INDEX \`uq_competition_score\` (\`entry_id\`, \`judge_user_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`competition_score_corrections\` (\`id\` int NOT NULL AUTO_INCREMENT, \`entry_id\` int NOT NULL, \`by_user_id\` int NOT NULL, \`by_name\` varchar(50) NOT NULL, \`from_value\` int NULL, \`to_value\` int NOT NULL, \`reason\` varchar(200) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_competition_corrections_entry\` (\`entry_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`competition_conflicts\` (\`id\` int NOT NULL AUTO_INCREMENT, \`entry_id\` int NOT NULL, \`judge_user_id\` int NOT NULL, \`note\` varchar(100) NOT NULL, \`created_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_competition_conflict\` (\`entry_id\`, \`judge_user_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`competition_objections\` (\`id\` int NOT NULL AUTO_INCREMENT, \`competition_id\` int NOT NULL, \`entry_id\` int NULL, \`user_id\` int NOT NULL, \`content\` varchar(500) NOT NULL, \`resolution\` varchar(500) NULL, \`created_at\` datetime(3) NOT NULL, \`resolved_at\` datetime(3) NULL, INDEX \`idx_competition_objections\` (\`competition_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`employer_flags\` (\`id\` int NOT NULL AUTO_INCREMENT, \`employer_key\` varchar(100) NOT NULL, \`employer_name\` varchar(100) NOT NULL, \`kind\` varchar(20) NOT NULL, \`note\` varchar(200) NOT NULL, \`since\` varchar(10) NOT NULL, \`created_by_name\` varchar(50) NOT NULL, \`created_at\` datetime(3) NOT NULL, UNIQUE INDEX \`uq_employer_flag\` (\`employer_key\`, \`kind\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_employer_flag\` ON \`employer_flags\``);
    await queryRunner.query(`DROP TABLE \`employer_flags\``);
    await queryRunner.query(`DROP INDEX \`idx_competition_objections\` ON \`competition_objections\``);
    await queryRunner.query(`DROP TABLE \`competition_objections\``);
    await queryRunner.query(`DROP INDEX \`uq_competition_conflict\` ON \`competition_conflicts\``);
    await queryRunner.query(`DROP TABLE \`competition_conflicts\``);
    await queryRunner.query(`DROP INDEX \`idx_competition_corrections_entry\` ON \`competition_score_corrections\``);
    await queryRunner.query(`DROP TABLE \`competition_score_corrections\``);
    await queryRunner.query(`DROP INDEX \`uq_competition_score\` ON \`competition_scores\``);
    await queryRunner.query(`DROP INDEX \`idx_competition_scores_event\` ON \`competition_scores\``);
    await queryRunner.query(`DROP TABLE \`competition_scores\``);
    await queryRunner.query(`DROP INDEX \`IDX_99c192e91fb3804ee3db3cce4a\` ON \`competition_entries\``);
    await queryRunner.query(`DROP INDEX \`uq_competition_entry_active\` ON \`competition_entries\``);
    await queryRunner.query(`DROP INDEX \`idx_competition_entries_event\` ON \`competition_entries\``);
    await queryRunner.query(`DROP INDEX \`idx_competition_entries_registrant\` ON \`competition_entries\``);
    await queryRunner.query(`DROP INDEX \`idx_competition_entries_competition\` ON \`competition_entries\``);
    await queryRunner.query(`DROP TABLE \`competition_entries\``);
    await queryRunner.query(`DROP INDEX \`idx_competition_events_competition\` ON \`competition_events\``);
    await queryRunner.query(`DROP TABLE \`competition_events\``);
    await queryRunner.query(`DROP INDEX \`IDX_be58312456aa5a5037ba0694cf\` ON \`competitions\``);
    await queryRunner.query(`DROP INDEX \`idx_competitions_organizer\` ON \`competitions\``);
    await queryRunner.query(`DROP TABLE \`competitions\``);
    await queryRunner.query(`DROP INDEX \`idx_model_worker_records\` ON \`model_worker_records\``);
    await queryRunner.query(`DROP TABLE \`model_worker_records\``);
    await queryRunner.query(`DROP INDEX \`IDX_f7b2b1be2159d09460c4332e35\` ON \`model_workers\``);
    await queryRunner.query(`DROP INDEX \`IDX_a43c95c06ba796dbf6a11167db\` ON \`model_workers\``);
    await queryRunner.query(`DROP TABLE \`model_workers\``);
    await queryRunner.query(`DROP INDEX \`idx_nomination_objections\` ON \`nomination_objections\``);
    await queryRunner.query(`DROP TABLE \`nomination_objections\``);
    await queryRunner.query(`DROP INDEX \`IDX_d6a72bba9114241b9619332d93\` ON \`honour_nominations\``);
    await queryRunner.query(`DROP INDEX \`idx_nominations_kind_year\` ON \`honour_nominations\``);
    await queryRunner.query(`DROP TABLE \`honour_nominations\``);
    await queryRunner.query(`DROP INDEX \`IDX_d108edc0aeb5bc1b75259f64c0\` ON \`honour_kinds\``);
    await queryRunner.query(`DROP TABLE \`honour_kinds\``);
    await queryRunner.query(`DROP INDEX \`uq_proposal_opinion\` ON \`proposal_opinions\``);
    await queryRunner.query(`DROP TABLE \`proposal_opinions\``);
    await queryRunner.query(`DROP INDEX \`IDX_23d168fe888f0c6e1fe6a99f3f\` ON \`proposals\``);
    await queryRunner.query(`DROP INDEX \`IDX_66f152d5c3deae02f31983983b\` ON \`proposals\``);
    await queryRunner.query(`DROP INDEX \`idx_proposals_submitter\` ON \`proposals\``);
    await queryRunner.query(`DROP TABLE \`proposals\``);
  }
}

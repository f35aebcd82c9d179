import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Case type → the domain table its cases are about, as the workflow tables said on the day of this migration. */
const SUBJECTS: [string, string][] = [
  ['membership_application', 'membership_applications'],
  ['membership_transfer', 'membership_transfers'],
  ['hardship_application', 'hardship_applications'],
  ['assistance_record', 'hardship_assistance_records'],
  ['grant_application', 'hardship_grant_applications'],
  ['legal_consultation', 'legal_consultations'],
  ['legal_aid_application', 'legal_aid_applications'],
  ['legal_thread', 'legal_threads'],
  ['petition', 'petitions'],
  ['competition', 'competitions'],
  ['proposal', 'proposals'],
  ['honour_nomination', 'honour_nominations'],
];

/**
 * A case knows its domain row: `subject_type` (the table) and `subject_id` (the row), so the
 * workbench, the case endpoints and search read `workflow_cases` alone. Existing cases are filled in
 * from each domain table's `case_id`.
 */
export class AddCaseSubject1796400000000 implements MigrationInterface {
  name = 'AddCaseSubject1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`workflow_cases\` ADD \`subject_type\` varchar(40) NULL, ADD \`subject_id\` int NULL`);
    for (const [caseType, table] of SUBJECTS) {
      await queryRunner.query(
        `UPDATE \`workflow_cases\` SET \`subject_type\` = ?, \`subject_id\` = (SELECT t.\`id\` FROM \`${table}\` t WHERE t.\`case_id\` = \`workflow_cases\`.\`id\`) WHERE \`case_type\` = ?`,
        [table, caseType],
      );
    }
    await queryRunner.query(`UPDATE \`workflow_cases\` SET \`subject_type\` = \`case_type\` WHERE \`subject_type\` IS NULL`);
    await queryRunner.query(`ALTER TABLE \`workflow_cases\` MODIFY \`subject_type\` varchar(40) NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX \`uq_cases_subject\` ON \`workflow_cases\` (\`subject_type\`, \`subject_id\`)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`uq_cases_subject\` ON \`workflow_cases\``);
    await queryRunner.query(`ALTER TABLE \`workflow_cases\` DROP COLUMN \`subject_id\`, DROP COLUMN \`subject_type\``);
  }
}

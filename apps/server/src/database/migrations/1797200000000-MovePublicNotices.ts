import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When a competition's or a nomination's notice started: its last `start_notice` step, else its length before the end. */
const startedAt = (caseColumn: string, days: string) =>
  `COALESCE((SELECT MAX(h.created_at) FROM case_history h WHERE h.case_id = ${caseColumn} AND h.action = 'start_notice'), DATE_SUB(x.notice_ends_at, INTERVAL ${days} DAY))`;

/**
 * One table for every public notice (公示): the hardship notices of `hardship_public_notices` and the
 * ends of competitions' and nominations' notices (`notice_ends_at`) move into `public_notices`,
 * one row per case, kept by the `notices` module beside the objections.
 */
export class MovePublicNotices1797200000000 implements MigrationInterface {
  name = 'MovePublicNotices1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`public_notices\` (\`id\` int NOT NULL AUTO_INCREMENT, \`case_id\` int NOT NULL, \`case_type\` varchar(40) NOT NULL, \`organization_path\` varchar(255) NOT NULL, \`starts_at\` datetime(3) NOT NULL, \`ends_at\` datetime(3) NOT NULL, \`content\` varchar(600) NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_notices_scope\` (\`organization_path\`, \`ends_at\`, \`id\`), INDEX \`idx_notices_type_running\` (\`case_type\`, \`ends_at\`, \`id\`), UNIQUE INDEX \`IDX_35d52817c048edc59b5e7faf69\` (\`case_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `INSERT INTO public_notices (case_id, case_type, organization_path, starts_at, ends_at, content, created_at)
       SELECT a.case_id, 'hardship_application', n.organization_path, n.starts_at, n.ends_at, n.content, n.created_at
       FROM hardship_public_notices n JOIN hardship_applications a ON a.id = n.application_id ORDER BY n.id`,
    );
    for (const [table, caseType, days] of [
      ['competitions', 'competition', 'x.notice_days'],
      ['honour_nominations', 'honour_nomination', '5'],
    ]) {
      await queryRunner.query(
        `INSERT INTO public_notices (case_id, case_type, organization_path, starts_at, ends_at, content, created_at)
         SELECT x.case_id, '${caseType}', c.organization_path, ${startedAt('x.case_id', days)}, x.notice_ends_at, NULL, ${startedAt('x.case_id', days)}
         FROM ${table} x JOIN workflow_cases c ON c.id = x.case_id WHERE x.notice_ends_at IS NOT NULL ORDER BY x.id`,
      );
    }
    await queryRunner.query(`ALTER TABLE \`honour_nominations\` DROP COLUMN \`notice_ends_at\``);
    await queryRunner.query(`ALTER TABLE \`competitions\` DROP COLUMN \`notice_ends_at\``);
    await queryRunner.query(`DROP TABLE \`hardship_public_notices\``);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`hardship_public_notices\` (\`id\` int NOT NULL AUTO_INCREMENT, \`application_id\` int NOT NULL, \`organization_path\` varchar(255) NOT NULL, \`starts_at\` datetime(3) NOT NULL, \`ends_at\` datetime(3) NOT NULL, \`content\` varchar(600) NOT NULL, \`created_at\` datetime(3) NOT NULL, INDEX \`idx_public_notices_scope\` (\`organization_path\`, \`ends_at\`, \`id\`), INDEX \`idx_public_notices_running\` (\`ends_at\`, \`id\`), UNIQUE INDEX \`IDX_e5b3c92ae55a4135f191a53977\` (\`application_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `INSERT INTO hardship_public_notices (application_id, organization_path, starts_at, ends_at, content, created_at)
       SELECT a.id, n.organization_path, n.starts_at, n.ends_at, COALESCE(n.content, ''), n.created_at
       FROM public_notices n JOIN hardship_applications a ON a.case_id = n.case_id WHERE n.case_type = 'hardship_application' ORDER BY n.id`,
    );
    await queryRunner.query(`ALTER TABLE \`competitions\` ADD \`notice_ends_at\` datetime(3) NULL`);
    await queryRunner.query(`ALTER TABLE \`honour_nominations\` ADD \`notice_ends_at\` datetime(3) NULL`);
    for (const table of ['competitions', 'honour_nominations']) {
      await queryRunner.query(`UPDATE ${table} x JOIN public_notices n ON n.case_id = x.case_id SET x.notice_ends_at = n.ends_at`);
    }
    await queryRunner.query(`DROP TABLE \`public_notices\``);
  }
}

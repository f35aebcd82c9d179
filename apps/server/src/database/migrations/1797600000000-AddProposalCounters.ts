import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Registration numbers of proposals (JY<year>-<n>) come from a counter row per year, bumped under a
 * row lock in the registering transaction, instead of counting the year's numbers (two registrations
 * at once got the same one). A year's row is made at its first registration, after the numbers
 * already given, so nothing is backfilled here.
 */
export class AddProposalCounters1797600000000 implements MigrationInterface {
  name = 'AddProposalCounters1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `proposal_counters` (`year` int NOT NULL, `last_no` int NOT NULL, PRIMARY KEY (`year`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `proposal_counters`');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each county's own days in the work calendar (local holidays, working days), over the national calendar. */
export class AddWorkCalendarDays1798300000000 implements MigrationInterface {
  name = 'AddWorkCalendarDays1798300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `work_calendar_days` (`county_organization_id` int NOT NULL, `date` varchar(10) NOT NULL, `working` tinyint NOT NULL, `name` varchar(40) NOT NULL, `created_by_name` varchar(50) NOT NULL, `created_at` datetime(3) NOT NULL, PRIMARY KEY (`county_organization_id`, `date`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `work_calendar_days`');
  }
}

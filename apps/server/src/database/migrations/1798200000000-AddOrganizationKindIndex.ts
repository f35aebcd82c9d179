import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The county federations of a province's deployment (and any kind of union) found from an index. */
export class AddOrganizationKindIndex1798200000000 implements MigrationInterface {
  name = 'AddOrganizationKindIndex1798200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX `idx_organizations_kind` ON `organizations` (`kind`, `id`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_organizations_kind` ON `organizations`');
  }
}

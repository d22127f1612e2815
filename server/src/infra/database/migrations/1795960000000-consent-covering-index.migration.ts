import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: the desk's lookup reads the consent in force with every prescription; with `granted` in
 * the (member_id, kind, id) index it is answered from the index alone, without a second B-tree
 * descent into the consents' rows (10M of them at 10M members).
 */
export class ConsentCoveringIndex1795960000000 implements MigrationInterface {
  name = 'ConsentCoveringIndex1795960000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `IDX_94c11a281dc3a80f67046f8fd7` ON `consents` (`member_id`, `kind`, `id`, `granted`)',
    );
    await queryRunner.query('DROP INDEX `IDX_003ca2c63a5f92d93f805c53c2` ON `consents`');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `IDX_003ca2c63a5f92d93f805c53c2` ON `consents` (`member_id`, `kind`, `id`)',
    );
    await queryRunner.query('DROP INDEX `IDX_94c11a281dc3a80f67046f8fd7` ON `consents`');
  }
}

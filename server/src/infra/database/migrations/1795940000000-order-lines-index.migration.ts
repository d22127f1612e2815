import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 13: an order's lines are read `WHERE order_id IN (…) ORDER BY id`; an index on
 * (order_id, id) hands them over sorted instead of a filesort. It also serves the foreign key, so
 * the old (order_id) index goes.
 */
export class OrderLinesIndex1795940000000 implements MigrationInterface {
  name = 'OrderLinesIndex1795940000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX `IDX_63512470f9489fe3f722c1d5a1` ON `order_items` (`order_id`, `id`)',
    );
    await queryRunner.query('DROP INDEX `IDX_145532db85752b29c57d2b7b1f` ON `order_items`');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX `IDX_145532db85752b29c57d2b7b1f` ON `order_items` (`order_id`)');
    await queryRunner.query('DROP INDEX `IDX_63512470f9489fe3f722c1d5a1` ON `order_items`');
  }
}

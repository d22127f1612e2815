import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 13: the product detail's SKUs and a frame's lenses read in index order, without a filesort. */
export class CatalogHotPaths1795810000000 implements MigrationInterface {
  name = 'CatalogHotPaths1795810000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX \`IDX_f138608234db765642c301583b\` ON \`skus\` (\`product_id\`, \`on_sale\`, \`price\`, \`id\`)`,
    );
    await queryRunner.query(
      `CREATE INDEX \`IDX_8670bd2334180e98d04dbbc7a4\` ON \`products\` (\`on_sale\`, \`category\`, \`price_from\`, \`id\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_8670bd2334180e98d04dbbc7a4\` ON \`products\``);
    await queryRunner.query(`DROP INDEX \`IDX_f138608234db765642c301583b\` ON \`skus\``);
  }
}

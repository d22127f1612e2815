import { MigrationInterface, QueryRunner } from 'typeorm';

/** Coupons of their own amount (trade-in credit): `coupons.amount_off` and the credit template's key. */
export class CouponCredits1795730000000 implements MigrationInterface {
  name = 'CouponCredits1795730000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`coupon_templates\` ADD \`credit_key\` varchar(30) NULL`);
    await queryRunner.query(
      `ALTER TABLE \`coupon_templates\` ADD UNIQUE INDEX \`IDX_c0f56c71152641f8e725d8bf53\` (\`credit_key\`)`,
    );
    await queryRunner.query(`ALTER TABLE \`coupons\` ADD \`amount_off\` int NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`coupons\` DROP COLUMN \`amount_off\``);
    await queryRunner.query(`ALTER TABLE \`coupon_templates\` DROP INDEX \`IDX_c0f56c71152641f8e725d8bf53\``);
    await queryRunner.query(`ALTER TABLE \`coupon_templates\` DROP COLUMN \`credit_key\``);
  }
}

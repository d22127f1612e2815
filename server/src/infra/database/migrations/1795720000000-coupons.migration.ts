import { MigrationInterface, QueryRunner } from 'typeorm';

export class Coupons1795720000000 implements MigrationInterface {
  name = 'Coupons1795720000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`coupon_issue_jobs\` (\`id\` int NOT NULL AUTO_INCREMENT, \`template_id\` int NOT NULL, \`status\` varchar(10) NOT NULL, \`member_ids\` text NOT NULL, \`done\` int NOT NULL DEFAULT '0', \`issued\` int NOT NULL DEFAULT '0', \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_35a2073dab70c789e5cb16dfdd\` (\`status\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`coupon_templates\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(60) NOT NULL, \`kind\` varchar(20) NOT NULL, \`amount_off\` int NULL, \`percent_off\` int NULL, \`max_discount\` int NULL, \`threshold\` int NOT NULL DEFAULT '0', \`scope\` text NOT NULL, \`total_quantity\` int NULL, \`issued\` int NOT NULL DEFAULT '0', \`per_member_limit\` int NOT NULL, \`valid_from\` datetime(6) NULL, \`valid_to\` datetime(6) NULL, \`valid_days\` int NULL, \`channel\` varchar(10) NOT NULL, \`stackable\` tinyint NOT NULL DEFAULT 0, \`active\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_0274aadcae4f2636cec5e0029a\` (\`channel\`, \`active\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`coupons\` (\`id\` int NOT NULL AUTO_INCREMENT, \`template_id\` int NOT NULL, \`member_id\` int NOT NULL, \`seq\` int NOT NULL, \`status\` varchar(10) NOT NULL, \`valid_from\` datetime(6) NOT NULL, \`valid_to\` datetime(6) NOT NULL, \`used_at\` datetime(6) NULL, \`order_id\` int NULL, \`redeemed_by_staff_id\` int NULL, \`redeemed_store_id\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_c37a46a23c00b9cef5c88d2559\` (\`order_id\`), INDEX \`IDX_8a633719801684eaaf0a97c95b\` (\`member_id\`, \`status\`), UNIQUE INDEX \`IDX_99550eeedc7efcec3793532261\` (\`template_id\`, \`member_id\`, \`seq\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`coupons\``);
    await queryRunner.query(`DROP TABLE \`coupon_templates\``);
    await queryRunner.query(`DROP TABLE \`coupon_issue_jobs\``);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class GroupBuys1795770000000 implements MigrationInterface {
  name = 'GroupBuys1795770000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`group_buy_campaigns\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(60) NOT NULL, \`sku_id\` int NOT NULL, \`product_id\` int NOT NULL, \`product_name\` varchar(120) NOT NULL, \`category\` varchar(20) NOT NULL, \`image_url\` varchar(255) NOT NULL, \`list_price\` int NOT NULL, \`group_price\` int NOT NULL, \`group_size\` int NOT NULL, \`hours_to_complete\` int NOT NULL, \`starts_at\` datetime(6) NOT NULL, \`ends_at\` datetime(6) NOT NULL, \`max_groups\` int NULL, \`groups_opened\` int NOT NULL DEFAULT '0', \`per_member_limit\` int NOT NULL, \`new_members_only\` tinyint NOT NULL DEFAULT 0, \`ended_at\` datetime(6) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_ca1c78cf53a9f5bac099e2b053\` (\`starts_at\`, \`ends_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`group_buy_groups\` (\`id\` int NOT NULL AUTO_INCREMENT, \`campaign_id\` int NOT NULL, \`leader_id\` int NULL, \`size\` int NOT NULL, \`seats_taken\` int NOT NULL DEFAULT '0', \`paid_count\` int NOT NULL DEFAULT '0', \`status\` varchar(10) NOT NULL, \`deadline\` datetime(6) NOT NULL, \`completed_at\` datetime(6) NULL, \`failed_at\` datetime(6) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_c86a4b225b7d07ea69548fba0c\` (\`campaign_id\`, \`status\`), INDEX \`IDX_10f8040f8fcf53e80d73e4e411\` (\`status\`, \`deadline\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`group_buy_quotas\` (\`campaign_id\` int NOT NULL, \`member_id\` int NOT NULL, \`used\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`campaign_id\`, \`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`group_buy_seats\` (\`id\` int NOT NULL AUTO_INCREMENT, \`group_id\` int NOT NULL, \`campaign_id\` int NOT NULL, \`member_id\` int NULL, \`active_member_id\` int NULL, \`order_id\` int NOT NULL, \`leader\` tinyint NOT NULL DEFAULT 0, \`status\` varchar(10) NOT NULL, \`paid_at\` datetime(6) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_43051a1faaaaf0f286fad1d1f6\` (\`order_id\`), INDEX \`IDX_d2130a3832a06404cfd7dd4aad\` (\`member_id\`, \`id\`), UNIQUE INDEX \`IDX_6fd62a34c41d10287dfe884034\` (\`group_id\`, \`active_member_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`service_vouchers\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(16) NOT NULL, \`member_id\` int NOT NULL, \`group_id\` int NOT NULL, \`order_id\` int NOT NULL, \`product_id\` int NOT NULL, \`product_name\` varchar(120) NOT NULL, \`status\` varchar(10) NOT NULL, \`valid_to\` varchar(10) NOT NULL, \`redeemed_at\` datetime(6) NULL, \`redeemed_by\` int NULL, \`redeemed_store_id\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_ecada394d855e7b872df56f4dc\` (\`code\`), UNIQUE INDEX \`IDX_b70b6c59c75cf23c38708580d0\` (\`order_id\`), INDEX \`IDX_17aa55479216af463f9000ee76\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`service_vouchers\``);
    await queryRunner.query(`DROP TABLE \`group_buy_seats\``);
    await queryRunner.query(`DROP TABLE \`group_buy_quotas\``);
    await queryRunner.query(`DROP TABLE \`group_buy_groups\``);
    await queryRunner.query(`DROP TABLE \`group_buy_campaigns\``);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersAndPayments1795600000000 implements MigrationInterface {
  name = 'OrdersAndPayments1795600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`cart_items\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`sku_id\` int NOT NULL, \`quantity\` int NOT NULL, \`lens\` text NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_9a9cb64ecc5db669bdc7645023\` (\`member_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`lens_options\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(40) NOT NULL, \`kind\` varchar(20) NOT NULL, \`name\` varchar(80) NOT NULL, \`price\` int NOT NULL, \`on_sale\` tinyint NOT NULL DEFAULT 1, UNIQUE INDEX \`IDX_d156eecb02083a986805c3a708\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`idempotency_keys\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`key\` varchar(100) NOT NULL, \`request_hash\` varchar(64) NOT NULL, \`response\` text NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`expires_at\` datetime(6) NOT NULL, INDEX \`IDX_e5fc0731b6752a8e9194fa265e\` (\`expires_at\`), UNIQUE INDEX \`IDX_ce0fb1902c9c790823cffeae8b\` (\`member_id\`, \`key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`order_events\` (\`id\` int NOT NULL AUTO_INCREMENT, \`order_id\` int NOT NULL, \`from_status\` varchar(20) NULL, \`to_status\` varchar(20) NOT NULL, \`actor\` varchar(10) NOT NULL, \`actor_id\` int NULL, \`note\` varchar(200) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_b33cbf9a59cbee112d94bcb59d\` (\`order_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`orders\` (\`id\` int NOT NULL AUTO_INCREMENT, \`no\` varchar(32) NOT NULL, \`member_id\` int NOT NULL, \`store_id\` int NOT NULL, \`status\` varchar(20) NOT NULL, \`fulfilment\` varchar(10) NOT NULL, \`address\` text NULL, \`subtotal\` int NOT NULL, \`discount\` int NOT NULL, \`points_discount\` int NOT NULL, \`balance_paid\` int NOT NULL, \`payable\` int NOT NULL, \`refunded\` int NOT NULL DEFAULT '0', \`expires_at\` datetime(6) NOT NULL, \`pay_requested_at\` datetime(6) NULL, \`paid_at\` datetime(6) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_3b7ad7998998c5d973b3de1c0b\` (\`no\`), INDEX \`IDX_83372b980bc48e8deb7707cd07\` (\`store_id\`, \`created_at\`), INDEX \`IDX_d824fdda499dfe405678ec8ef9\` (\`status\`, \`expires_at\`), INDEX \`IDX_c78707e60c7a5daaf5239e43d5\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`order_items\` (\`id\` int NOT NULL AUTO_INCREMENT, \`order_id\` int NOT NULL, \`sku_id\` int NOT NULL, \`product_id\` int NOT NULL, \`name\` varchar(120) NOT NULL, \`attributes\` text NOT NULL, \`image_url\` varchar(200) NOT NULL, \`quantity\` int NOT NULL, \`unit_price\` int NOT NULL, \`lens\` text NULL, \`prescription_id\` int NULL, \`line_total\` int NOT NULL, INDEX \`IDX_145532db85752b29c57d2b7b1f\` (\`order_id\`), INDEX \`IDX_3cefe5ef53e93b2bfb78316ddf\` (\`prescription_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`payments\` (\`id\` int NOT NULL AUTO_INCREMENT, \`order_id\` int NOT NULL, \`out_trade_no\` varchar(32) NOT NULL, \`transaction_id\` varchar(32) NOT NULL, \`amount\` int NOT NULL, \`payer_openid\` varchar(128) NULL, \`paid_at\` datetime(6) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_b2f7b823a21562eeca20e72b00\` (\`order_id\`), UNIQUE INDEX \`IDX_3c324ca49dabde7ffc0ef64675\` (\`transaction_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`refunds\` (\`id\` int NOT NULL AUTO_INCREMENT, \`order_id\` int NOT NULL, \`out_refund_no\` varchar(64) NOT NULL, \`amount\` int NOT NULL, \`reason\` varchar(80) NOT NULL, \`state\` varchar(12) NOT NULL, \`refund_id\` varchar(64) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_a42db6369017df60549539f556\` (\`order_id\`), UNIQUE INDEX \`IDX_726165fe1d221e74b601fb98c9\` (\`out_refund_no\`), INDEX \`IDX_3f35fbb3500cd4d80341c95224\` (\`state\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`order_items\` ADD CONSTRAINT \`FK_145532db85752b29c57d2b7b1f1\` FOREIGN KEY (\`order_id\`) REFERENCES \`orders\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE \`order_items\` DROP FOREIGN KEY \`FK_145532db85752b29c57d2b7b1f1\``,
    );
    await queryRunner.query(`DROP INDEX \`IDX_3f35fbb3500cd4d80341c95224\` ON \`refunds\``);
    await queryRunner.query(`DROP INDEX \`IDX_726165fe1d221e74b601fb98c9\` ON \`refunds\``);
    await queryRunner.query(`DROP INDEX \`IDX_a42db6369017df60549539f556\` ON \`refunds\``);
    await queryRunner.query(`DROP TABLE \`refunds\``);
    await queryRunner.query(`DROP INDEX \`IDX_3c324ca49dabde7ffc0ef64675\` ON \`payments\``);
    await queryRunner.query(`DROP INDEX \`IDX_b2f7b823a21562eeca20e72b00\` ON \`payments\``);
    await queryRunner.query(`DROP TABLE \`payments\``);
    await queryRunner.query(`DROP INDEX \`IDX_3cefe5ef53e93b2bfb78316ddf\` ON \`order_items\``);
    await queryRunner.query(`DROP INDEX \`IDX_145532db85752b29c57d2b7b1f\` ON \`order_items\``);
    await queryRunner.query(`DROP TABLE \`order_items\``);
    await queryRunner.query(`DROP INDEX \`IDX_c78707e60c7a5daaf5239e43d5\` ON \`orders\``);
    await queryRunner.query(`DROP INDEX \`IDX_d824fdda499dfe405678ec8ef9\` ON \`orders\``);
    await queryRunner.query(`DROP INDEX \`IDX_83372b980bc48e8deb7707cd07\` ON \`orders\``);
    await queryRunner.query(`DROP INDEX \`IDX_3b7ad7998998c5d973b3de1c0b\` ON \`orders\``);
    await queryRunner.query(`DROP TABLE \`orders\``);
    await queryRunner.query(`DROP INDEX \`IDX_b33cbf9a59cbee112d94bcb59d\` ON \`order_events\``);
    await queryRunner.query(`DROP TABLE \`order_events\``);
    await queryRunner.query(`DROP INDEX \`IDX_ce0fb1902c9c790823cffeae8b\` ON \`idempotency_keys\``);
    await queryRunner.query(`DROP INDEX \`IDX_e5fc0731b6752a8e9194fa265e\` ON \`idempotency_keys\``);
    await queryRunner.query(`DROP TABLE \`idempotency_keys\``);
    await queryRunner.query(`DROP INDEX \`IDX_d156eecb02083a986805c3a708\` ON \`lens_options\``);
    await queryRunner.query(`DROP TABLE \`lens_options\``);
    await queryRunner.query(`DROP INDEX \`IDX_9a9cb64ecc5db669bdc7645023\` ON \`cart_items\``);
    await queryRunner.query(`DROP TABLE \`cart_items\``);
  }
}

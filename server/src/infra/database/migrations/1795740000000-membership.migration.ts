import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Membership: tier rules, member tiers, the points rule, points accounts, lots and ledger; the
 * member discount on orders. Tier and points move off `members` (nothing ever updated them: every
 * member was 银卡 with 0 points, so nothing is carried over).
 */
export class Membership1795740000000 implements MigrationInterface {
  name = 'Membership1795740000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`member_tiers\` (\`member_id\` int NOT NULL, \`tier\` varchar(16) NOT NULL, \`spend12m\` int NOT NULL, \`computed_at\` datetime(6) NOT NULL, \`review_at\` datetime(6) NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_a54245baf692c6fd434e1beafb\` (\`review_at\`), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`points_accounts\` (\`member_id\` int NOT NULL, \`balance\` int NOT NULL DEFAULT '0', \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`points_ledger\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`points\` int NOT NULL, \`balance_after\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`order_id\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_cea93ad443205291528fe834c7\` (\`order_id\`, \`kind\`), INDEX \`IDX_2b4118061109d7a153120fda61\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`points_lot_uses\` (\`id\` int NOT NULL AUTO_INCREMENT, \`order_id\` int NOT NULL, \`lot_id\` int NOT NULL, \`points\` int NOT NULL, INDEX \`IDX_5f742d0bcf6ce90ef4bd024d4e\` (\`order_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`points_lots\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`order_id\` int NULL, \`points\` int NOT NULL, \`remaining\` int NOT NULL, \`expires_at\` datetime(6) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_e79d00af7bc86989ac8d4ebcdd\` (\`expires_at\`, \`remaining\`), INDEX \`IDX_a3f5d3486230cd03dfa83a4888\` (\`member_id\`, \`expires_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`points_rules\` (\`id\` int NOT NULL, \`points_per_yuan\` int NOT NULL, \`points_per_yuan_spent\` int NOT NULL, \`max_order_percent\` int NOT NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`membership_tier_rules\` (\`tier\` varchar(16) NOT NULL, \`min_spend\` int NOT NULL, \`discount_percent\` int NOT NULL, \`points_multiplier\` int NOT NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`tier\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`members\` DROP COLUMN \`tier\``);
    await queryRunner.query(`ALTER TABLE \`members\` DROP COLUMN \`points\``);
    await queryRunner.query(`ALTER TABLE \`orders\` ADD \`member_discount\` int NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `CREATE INDEX \`IDX_e038cfb52dd9637a7ff13155e3\` ON \`orders\` (\`member_id\`, \`paid_at\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_e038cfb52dd9637a7ff13155e3\` ON \`orders\``);
    await queryRunner.query(`ALTER TABLE \`orders\` DROP COLUMN \`member_discount\``);
    await queryRunner.query(`ALTER TABLE \`members\` ADD \`points\` int NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE \`members\` ADD \`tier\` varchar(16) NOT NULL DEFAULT 'silver'`);
    await queryRunner.query(`DROP TABLE \`membership_tier_rules\``);
    await queryRunner.query(`DROP TABLE \`points_rules\``);
    await queryRunner.query(`DROP INDEX \`IDX_a3f5d3486230cd03dfa83a4888\` ON \`points_lots\``);
    await queryRunner.query(`DROP INDEX \`IDX_e79d00af7bc86989ac8d4ebcdd\` ON \`points_lots\``);
    await queryRunner.query(`DROP TABLE \`points_lots\``);
    await queryRunner.query(`DROP INDEX \`IDX_5f742d0bcf6ce90ef4bd024d4e\` ON \`points_lot_uses\``);
    await queryRunner.query(`DROP TABLE \`points_lot_uses\``);
    await queryRunner.query(`DROP INDEX \`IDX_2b4118061109d7a153120fda61\` ON \`points_ledger\``);
    await queryRunner.query(`DROP INDEX \`IDX_cea93ad443205291528fe834c7\` ON \`points_ledger\``);
    await queryRunner.query(`DROP TABLE \`points_ledger\``);
    await queryRunner.query(`DROP TABLE \`points_accounts\``);
    await queryRunner.query(`DROP INDEX \`IDX_a54245baf692c6fd434e1beafb\` ON \`member_tiers\``);
    await queryRunner.query(`DROP TABLE \`member_tiers\``);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

export class Wallet1795750000000 implements MigrationInterface {
  name = 'Wallet1795750000000';

  /**
   * The wallet owns the stored value now: `members.balance` was never written (always 0 until
   * this release), so it is dropped without carrying anything over.
   */
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`wallet_accounts\` (\`member_id\` int NOT NULL, \`principal\` int NOT NULL DEFAULT '0', \`bonus\` int NOT NULL DEFAULT '0', \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wallet_ledger\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`amount\` int NOT NULL, \`principal_delta\` int NOT NULL, \`bonus_delta\` int NOT NULL, \`balance_after\` int NOT NULL, \`kind\` varchar(16) NOT NULL, \`order_id\` int NULL, \`top_up_id\` int NULL, \`once_key\` varchar(40) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_9179c9f12e0ba2f340cfd3d410\` (\`once_key\`), INDEX \`IDX_ea245484dcd547bb6fffb0e011\` (\`order_id\`), INDEX \`IDX_b0e187abb3e0de11858c5faa35\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wallet_plans\` (\`id\` int NOT NULL AUTO_INCREMENT, \`pay\` int NOT NULL, \`credit\` int NOT NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_6875db65bd2ac49af9cda75194\` (\`active\`, \`credit\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wallet_top_ups\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`plan_id\` int NOT NULL, \`order_id\` int NOT NULL, \`pay\` int NOT NULL, \`credit\` int NOT NULL, \`state\` varchar(10) NOT NULL, \`principal_refunded\` int NOT NULL DEFAULT '0', \`bonus_removed\` int NOT NULL DEFAULT '0', \`credited_at\` datetime(6) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_295928bc3a810b21ac742df66d\` (\`order_id\`), INDEX \`IDX_a7ae39b83e518ad9d3933ceda9\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`members\` DROP COLUMN \`balance\``);
    await queryRunner.query(`ALTER TABLE \`orders\` ADD \`kind\` varchar(10) NOT NULL DEFAULT 'goods'`);
    await queryRunner.query(`ALTER TABLE \`orders\` ADD \`description\` varchar(60) NULL`);
    await queryRunner.query(`ALTER TABLE \`orders\` ADD \`balance_refunded\` int NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`orders\` DROP COLUMN \`balance_refunded\``);
    await queryRunner.query(`ALTER TABLE \`orders\` DROP COLUMN \`description\``);
    await queryRunner.query(`ALTER TABLE \`orders\` DROP COLUMN \`kind\``);
    await queryRunner.query(`ALTER TABLE \`members\` ADD \`balance\` int NOT NULL DEFAULT 0`);
    await queryRunner.query(`DROP INDEX \`IDX_a7ae39b83e518ad9d3933ceda9\` ON \`wallet_top_ups\``);
    await queryRunner.query(`DROP INDEX \`IDX_295928bc3a810b21ac742df66d\` ON \`wallet_top_ups\``);
    await queryRunner.query(`DROP TABLE \`wallet_top_ups\``);
    await queryRunner.query(`DROP INDEX \`IDX_6875db65bd2ac49af9cda75194\` ON \`wallet_plans\``);
    await queryRunner.query(`DROP TABLE \`wallet_plans\``);
    await queryRunner.query(`DROP INDEX \`IDX_b0e187abb3e0de11858c5faa35\` ON \`wallet_ledger\``);
    await queryRunner.query(`DROP INDEX \`IDX_ea245484dcd547bb6fffb0e011\` ON \`wallet_ledger\``);
    await queryRunner.query(`DROP INDEX \`IDX_9179c9f12e0ba2f340cfd3d410\` ON \`wallet_ledger\``);
    await queryRunner.query(`DROP TABLE \`wallet_ledger\``);
    await queryRunner.query(`DROP TABLE \`wallet_accounts\``);
  }
}

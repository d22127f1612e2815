import { MigrationInterface, QueryRunner } from 'typeorm';

export class Referrals1795760000000 implements MigrationInterface {
  name = 'Referrals1795760000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`referral_attributions\` (\`id\` int NOT NULL AUTO_INCREMENT, \`referee_id\` int NOT NULL, \`referrer_id\` int NOT NULL, \`code\` varchar(8) NULL, \`scene\` varchar(64) NULL, \`scanned_at\` datetime(6) NULL, \`attributed_at\` datetime(6) NOT NULL, \`status\` varchar(12) NOT NULL, \`order_id\` int NULL, \`order_completed_at\` datetime(6) NULL, \`reward_due_at\` datetime(6) NULL, \`settled_at\` datetime(6) NULL, \`reward_month\` varchar(7) NULL, \`reward_coupon_id\` int NULL, \`reward_points\` int NULL, \`cancel_reason\` varchar(24) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_b8ad50ccda2246d73aacc6e3ed\` (\`referee_id\`), UNIQUE INDEX \`IDX_cc0bf4743d915102913f8d3b50\` (\`order_id\`), INDEX \`IDX_f0bf2e9369341bdcffc2db2bc9\` (\`referrer_id\`, \`attributed_at\`), INDEX \`IDX_87e76a1c4601afdd8ec7b93ada\` (\`status\`, \`reward_due_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`referral_codes\` (\`member_id\` int NOT NULL, \`code\` varchar(8) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_adda7b9deda346ff710695f496\` (\`code\`), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`referral_monthly_grants\` (\`referrer_id\` int NOT NULL, \`month\` varchar(7) NOT NULL, \`granted\` int NOT NULL DEFAULT '0', PRIMARY KEY (\`referrer_id\`, \`month\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`referral_rejections\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`reason\` varchar(24) NOT NULL, \`at\` datetime(6) NOT NULL, INDEX \`IDX_786047226f404e4ea856ba6eef\` (\`member_id\`), INDEX \`IDX_83d53631c4d20bf671a1af63b4\` (\`at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`referral_rules\` (\`id\` int NOT NULL, \`coupon_template_id\` int NULL, \`points\` int NULL, \`return_window_days\` int NOT NULL, \`monthly_cap_per_referrer\` int NOT NULL, \`attribution_days\` int NOT NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`referral_scans\` (\`id\` int NOT NULL AUTO_INCREMENT, \`code\` varchar(8) NOT NULL, \`referrer_id\` int NOT NULL, \`scanned_at\` datetime(6) NOT NULL, INDEX \`IDX_3a91b8a6487db1c5b988500a7b\` (\`referrer_id\`, \`scanned_at\`), INDEX \`IDX_78f5e8082afdb8403861a705cd\` (\`scanned_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`referral_scans\``);
    await queryRunner.query(`DROP TABLE \`referral_rules\``);
    await queryRunner.query(`DROP TABLE \`referral_rejections\``);
    await queryRunner.query(`DROP TABLE \`referral_monthly_grants\``);
    await queryRunner.query(`DROP TABLE \`referral_codes\``);
    await queryRunner.query(`DROP TABLE \`referral_attributions\``);
  }
}

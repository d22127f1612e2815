import { MigrationInterface, QueryRunner } from 'typeorm';

/** The trade-ins module's tables; the estimate table starts from the module's defaults until an admin saves one. */
export class TradeIns1795730000001 implements MigrationInterface {
  name = 'TradeIns1795730000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`trade_in_photos\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`trade_in_id\` int NULL, \`file_key\` varchar(64) NOT NULL, \`mime_type\` varchar(20) NOT NULL, \`size\` int NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_3a845cae846fecd7c195e88126\` (\`trade_in_id\`), INDEX \`IDX_f679ffd198192ea6ea60dfbc05\` (\`member_id\`), UNIQUE INDEX \`IDX_0fda88c972623d8f17d55fda78\` (\`file_key\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`trade_in_rules\` (\`id\` int NOT NULL, \`rules\` text NOT NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`trade_ins\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`store_id\` int NOT NULL, \`category\` varchar(20) NOT NULL, \`material\` varchar(20) NOT NULL, \`brand_tier\` varchar(20) NOT NULL, \`age_years\` int NOT NULL, \`condition\` varchar(20) NOT NULL, \`estimate_min\` int NOT NULL, \`estimate_max\` int NOT NULL, \`status\` varchar(12) NOT NULL, \`final_amount\` int NULL, \`inspection_note\` varchar(500) NULL, \`reject_reason\` varchar(500) NULL, \`coupon_id\` int NULL, \`inspected_by_staff_id\` int NULL, \`inspected_at\` datetime(6) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_5ddb54e40435036f596464e339\` (\`store_id\`, \`status\`), INDEX \`IDX_909a6bfd582a515774cc93ffd1\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`trade_ins\``);
    await queryRunner.query(`DROP TABLE \`trade_in_rules\``);
    await queryRunner.query(`DROP TABLE \`trade_in_photos\``);
  }
}

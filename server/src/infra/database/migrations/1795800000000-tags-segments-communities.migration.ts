import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tags, segments, groups and KPI facts (tags module); segment pushes on coupon issue jobs. */
export class TagsSegmentsCommunities1795800000000 implements MigrationInterface {
  name = 'TagsSegmentsCommunities1795800000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`community_members\` (\`community_id\` int NOT NULL, \`member_id\` int NOT NULL, \`joined_at\` datetime(6) NOT NULL, \`left_at\` datetime(6) NULL, INDEX \`IDX_9cee09a19a82ecaf3b037f6e12\` (\`member_id\`), PRIMARY KEY (\`community_id\`, \`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`communities\` (\`id\` int NOT NULL AUTO_INCREMENT, \`kind\` varchar(12) NOT NULL, \`name\` varchar(64) NOT NULL, \`store_id\` int NULL, \`tag\` varchar(64) NULL, \`qr_image_url\` varchar(500) NOT NULL, \`welcome_text\` varchar(500) NOT NULL, \`chat_id\` varchar(64) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_c49788aea52a84e05e4dcdf9d3\` (\`chat_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`kpi_facts\` (\`id\` int NOT NULL AUTO_INCREMENT, \`event_key\` varchar(64) NOT NULL, \`kind\` varchar(16) NOT NULL, \`staff_id\` int NULL, \`store_id\` int NULL, \`member_id\` int NOT NULL, \`channel\` varchar(16) NULL, \`at\` datetime(6) NOT NULL, UNIQUE INDEX \`IDX_8ced3c8050b3c038ec58f5f0c4\` (\`event_key\`), INDEX \`IDX_ccb8a80175b63142396c7b2d40\` (\`at\`, \`staff_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`tag_member_facts\` (\`member_id\` int NOT NULL, \`registered_at\` datetime(6) NOT NULL, \`channel\` varchar(16) NULL, \`home_store_id\` int NULL, \`region\` varchar(50) NULL, \`owner_staff_id\` int NULL, \`purchases\` int NOT NULL DEFAULT '0', \`spend\` int NOT NULL DEFAULT '0', \`first_purchase_at\` datetime(6) NULL, \`last_purchase_at\` datetime(6) NULL, \`purchase_class\` varchar(1) NOT NULL DEFAULT 'A', \`quadrant\` varchar(8) NULL, \`life_tags\` int NOT NULL DEFAULT '0', INDEX \`IDX_cd673492b03675ea342dc9f87d\` (\`purchase_class\`), INDEX \`IDX_a42d66be8e87e4914d2671a052\` (\`home_store_id\`), INDEX \`IDX_ee8adf901d11ee1ce04b8145a0\` (\`owner_staff_id\`, \`member_id\`), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`member_tags\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`name\` varchar(64) NOT NULL, \`auto\` tinyint NOT NULL, \`reason\` varchar(200) NULL, \`staff_id\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_member_tags_name_member\` (\`name\`, \`member_id\`), UNIQUE INDEX \`UQ_member_tags_member_name\` (\`member_id\`, \`name\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`tag_order_facts\` (\`order_id\` int NOT NULL, \`member_id\` int NOT NULL, \`store_id\` int NOT NULL, \`owner_staff_id\` int NULL, \`amount\` int NOT NULL, \`paid_at\` datetime(6) NOT NULL, \`refunded_at\` datetime(6) NULL, INDEX \`IDX_f37be3e1b156ccd44dd1c0749d\` (\`paid_at\`), INDEX \`IDX_615e75469f8fd000e9091604c9\` (\`member_id\`), PRIMARY KEY (\`order_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`tag_profile_facts\` (\`profile_id\` int NOT NULL, \`member_id\` int NOT NULL, \`relation\` varchar(16) NOT NULL, \`last_exam_date\` date NOT NULL, \`expires_at\` date NOT NULL, \`max_add\` int NULL, \`contact_lens\` tinyint NOT NULL DEFAULT 0, \`min_se\` int NOT NULL, INDEX \`IDX_92334057aa47f03dc54c2f2700\` (\`member_id\`), PRIMARY KEY (\`profile_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`segments\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(64) NOT NULL, \`filter\` text NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`tag_settings\` (\`id\` int NOT NULL, \`rules\` text NOT NULL, \`last_nightly_run\` varchar(10) NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`coupon_issue_jobs\` ADD \`segment_id\` int NULL`);
    await queryRunner.query(`ALTER TABLE \`coupon_issue_jobs\` ADD \`cursor\` int NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE \`coupon_issue_jobs\` ADD \`total\` int NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`coupon_issue_jobs\` DROP COLUMN \`total\``);
    await queryRunner.query(`ALTER TABLE \`coupon_issue_jobs\` DROP COLUMN \`cursor\``);
    await queryRunner.query(`ALTER TABLE \`coupon_issue_jobs\` DROP COLUMN \`segment_id\``);
    await queryRunner.query(`DROP TABLE \`tag_settings\``);
    await queryRunner.query(`DROP TABLE \`segments\``);
    await queryRunner.query(`DROP TABLE \`tag_profile_facts\``);
    await queryRunner.query(`DROP TABLE \`tag_order_facts\``);
    await queryRunner.query(`DROP TABLE \`member_tags\``);
    await queryRunner.query(`DROP TABLE \`tag_member_facts\``);
    await queryRunner.query(`DROP TABLE \`kpi_facts\``);
    await queryRunner.query(`DROP TABLE \`communities\``);
    await queryRunner.query(`DROP TABLE \`community_members\``);
  }
}

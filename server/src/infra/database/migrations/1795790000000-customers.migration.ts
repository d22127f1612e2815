import { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers: owner history, additions (welcome flow), counter arrivals, sale attribution and WeCom. */
export class Customers1795790000000 implements MigrationInterface {
  name = 'Customers1795790000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`customer_additions\` (\`member_id\` int NOT NULL, \`channel\` varchar(16) NOT NULL, \`staff_id\` int NULL, \`store_id\` int NULL, \`region_code\` varchar(32) NULL, \`registered\` tinyint NOT NULL, \`welcome_coupon_id\` int NULL, \`added_at\` datetime(6) NOT NULL, INDEX \`IDX_86a75047164ea025eed6cb4d42\` (\`store_id\`, \`added_at\`), INDEX \`IDX_6ac98a2b94a87d00c83e811543\` (\`staff_id\`, \`added_at\`), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`customer_arrivals\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`store_id\` int NOT NULL, \`day\` varchar(10) NOT NULL, \`owner_staff_id\` int NULL, \`arrived_at\` datetime(6) NOT NULL, INDEX \`IDX_73cb16dc701166cfea47d8aafc\` (\`store_id\`, \`arrived_at\`), UNIQUE INDEX \`IDX_a21d20543a47b6f19d587bd510\` (\`member_id\`, \`store_id\`, \`day\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`owner_changes\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`from_staff_id\` int NULL, \`to_staff_id\` int NOT NULL, \`reason\` varchar(16) NOT NULL, \`changed_by_staff_id\` int NULL, \`changed_at\` datetime(6) NOT NULL, INDEX \`IDX_2c8ec2899adb3b2be0215b02e2\` (\`to_staff_id\`, \`changed_at\`), INDEX \`IDX_ebbf48d027b5e5074a4b989cf5\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wecom_callbacks\` (\`id\` int NOT NULL AUTO_INCREMENT, \`nonce\` varchar(64) NOT NULL, \`event\` varchar(40) NOT NULL, \`change_type\` varchar(40) NOT NULL, \`fields\` text NOT NULL, \`received_at\` datetime(6) NOT NULL, UNIQUE INDEX \`IDX_bb4c271cef330a45b659d05627\` (\`nonce\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wecom_contact_ways\` (\`config_id\` varchar(64) NOT NULL, \`state\` varchar(30) NOT NULL, \`userid\` varchar(64) NOT NULL, \`staff_id\` int NULL, \`store_id\` int NULL, \`qr_code\` varchar(300) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_ef7e77cd6bed8b77c68b9bff17\` (\`state\`), INDEX \`IDX_34e4747c4c5bbb88ce3b51a285\` (\`userid\`), PRIMARY KEY (\`config_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`wecom_external_contacts\` (\`external_userid\` varchar(64) NOT NULL, \`userid\` varchar(64) NOT NULL, \`member_id\` int NULL, \`unionid\` varchar(64) NULL, \`state\` varchar(30) NULL, \`added_at\` datetime(6) NOT NULL, \`deleted_at\` datetime(6) NULL, \`transfer_to_userid\` varchar(64) NULL, \`transfer_resigned\` tinyint NOT NULL DEFAULT 0, \`welcome_sent_at\` datetime(6) NULL, INDEX \`IDX_2f6bf02188d80b2427aaec894a\` (\`member_id\`), INDEX \`IDX_1d47411ebfff8d97619634c05e\` (\`unionid\`), PRIMARY KEY (\`external_userid\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`welcome_rules\` (\`id\` int NOT NULL, \`unregistered_template_id\` int NULL, \`registered_template_id\` int NULL, PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`welcome_rules\``);
    await queryRunner.query(`DROP TABLE \`wecom_external_contacts\``);
    await queryRunner.query(`DROP TABLE \`wecom_contact_ways\``);
    await queryRunner.query(`DROP TABLE \`wecom_callbacks\``);
    await queryRunner.query(`DROP TABLE \`owner_changes\``);
    await queryRunner.query(`DROP TABLE \`customer_arrivals\``);
    await queryRunner.query(`DROP TABLE \`customer_additions\``);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Care reminders: rules, occurrences, subscribe-message grants, inbox, member settings, scan marks; the coupons index of the expiry scan. */
export class Reminders1795780000000 implements MigrationInterface {
  name = 'Reminders1795780000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`inbox_items\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`occurrence_id\` int NULL, \`kind\` varchar(24) NOT NULL, \`category\` varchar(16) NOT NULL, \`title\` varchar(60) NOT NULL, \`body\` varchar(500) NOT NULL, \`created_at\` datetime(6) NOT NULL, \`read_at\` datetime(6) NULL, UNIQUE INDEX \`IDX_8b9f122f6e0a888b7ae670b05f\` (\`occurrence_id\`), INDEX \`IDX_5cc82d1ed14c47ac325c7d9d2e\` (\`member_id\`, \`created_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`reminder_config\` (\`id\` int NOT NULL, \`rules\` text NOT NULL, \`cap_count\` int NOT NULL, \`cap_days\` int NOT NULL, \`quiet_start\` varchar(5) NOT NULL, \`quiet_end\` varchar(5) NOT NULL, \`one_to_one_segment_id\` int NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`reminder_member_settings\` (\`member_id\` int NOT NULL, \`muted\` text NOT NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`member_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`reminder_occurrences\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`kind\` varchar(24) NOT NULL, \`category\` varchar(16) NOT NULL, \`subject\` varchar(40) NOT NULL, \`due_date\` varchar(10) NOT NULL, \`dedupe_key\` varchar(120) NOT NULL, \`due_at\` datetime(6) NOT NULL, \`next_attempt_at\` datetime(6) NOT NULL, \`status\` varchar(12) NOT NULL, \`title\` varchar(60) NOT NULL, \`body\` varchar(500) NOT NULL, \`fields\` text NULL, \`person_name\` varchar(64) NULL, \`attempts\` int NOT NULL DEFAULT '0', \`failures\` int NOT NULL DEFAULT '0', \`deferred_count\` int NOT NULL DEFAULT '0', \`capped_count\` int NOT NULL DEFAULT '0', \`lease_until\` datetime(6) NULL, \`subscription_id\` int NULL, \`channel\` varchar(8) NULL, \`delivered_at\` datetime(6) NULL, \`last_error\` varchar(500) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_d42114036417c0b4d95b90da82\` (\`dedupe_key\`), INDEX \`IDX_f52c965775c439731397318c21\` (\`member_id\`, \`category\`, \`delivered_at\`), INDEX \`IDX_61e8775077694125ecf1bf964e\` (\`member_id\`, \`kind\`, \`status\`), INDEX \`IDX_9fabeaf08432fe98c8223d78d7\` (\`status\`, \`next_attempt_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`reminder_scan_marks\` (\`name\` varchar(32) NOT NULL, \`until\` datetime(6) NOT NULL, PRIMARY KEY (\`name\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`reminder_subscriptions\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`template_key\` varchar(32) NOT NULL, \`granted_at\` datetime(6) NOT NULL, \`used_at\` datetime(6) NULL, \`occurrence_id\` int NULL, INDEX \`IDX_02d985dc35f24b4873ef605e25\` (\`member_id\`, \`template_key\`, \`used_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE INDEX \`IDX_c9e7409a426d73a74a6de83edd\` ON \`coupons\` (\`status\`, \`valid_to\`)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_c9e7409a426d73a74a6de83edd\` ON \`coupons\``);
    await queryRunner.query(`DROP TABLE \`reminder_subscriptions\``);
    await queryRunner.query(`DROP TABLE \`reminder_scan_marks\``);
    await queryRunner.query(`DROP TABLE \`reminder_occurrences\``);
    await queryRunner.query(`DROP TABLE \`reminder_member_settings\``);
    await queryRunner.query(`DROP TABLE \`reminder_config\``);
    await queryRunner.query(`DROP TABLE \`inbox_items\``);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 12: appointments, lens power ranges, English translations of catalog and store names. */
export class AppointmentsAndPowerRanges1795700000000 implements MigrationInterface {
  name = 'AppointmentsAndPowerRanges1795700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`appointment_settings\` (\`store_id\` int NOT NULL, \`slot_minutes\` int NOT NULL, \`per_optometrist\` int NOT NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`store_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`appointment_slots\` (\`id\` int NOT NULL AUTO_INCREMENT, \`store_id\` int NOT NULL, \`starts_at\` datetime(6) NOT NULL, \`booked\` int NOT NULL DEFAULT '0', UNIQUE INDEX \`IDX_9ca588e92b14c3bee2d7de35c1\` (\`store_id\`, \`starts_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`appointments\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`profile_id\` int NOT NULL, \`store_id\` int NOT NULL, \`service\` varchar(10) NOT NULL, \`starts_at\` datetime(6) NOT NULL, \`ends_at\` datetime(6) NOT NULL, \`status\` varchar(10) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_cc02baa89d1048a39307d4fd5e\` (\`store_id\`, \`starts_at\`), INDEX \`IDX_04e6b0dd22b84a9da08a46926e\` (\`member_id\`, \`starts_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`lens_options\` ADD \`name_en\` varchar(80) NULL`);
    await queryRunner.query(`ALTER TABLE \`skus\` ADD \`power_range\` text NULL`);
    await queryRunner.query(`ALTER TABLE \`products\` ADD \`name_en\` varchar(120) NULL`);
    await queryRunner.query(`ALTER TABLE \`stores\` ADD \`name_en\` varchar(100) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`stores\` DROP COLUMN \`name_en\``);
    await queryRunner.query(`ALTER TABLE \`products\` DROP COLUMN \`name_en\``);
    await queryRunner.query(`ALTER TABLE \`skus\` DROP COLUMN \`power_range\``);
    await queryRunner.query(`ALTER TABLE \`lens_options\` DROP COLUMN \`name_en\``);
    await queryRunner.query(`DROP TABLE \`appointments\``);
    await queryRunner.query(`DROP TABLE \`appointment_slots\``);
    await queryRunner.query(`DROP TABLE \`appointment_settings\``);
  }
}

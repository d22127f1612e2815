import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 14 (operations): resumable job cursors (prescription re-encryption), request ids on events. */
export class Operations1795900000000 implements MigrationInterface {
  name = 'Operations1795900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`job_cursors\` (\`name\` varchar(64) NOT NULL, \`position\` int NOT NULL, \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (\`name\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`outbox_events\` ADD \`request_id\` varchar(64) NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`outbox_events\` DROP COLUMN \`request_id\``);
    await queryRunner.query(`DROP TABLE \`job_cursors\``);
  }
}

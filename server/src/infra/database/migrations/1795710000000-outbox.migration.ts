import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1795710000000 implements MigrationInterface {
  name = 'Outbox1795710000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`outbox_events\` (\`id\` int NOT NULL AUTO_INCREMENT, \`type\` varchar(64) NOT NULL, \`aggregate_id\` varchar(64) NOT NULL, \`payload\` text NOT NULL, \`available_at\` datetime(6) NOT NULL, \`attempts\` int NOT NULL DEFAULT 0, \`last_error\` text NULL, \`delivered_at\` datetime(6) NULL, \`dead_at\` datetime(6) NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_outbox_events_due\` (\`delivered_at\`, \`dead_at\`, \`available_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`outbox_handled\` (\`event_id\` int NOT NULL, \`handler\` varchar(80) NOT NULL, \`handled_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`event_id\`, \`handler\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`outbox_handled\``);
    await queryRunner.query(`DROP INDEX \`IDX_outbox_events_due\` ON \`outbox_events\``);
    await queryRunner.query(`DROP TABLE \`outbox_events\``);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff 1-to-1 service and arrival tasks. */
export class StaffTasks1795780000001 implements MigrationInterface {
  name = 'StaffTasks1795780000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`staff_tasks\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`staff_id\` int NULL, \`store_id\` int NOT NULL, \`kind\` varchar(10) NOT NULL, \`title\` varchar(200) NOT NULL, \`due_at\` datetime(6) NOT NULL, \`status\` varchar(6) NOT NULL, \`done_at\` datetime(6) NULL, \`dedupe_key\` varchar(120) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_c201fd1c2a735350790c09bb36\` (\`dedupe_key\`), INDEX \`IDX_80a0d72c35419cc2eb1e7d6877\` (\`member_id\`), INDEX \`IDX_3a10550e8bfafcee898a34a2fd\` (\`store_id\`, \`status\`, \`due_at\`), INDEX \`IDX_72fa21194426c2c8c48ee82082\` (\`staff_id\`, \`status\`, \`due_at\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE \`staff_tasks\``);
  }
}

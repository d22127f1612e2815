import { MigrationInterface, QueryRunner } from 'typeorm';

export class Prescriptions1795593680829 implements MigrationInterface {
  name = 'Prescriptions1795593680829';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`audit_log\` (\`id\` int NOT NULL AUTO_INCREMENT, \`action\` varchar(32) NOT NULL, \`staff_id\` int NOT NULL, \`member_id\` int NOT NULL, \`profile_id\` int NULL, \`prescription_id\` int NULL, \`reason\` varchar(200) NOT NULL, \`request_id\` varchar(64) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_1fe76a9c4614ef2cc48bc46edb\` (\`member_id\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`profiles\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`name\` varchar(64) NOT NULL, \`relation\` varchar(16) NOT NULL, \`birth_date\` date NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_5dd23b5765ef81b414f1bdba4a\` (\`member_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`consents\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`kind\` varchar(32) NOT NULL, \`granted\` tinyint NOT NULL, \`policy_version\` varchar(32) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_003ca2c63a5f92d93f805c53c2\` (\`member_id\`, \`kind\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`prescriptions\` (\`id\` int NOT NULL AUTO_INCREMENT, \`member_id\` int NOT NULL, \`profile_id\` int NOT NULL, \`kind\` varchar(20) NOT NULL, \`source\` varchar(16) NOT NULL, \`store_id\` int NULL, \`examiner_staff_id\` int NULL, \`exam_date\` date NOT NULL, \`expires_at\` date NOT NULL, \`sealed_values\` text NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX \`IDX_d95d59fc1888e58357e8c6b78d\` (\`member_id\`, \`profile_id\`, \`exam_date\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(`ALTER TABLE \`members\` ADD \`erased_at\` datetime(6) NULL`);
    await queryRunner.query(`CREATE INDEX \`IDX_a46ead2ea72f3e40aff04c74bf\` ON \`members\` (\`nickname\`)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX \`IDX_a46ead2ea72f3e40aff04c74bf\` ON \`members\``);
    await queryRunner.query(`ALTER TABLE \`members\` DROP COLUMN \`erased_at\``);
    await queryRunner.query(`DROP INDEX \`IDX_d95d59fc1888e58357e8c6b78d\` ON \`prescriptions\``);
    await queryRunner.query(`DROP TABLE \`prescriptions\``);
    await queryRunner.query(`DROP INDEX \`IDX_003ca2c63a5f92d93f805c53c2\` ON \`consents\``);
    await queryRunner.query(`DROP TABLE \`consents\``);
    await queryRunner.query(`DROP INDEX \`IDX_5dd23b5765ef81b414f1bdba4a\` ON \`profiles\``);
    await queryRunner.query(`DROP TABLE \`profiles\``);
    await queryRunner.query(`DROP INDEX \`IDX_1fe76a9c4614ef2cc48bc46edb\` ON \`audit_log\``);
    await queryRunner.query(`DROP TABLE \`audit_log\``);
  }
}

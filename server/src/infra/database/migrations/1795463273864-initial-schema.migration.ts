import { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1795463273864 implements MigrationInterface {
  name = 'InitialSchema1795463273864';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE \`skus\` (\`id\` int NOT NULL AUTO_INCREMENT, \`product_id\` int NOT NULL, \`code\` varchar(60) NOT NULL, \`attributes\` text NOT NULL, \`price\` int NOT NULL, \`on_sale\` tinyint NOT NULL DEFAULT 1, INDEX \`IDX_05f424c6f46cec6e6a196d5703\` (\`product_id\`), UNIQUE INDEX \`IDX_98ad793f30cbf60d4b561fbd79\` (\`code\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`products\` (\`id\` int NOT NULL AUTO_INCREMENT, \`category\` varchar(20) NOT NULL, \`name\` varchar(120) NOT NULL, \`brand\` varchar(60) NOT NULL, \`description\` text NOT NULL, \`image_url\` varchar(200) NOT NULL, \`price_from\` int NOT NULL, \`featured\` tinyint NOT NULL DEFAULT 0, \`on_sale\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX \`IDX_2b6fd0c3ef2c716df76f1ea943\` (\`on_sale\`, \`featured\`, \`id\`), INDEX \`IDX_a71c3c778415e3a11364bf53ed\` (\`on_sale\`, \`category\`, \`id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`store_stock\` (\`store_id\` int NOT NULL, \`sku_id\` int NOT NULL, \`quantity\` int NOT NULL, INDEX \`IDX_66d4183777eecbf01c6fa23213\` (\`sku_id\`), PRIMARY KEY (\`store_id\`, \`sku_id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`members\` (\`id\` int NOT NULL AUTO_INCREMENT, \`openid\` varchar(64) NOT NULL, \`unionid\` varchar(64) NULL, \`session_key\` varchar(64) NULL, \`nickname\` varchar(64) NULL, \`phone\` varchar(20) NULL, \`member_code\` varchar(16) NOT NULL, \`tier\` varchar(16) NOT NULL DEFAULT 'silver', \`points\` int NOT NULL DEFAULT '0', \`balance\` int NOT NULL DEFAULT '0', \`owner_staff_id\` int NULL, \`home_store_id\` int NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_373699ae6d702609d3747a6a9b\` (\`openid\`), INDEX \`IDX_34b4c66f9c256e7e4392b216ce\` (\`unionid\`), INDEX \`IDX_090c60f7851c98387ce3e1995e\` (\`phone\`), UNIQUE INDEX \`IDX_84057e2953e6a16173a47eaee5\` (\`member_code\`), INDEX \`IDX_87cebbd05187612db80a551e8e\` (\`owner_staff_id\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`staff\` (\`id\` int NOT NULL AUTO_INCREMENT, \`username\` varchar(64) NOT NULL, \`name\` varchar(64) NOT NULL, \`role\` varchar(16) NOT NULL, \`store_id\` int NULL, \`password_hash\` varchar(200) NOT NULL, \`active\` tinyint NOT NULL DEFAULT 1, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX \`IDX_35aafb5ad218f3ff1ff70e281e\` (\`username\`), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `CREATE TABLE \`stores\` (\`id\` int NOT NULL AUTO_INCREMENT, \`name\` varchar(100) NOT NULL, \`city\` varchar(50) NOT NULL, \`address\` varchar(200) NOT NULL, \`phone\` varchar(30) NOT NULL, \`lat\` double NOT NULL, \`lng\` double NOT NULL, \`hours\` varchar(50) NOT NULL, \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), PRIMARY KEY (\`id\`)) ENGINE=InnoDB`,
    );
    await queryRunner.query(
      `ALTER TABLE \`skus\` ADD CONSTRAINT \`FK_05f424c6f46cec6e6a196d57036\` FOREIGN KEY (\`product_id\`) REFERENCES \`products\`(\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE \`skus\` DROP FOREIGN KEY \`FK_05f424c6f46cec6e6a196d57036\``);
    await queryRunner.query(`DROP TABLE \`stores\``);
    await queryRunner.query(`DROP INDEX \`IDX_35aafb5ad218f3ff1ff70e281e\` ON \`staff\``);
    await queryRunner.query(`DROP TABLE \`staff\``);
    await queryRunner.query(`DROP INDEX \`IDX_87cebbd05187612db80a551e8e\` ON \`members\``);
    await queryRunner.query(`DROP INDEX \`IDX_84057e2953e6a16173a47eaee5\` ON \`members\``);
    await queryRunner.query(`DROP INDEX \`IDX_090c60f7851c98387ce3e1995e\` ON \`members\``);
    await queryRunner.query(`DROP INDEX \`IDX_34b4c66f9c256e7e4392b216ce\` ON \`members\``);
    await queryRunner.query(`DROP INDEX \`IDX_373699ae6d702609d3747a6a9b\` ON \`members\``);
    await queryRunner.query(`DROP TABLE \`members\``);
    await queryRunner.query(`DROP INDEX \`IDX_66d4183777eecbf01c6fa23213\` ON \`store_stock\``);
    await queryRunner.query(`DROP TABLE \`store_stock\``);
    await queryRunner.query(`DROP INDEX \`IDX_a71c3c778415e3a11364bf53ed\` ON \`products\``);
    await queryRunner.query(`DROP INDEX \`IDX_2b6fd0c3ef2c716df76f1ea943\` ON \`products\``);
    await queryRunner.query(`DROP TABLE \`products\``);
    await queryRunner.query(`DROP INDEX \`IDX_98ad793f30cbf60d4b561fbd79\` ON \`skus\``);
    await queryRunner.query(`DROP INDEX \`IDX_05f424c6f46cec6e6a196d5703\` ON \`skus\``);
    await queryRunner.query(`DROP TABLE \`skus\``);
  }
}

import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10: WeCom corp tag ids of LensLoop's manual tags, each contact's tags as last seen, and the
 * callbacks' age for their purge.
 */
export class WecomTags1795920000001 implements MigrationInterface {
  name = 'WecomTags1795920000001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `wecom_corp_tags` (`name` varchar(64) NOT NULL, `tag_id` varchar(64) NOT NULL, PRIMARY KEY (`name`)) ENGINE=InnoDB',
    );
    await queryRunner.query('ALTER TABLE `wecom_external_contacts` ADD `tag_names` text NULL');
    await queryRunner.query(
      'CREATE INDEX `IDX_wecom_callbacks_received_at` ON `wecom_callbacks` (`received_at`)',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `IDX_wecom_callbacks_received_at` ON `wecom_callbacks`');
    await queryRunner.query('ALTER TABLE `wecom_external_contacts` DROP COLUMN `tag_names`');
    await queryRunner.query('DROP TABLE `wecom_corp_tags`');
  }
}

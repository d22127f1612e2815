import { MigrationInterface, QueryRunner } from 'typeorm';

/** Issue 11: the purchase backfill's run (position and upper bound) beside the coupon-expiry mark. */
export class ReminderBackfill1795920000000 implements MigrationInterface {
  name = 'ReminderBackfill1795920000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `reminder_scan_marks` ADD `position` int NULL, ADD `up_to` int NULL',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `reminder_scan_marks` DROP COLUMN `up_to`, DROP COLUMN `position`');
  }
}

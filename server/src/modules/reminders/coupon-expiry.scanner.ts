import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { shanghaiDate } from '@lensloop/shared';
import type { Repository } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { TransactionRunner } from '../../common/transaction';
import { CouponsService } from '../coupons/coupons.service';
import { ReminderScanMarkEntity } from './entities/reminder-scan-mark.entity';
import { ruleOf } from './policies/reminder-rules.policy';
import { ReminderConfigService } from './reminder-config.service';
import { couponExpiringText } from './reminder-templates';
import { careOccurrence, scheduleAll } from './reminders.service';

const PAGE = 1_000;
const DAY_MS = 86_400_000;
const MARK = 'coupon-expiry';

/**
 * "Coupon expiring in 3 days", set-based: each run schedules the coupons whose validity ends
 * between the last run's horizon and now + lead days, a page of 1,000 at a time with one
 * `INSERT IGNORE` (the dedupe key makes a rescan after a crash, or two replicas scanning at once,
 * harmless), then moves the horizon. Coupons issued with less than the lead time left are not
 * reminded (the member just received them).
 */
@Injectable()
export class CouponExpiryScanner {
  constructor(
    @InjectRepository(ReminderScanMarkEntity) private readonly marks: Repository<ReminderScanMarkEntity>,
    private readonly coupons: CouponsService,
    private readonly config: ReminderConfigService,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
  ) {}

  async scan(): Promise<number> {
    const rule = ruleOf(await this.config.get(), 'coupon_expiring');
    if (!rule.enabled || rule.leadDays === null) return 0;
    const leadMs = rule.leadDays * DAY_MS;
    const now = this.clock.now();
    const mark = await this.marks.findOneBy({ name: MARK });
    const to = new Date(now.getTime() + leadMs);
    // A horizon beyond `to` means the clock went back (the test clock reset): scan from now again.
    const from = mark && mark.until > now && mark.until <= to ? mark.until : now;
    if (to <= from) return 0;
    let scheduled = 0;
    for (let afterId = 0; ;) {
      const page = await this.coupons.expiringBetween(from, to, afterId, PAGE);
      if (!page.length) break;
      afterId = page[page.length - 1].id;
      await this.tx.run((manager) =>
        scheduleAll(
          manager,
          page.map((coupon) => {
            const remindAt = coupon.validTo.getTime() - leadMs;
            const dueDate = shanghaiDate(new Date(remindAt));
            const text = couponExpiringText(coupon.name, coupon.validTo);
            return {
              ...careOccurrence(
                coupon.memberId,
                'coupon_expiring',
                `coupon:${coupon.id}`,
                dueDate,
                null,
                text,
              ),
              dueAt: new Date(Math.max(remindAt, now.getTime())),
            };
          }),
        ),
      );
      scheduled += page.length;
      if (page.length < PAGE) break;
    }
    await this.tx.run(async (manager) => {
      const { affected } = await manager.update(ReminderScanMarkEntity, { name: MARK }, { until: to });
      if (!affected && !(await manager.existsBy(ReminderScanMarkEntity, { name: MARK }))) {
        await manager
          .createQueryBuilder()
          .insert()
          .into(ReminderScanMarkEntity)
          .values({ name: MARK, until: to })
          .orIgnore()
          .execute();
      }
    });
    return scheduled;
  }
}

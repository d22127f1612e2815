import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ReminderOccurrenceEntity } from './entities/reminder-occurrence.entity';
import { addMonthsToDate, ruleOf } from './policies/reminder-rules.policy';
import { ReminderConfigService } from './reminder-config.service';
import { careText } from './reminder-templates';
import { careOccurrence, scheduleAll } from './reminders.service';

/** What follows a delivered occurrence: lens cleaning comes back every N months after pickup. */
@Injectable()
export class ReminderFollowUps {
  constructor(private readonly config: ReminderConfigService) {}

  /** One multi-row `INSERT IGNORE` per batch: the dedupe key makes a repeat a no-op. */
  async after(manager: EntityManager, finished: readonly ReminderOccurrenceEntity[]): Promise<void> {
    const cleanings = finished.filter((row) => row.kind === 'lens_cleaning');
    if (!cleanings.length) return;
    const rule = ruleOf(await this.config.get(manager), 'lens_cleaning');
    if (!rule.enabled || rule.intervalMonths === null) return;
    const months = rule.intervalMonths;
    await scheduleAll(
      manager,
      cleanings.map((row) => {
        const dueDate = addMonthsToDate(row.dueDate, months);
        const text = careText('lens_cleaning', row.personName ?? '您', dueDate, { months });
        return careOccurrence(row.memberId, 'lens_cleaning', row.subject, dueDate, row.personName, text);
      }),
    );
  }
}

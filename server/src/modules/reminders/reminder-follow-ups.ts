import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addMonthsToDate, careDueAt, ruleOf } from './policies/reminder-rules.policy';
import { ReminderConfigService } from './reminder-config.service';
import { careText } from './reminder-templates';
import type { ReminderOccurrenceEntity } from './entities/reminder-occurrence.entity';
import { RemindersService } from './reminders.service';

/** What follows a delivered occurrence: lens cleaning comes back every N months after pickup. */
@Injectable()
export class ReminderFollowUps {
  constructor(
    private readonly reminders: RemindersService,
    private readonly config: ReminderConfigService,
  ) {}

  async after(manager: EntityManager, finished: readonly ReminderOccurrenceEntity[]): Promise<void> {
    const cleanings = finished.filter((row) => row.kind === 'lens_cleaning');
    if (!cleanings.length) return;
    const rule = ruleOf(await this.config.get(manager), 'lens_cleaning');
    if (!rule.enabled || rule.intervalMonths === null) return;
    for (const row of cleanings) {
      const dueDate = addMonthsToDate(row.dueDate, rule.intervalMonths);
      const text = careText('lens_cleaning', row.personName ?? '您', dueDate, {
        months: rule.intervalMonths,
      });
      await this.reminders.schedule(manager, {
        memberId: row.memberId,
        kind: 'lens_cleaning',
        subject: row.subject,
        dueDate,
        dueAt: careDueAt(dueDate),
        title: text.title,
        body: text.body,
        fields: text.fields,
        personName: row.personName,
      });
    }
  }
}

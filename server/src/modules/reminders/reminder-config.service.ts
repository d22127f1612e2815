import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, type ReminderRules } from '@lensloop/shared';
import type { EntityManager, Repository } from 'typeorm';
import { DomainError } from '../../common/domain-error';
import { TransactionRunner } from '../../common/transaction';
import { ReminderConfigEntity } from './entities/reminder-config.entity';
import { defaultReminderRules, reminderRulesProblems, ruleOf } from './policies/reminder-rules.policy';

const CONFIG_ID = 1;
/** The rules a purchase schedules by (`purchaseReminders`). */
const PURCHASE_KINDS = ['lens_cleaning', 'contact_lens_refill'] as const;

/** `GET/PUT /admin/reminder-rules`: the defaults until an admin saves the whole configuration. */
@Injectable()
export class ReminderConfigService {
  constructor(
    @InjectRepository(ReminderConfigEntity) private readonly configs: Repository<ReminderConfigEntity>,
    private readonly tx: TransactionRunner,
  ) {}

  async get(manager: EntityManager = this.configs.manager): Promise<ReminderRules> {
    const row = await manager.findOneBy(ReminderConfigEntity, { id: CONFIG_ID });
    const defaults = defaultReminderRules();
    if (!row) return defaults;
    return {
      // A kind added after the admin saved keeps its default rule.
      rules: defaults.rules.map((rule) => row.rules.find((saved) => saved.kind === rule.kind) ?? rule),
      marketingCap: { count: row.capCount, days: row.capDays },
      quietHours: { start: row.quietStart, end: row.quietEnd, timeZone: 'Asia/Shanghai' },
      oneToOneSegmentId: row.oneToOneSegmentId,
    };
  }

  /** Saves the rules; answers them and whether a rule that purchases schedule by changed. */
  async update(rules: ReminderRules): Promise<{ rules: ReminderRules; purchaseRulesChanged: boolean }> {
    const problems = reminderRulesProblems(rules);
    if (problems.length) {
      throw new DomainError(
        ErrorCode.REMINDER_RULES_INVALID,
        'The reminder rules do not hold together.',
        problems,
      );
    }
    const before = await this.get();
    await this.tx.run((manager) =>
      manager.save(ReminderConfigEntity, {
        id: CONFIG_ID,
        rules: rules.rules,
        capCount: rules.marketingCap.count,
        capDays: rules.marketingCap.days,
        quietStart: rules.quietHours.start,
        quietEnd: rules.quietHours.end,
        oneToOneSegmentId: rules.oneToOneSegmentId,
      }),
    );
    const saved = await this.get();
    const purchaseRulesChanged = PURCHASE_KINDS.some(
      (kind) => JSON.stringify(ruleOf(before, kind)) !== JSON.stringify(ruleOf(saved, kind)),
    );
    return { rules: saved, purchaseRulesChanged };
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  MUTABLE_REMINDER_KINDS,
  REMINDER_CATEGORY_OF,
  REMINDER_KINDS,
  type Inbox,
  type InboxItem,
  type PageQuery,
  type ReminderExport,
  type ReminderKind,
  type ReminderReport,
  type ReminderReportRow,
  type ReminderSettings,
  type SubscriptionBalance,
  type SubscriptionTemplate,
} from '@lensloop/shared';
import { In, IsNull, type EntityManager, type Repository } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { pageWindow } from '../../common/pagination';
import { insertIgnoring } from '../../common/bulk-insert';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import { InboxItemEntity } from './entities/inbox-item.entity';
import { ReminderMemberSettingsEntity } from './entities/reminder-member-settings.entity';
import { ReminderOccurrenceEntity, type TemplateFields } from './entities/reminder-occurrence.entity';
import { ReminderSubscriptionEntity } from './entities/reminder-subscription.entity';
import { careDueAt } from './policies/reminder-rules.policy';
import { SUBSCRIPTION_TEMPLATES, type ReminderText } from './reminder-templates';

/** At most this many unused grants per member and template are kept (WeChat's own cap is similar). */
export const MAX_UNUSED_GRANTS = 20;

/** A reminder to schedule: the dedupe key is built from member, kind, subject and due date. */
export interface NewOccurrence {
  memberId: number;
  kind: ReminderKind;
  subject: string;
  dueDate: string;
  dueAt: Date;
  title: string;
  body: string;
  fields: TemplateFields | null;
  personName: string | null;
}

/** An occurrence due at 10:00 Asia/Shanghai on `dueDate`, saying `text`. */
export function careOccurrence(
  memberId: number,
  kind: ReminderKind,
  subject: string,
  dueDate: string,
  personName: string | null,
  text: ReminderText,
): NewOccurrence {
  const { title, body, fields } = text;
  return { memberId, kind, subject, dueDate, dueAt: careDueAt(dueDate), title, body, fields, personName };
}

/**
 * Schedules many occurrences at once with multi-row `INSERT IGNORE`s: one whose dedupe key exists
 * (a repeat, a rescan after a crash, two replicas at once) is left as it is.
 */
export function scheduleAll(manager: EntityManager, occurrences: readonly NewOccurrence[]): Promise<void> {
  return insertIgnoring(
    manager,
    ReminderOccurrenceEntity,
    [
      'memberId',
      'kind',
      'category',
      'subject',
      'dueDate',
      'dedupeKey',
      'dueAt',
      'nextAttemptAt',
      'status',
      'title',
      'body',
      'fields',
      'personName',
    ],
    occurrences.map((occurrence) => ({
      ...occurrence,
      category: REMINDER_CATEGORY_OF[occurrence.kind],
      dedupeKey: dedupeKeyOf(occurrence),
      nextAttemptAt: occurrence.dueAt,
      status: 'scheduled' as const,
    })),
  );
}

export function dedupeKeyOf(
  occurrence: Pick<NewOccurrence, 'memberId' | 'kind' | 'subject' | 'dueDate'>,
): string {
  return `${occurrence.memberId}:${occurrence.kind}:${occurrence.subject}:${occurrence.dueDate}`;
}

function toInboxItem(row: InboxItemEntity): InboxItem {
  return {
    id: row.id,
    kind: row.kind,
    category: row.category,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** Scheduling (from events), the member's inbox, grants and settings, and the delivery report. */
@Injectable()
export class RemindersService {
  constructor(
    @InjectRepository(ReminderOccurrenceEntity)
    private readonly occurrences: Repository<ReminderOccurrenceEntity>,
    @InjectRepository(InboxItemEntity) private readonly inbox: Repository<InboxItemEntity>,
    @InjectRepository(ReminderSubscriptionEntity)
    private readonly subscriptions: Repository<ReminderSubscriptionEntity>,
    @InjectRepository(ReminderMemberSettingsEntity)
    private readonly settings: Repository<ReminderMemberSettingsEntity>,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
  ) {}

  // --- scheduling -----------------------------------------------------------------------------

  /**
   * Schedules one occurrence, once: the same member, kind, subject and due date again is a no-op,
   * unless that occurrence had been cancelled (a moved re-check moving back), which revives it.
   */
  async schedule(manager: EntityManager, occurrence: NewOccurrence): Promise<void> {
    const dedupeKey = dedupeKeyOf(occurrence);
    try {
      await manager.insert(ReminderOccurrenceEntity, {
        ...occurrence,
        category: REMINDER_CATEGORY_OF[occurrence.kind],
        dedupeKey,
        nextAttemptAt: occurrence.dueAt,
        status: 'scheduled',
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await manager.update(
        ReminderOccurrenceEntity,
        { dedupeKey, status: 'cancelled' },
        {
          status: 'scheduled',
          nextAttemptAt: occurrence.dueAt,
          title: occurrence.title,
          body: occurrence.body,
          fields: occurrence.fields,
        },
      );
    }
  }

  /**
   * The member's next occurrence of `kinds` about `subject` becomes `next`: the ones still waiting
   * are cancelled first (a new exam moves the re-check; a new purchase the refill reminder).
   */
  async reschedule(
    manager: EntityManager,
    memberId: number,
    kinds: readonly ReminderKind[],
    subject: string,
    next: NewOccurrence | null,
  ): Promise<void> {
    await manager.update(
      ReminderOccurrenceEntity,
      { memberId, kind: In([...kinds]), subject, status: 'scheduled' },
      { status: 'cancelled' },
    );
    if (next) await this.schedule(manager, next);
  }

  /** Occurrences of the member still waiting (for the arrival task: "小明复查到期"). */
  async waiting(memberId: number): Promise<ReminderOccurrenceEntity[]> {
    return this.occurrences.find({
      where: { memberId, status: In(['scheduled', 'task']) },
      order: { dueAt: 'ASC' },
    });
  }

  // --- the member's side ------------------------------------------------------------------------

  async listInbox(memberId: number, query: PageQuery): Promise<Inbox> {
    const window = pageWindow(query);
    const [rows, total] = await this.inbox.findAndCount({
      where: { memberId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: window.skip,
      take: window.pageSize,
    });
    const unread = await this.inbox.countBy({ memberId, readAt: IsNull() });
    return { items: rows.map(toInboxItem), total, page: window.page, pageSize: window.pageSize, unread };
  }

  /** Marks the member's own inbox item read (idempotent); anyone else's is "not found". */
  async markRead(memberId: number, itemId: number): Promise<InboxItem> {
    const item = await this.inbox.findOneBy({ id: itemId, memberId });
    if (!item) throw new DomainError(ErrorCode.INBOX_ITEM_NOT_FOUND, `No inbox item ${itemId}.`);
    if (!item.readAt) {
      await this.inbox.update({ id: itemId, memberId, readAt: IsNull() }, { readAt: this.clock.now() });
    }
    return toInboxItem((await this.inbox.findOneBy({ id: itemId })) as InboxItemEntity);
  }

  listTemplates(): SubscriptionTemplate[] {
    return SUBSCRIPTION_TEMPLATES.map((template) => ({ ...template, kinds: [...template.kinds] }));
  }

  /** Records one grant per accepted key; every key must be configured, else nothing is recorded. */
  async subscribe(memberId: number, templateKeys: readonly string[]): Promise<SubscriptionBalance[]> {
    const known = new Set(SUBSCRIPTION_TEMPLATES.map((template) => template.key));
    const unknown = templateKeys.filter((key) => !known.has(key));
    if (unknown.length) {
      throw new DomainError(
        ErrorCode.SUBSCRIPTION_TEMPLATE_UNKNOWN,
        'Some template keys are not configured.',
        unknown.map((key) => ({ field: 'templateKeys', message: `unknown template key ${key}` })),
      );
    }
    const now = this.clock.now();
    await this.tx.run(async (manager) => {
      for (const templateKey of new Set(templateKeys)) {
        const unused = await manager.countBy(ReminderSubscriptionEntity, {
          memberId,
          templateKey,
          usedAt: IsNull(),
        });
        if (unused >= MAX_UNUSED_GRANTS) continue;
        await manager.insert(ReminderSubscriptionEntity, {
          memberId,
          templateKey,
          grantedAt: now,
          usedAt: null,
        });
      }
    });
    return this.balances(memberId);
  }

  async balances(memberId: number): Promise<SubscriptionBalance[]> {
    const rows: { templateKey: string; available: string }[] = await this.subscriptions
      .createQueryBuilder('grant')
      .select('grant.templateKey', 'templateKey')
      .addSelect('COUNT(*)', 'available')
      .where('grant.memberId = :memberId AND grant.usedAt IS NULL', { memberId })
      .groupBy('grant.templateKey')
      .getRawMany();
    const counts = new Map(rows.map((row) => [row.templateKey, Number(row.available)]));
    return SUBSCRIPTION_TEMPLATES.map(({ key }) => ({ templateKey: key, available: counts.get(key) ?? 0 }));
  }

  async getSettings(memberId: number): Promise<ReminderSettings> {
    const row = await this.settings.findOneBy({ memberId });
    return { muted: row?.muted ?? [], mutable: [...MUTABLE_REMINDER_KINDS] };
  }

  async updateSettings(memberId: number, muted: readonly string[]): Promise<ReminderSettings> {
    const bad = muted.filter((kind) => !(MUTABLE_REMINDER_KINDS as readonly string[]).includes(kind));
    if (bad.length) {
      throw new DomainError(
        ErrorCode.REMINDER_KIND_NOT_MUTABLE,
        'Only care and marketing reminders can be muted.',
        bad.map((kind) => ({
          field: 'muted',
          message: (REMINDER_KINDS as readonly string[]).includes(kind)
            ? `${kind} is a transactional notice`
            : `unknown kind ${kind}`,
        })),
      );
    }
    const kinds = REMINDER_KINDS.filter((kind) => muted.includes(kind));
    await this.tx.run((manager) => manager.save(ReminderMemberSettingsEntity, { memberId, muted: kinds }));
    return this.getSettings(memberId);
  }

  // --- admin -----------------------------------------------------------------------------------

  async report(): Promise<ReminderReport> {
    const raw: Record<string, string | null>[] = await this.occurrences
      .createQueryBuilder('o')
      .select('o.kind', 'kind')
      .addSelect('COUNT(*)', 'scheduled')
      .addSelect("SUM(CASE WHEN o.status IN ('scheduled', 'sending') THEN 1 ELSE 0 END)", 'pending')
      .addSelect("SUM(CASE WHEN o.status = 'sent' THEN 1 ELSE 0 END)", 'sent')
      .addSelect("SUM(CASE WHEN o.status = 'inbox' THEN 1 ELSE 0 END)", 'inbox')
      .addSelect("SUM(CASE WHEN o.status = 'task' THEN 1 ELSE 0 END)", 'tasks')
      .addSelect('SUM(CASE WHEN o.deferredCount > 0 THEN 1 ELSE 0 END)', 'deferred')
      .addSelect('SUM(CASE WHEN o.cappedCount > 0 THEN 1 ELSE 0 END)', 'capped')
      .addSelect("SUM(CASE WHEN o.status = 'muted' THEN 1 ELSE 0 END)", 'muted')
      .addSelect('SUM(CASE WHEN o.failures > 0 THEN 1 ELSE 0 END)', 'failed')
      .where("o.status <> 'cancelled'")
      .groupBy('o.kind')
      .getRawMany();
    const columns = [
      'scheduled',
      'pending',
      'sent',
      'inbox',
      'tasks',
      'deferred',
      'capped',
      'muted',
      'failed',
    ] as const;
    const byKind = new Map(raw.map((row) => [row.kind as string, row]));
    const rows: ReminderReportRow[] = REMINDER_KINDS.map((kind) => {
      const row = byKind.get(kind);
      return {
        kind,
        ...(Object.fromEntries(columns.map((column) => [column, Number(row?.[column] ?? 0)])) as Omit<
          ReminderReportRow,
          'kind'
        >),
      };
    });
    const totals = Object.fromEntries(
      columns.map((column) => [column, rows.reduce((sum, row) => sum + row[column], 0)]),
    ) as Omit<ReminderReportRow, 'kind'>;
    return { rows, totals };
  }

  // --- personal data ---------------------------------------------------------------------------

  async exportFor(memberId: number): Promise<ReminderExport> {
    const [settings, grants, inbox, occurrences] = await Promise.all([
      this.settings.findOneBy({ memberId }),
      this.subscriptions.find({ where: { memberId }, order: { id: 'ASC' } }),
      this.inbox.find({ where: { memberId }, order: { id: 'ASC' } }),
      this.occurrences.find({ where: { memberId }, order: { id: 'ASC' } }),
    ]);
    return {
      muted: settings?.muted ?? [],
      subscriptions: grants.map((grant) => ({
        templateKey: grant.templateKey,
        grantedAt: grant.grantedAt.toISOString(),
        usedAt: grant.usedAt?.toISOString() ?? null,
      })),
      inbox: inbox.map(toInboxItem),
      occurrences: occurrences.map((occurrence) => ({
        kind: occurrence.kind,
        subject: occurrence.subject,
        dueDate: occurrence.dueDate,
        status: occurrence.status,
        deliveredAt: occurrence.deliveredAt?.toISOString() ?? null,
      })),
    };
  }

  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(ReminderMemberSettingsEntity, { memberId });
    await manager.delete(ReminderSubscriptionEntity, { memberId });
    await manager.delete(InboxItemEntity, { memberId });
    await manager.delete(ReminderOccurrenceEntity, { memberId });
  }
}

import type { ReminderCategory, ReminderKind } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

export type OccurrenceStatus =
  /** Waiting for `nextAttemptAt` (due, deferred by quiet hours or the cap, or a send to retry). */
  | 'scheduled'
  /** Claimed by a dispatcher, a WeChat send in flight until `leaseUntil`. */
  | 'sending'
  | 'sent'
  | 'inbox'
  | 'task'
  | 'muted'
  /** Replaced by a newer occurrence (a new exam moves the re-check), or its rule is off. */
  | 'cancelled';

export type OccurrenceChannel = 'wechat' | 'inbox' | 'task';

/** The template data of a subscribe message: WeChat field name → value. */
export type TemplateFields = Record<string, string>;

/** One reminder of one member: a rule, a subject (profile, order, coupon…) and a due date. */
@Entity('reminder_occurrences')
@Index(['status', 'nextAttemptAt'])
@Index(['memberId', 'kind', 'status'])
@Index(['memberId', 'category', 'deliveredAt'])
export class ReminderOccurrenceEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('int')
  memberId: number;

  @Column({ type: 'varchar', length: 24 })
  kind: ReminderKind;

  @Column({ type: 'varchar', length: 16 })
  category: ReminderCategory;

  /** What it is about: `profile:12`, `order:5`, `coupon:9`, `member` … */
  @Column({ type: 'varchar', length: 40 })
  subject: string;

  /** `YYYY-MM-DD` Asia/Shanghai. */
  @Column({ type: 'varchar', length: 10 })
  dueDate: string;

  /** `member:kind:subject:dueDate`: one occurrence per member, rule, subject and due date. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 120 })
  dedupeKey: string;

  @Column({ type: 'datetime', precision: 6 })
  dueAt: Date;

  @Column({ type: 'datetime', precision: 6 })
  nextAttemptAt: Date;

  @Column({ type: 'varchar', length: 12 })
  status: OccurrenceStatus;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  /** The subscribe message's data, fitted to WeChat's field rules when scheduled. */
  @Column({ type: 'simple-json', nullable: true })
  fields: TemplateFields | null;

  /** The person it is about, for a 1-to-1 task (`小明`). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  personName: string | null;

  /** Claims by a dispatcher (each delivery attempt). */
  @Column('int', { default: 0 })
  attempts: number;

  /** WeChat refusals and failed sends. */
  @Column('int', { default: 0 })
  failures: number;

  @Column('int', { default: 0 })
  deferredCount: number;

  @Column('int', { default: 0 })
  cappedCount: number;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  leaseUntil: Date | null;

  /** The one-time grant this occurrence consumed (kept across retries of the send). */
  @Column({ type: 'int', nullable: true })
  subscriptionId: number | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  channel: OccurrenceChannel | null;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  deliveredAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreatedAt()
  createdAt: Date;
}

import type { ReminderCategory, ReminderKind } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A notice in the member's in-app inbox; at most one per occurrence. */
@Entity('inbox_items')
@Index(['memberId', 'createdAt'])
export class InboxItemEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('int')
  memberId: number;

  @Index({ unique: true })
  @Column({ type: 'int', nullable: true })
  occurrenceId: number | null;

  @Column({ type: 'varchar', length: 24 })
  kind: ReminderKind;

  @Column({ type: 'varchar', length: 16 })
  category: ReminderCategory;

  @Column({ type: 'varchar', length: 60 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  /** Business-clock time of delivery. */
  @Column({ type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  readAt: Date | null;
}

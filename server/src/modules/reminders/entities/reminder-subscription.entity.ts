import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One one-time subscribe-message grant (`wx.requestSubscribeMessage` accepted): one send uses it. */
@Entity('reminder_subscriptions')
@Index(['memberId', 'templateKey', 'usedAt'])
export class ReminderSubscriptionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('int')
  memberId: number;

  @Column({ type: 'varchar', length: 32 })
  templateKey: string;

  @Column({ type: 'datetime', precision: 6 })
  grantedAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  usedAt: Date | null;

  /** The occurrence that used it. */
  @Column({ type: 'int', nullable: true })
  occurrenceId: number | null;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type KpiKind = 'member_added' | 'referral' | 'task_done';

/** A countable fact for the leaderboard, recorded once per event (`eventKey` unique). */
@Entity('kpi_facts')
@Index(['at', 'staffId'])
export class KpiFactEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ length: 64 })
  eventKey: string;

  @Column({ type: 'varchar', length: 16 })
  kind: KpiKind;

  @Column({ type: 'int', nullable: true })
  staffId: number | null;

  @Column({ type: 'int', nullable: true })
  storeId: number | null;

  @Column('int')
  memberId: number;

  /** Arrival channel of an added member. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  channel: string | null;

  @Column({ type: 'datetime', precision: 6 })
  at: Date;
}

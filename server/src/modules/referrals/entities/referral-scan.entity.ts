import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One opening of the mini-program through a referral code, anonymous (the funnel's first step). */
@Entity('referral_scans')
@Index(['scannedAt'])
@Index(['referrerId', 'scannedAt'])
export class ReferralScanEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 8 })
  code: string;

  @Column('int')
  referrerId: number;

  /** Business-clock time. */
  @Column({ type: 'datetime', precision: 6 })
  scannedAt: Date;
}

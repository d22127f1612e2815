import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A member's referral code, made on first use. */
@Entity('referral_codes')
export class ReferralCodeEntity {
  @PrimaryColumn('int')
  memberId: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 8 })
  code: string;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;
}

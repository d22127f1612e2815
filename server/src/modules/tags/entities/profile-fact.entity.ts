import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** What the tag rules need of a family profile's prescriptions (never the powers themselves). */
@Entity('tag_profile_facts')
@Index(['memberId'])
export class ProfileFactEntity {
  @PrimaryColumn('int')
  profileId: number;

  @Column('int')
  memberId: number;

  @Column({ type: 'varchar', length: 16 })
  relation: string;

  @Column({ type: 'date' })
  lastExamDate: string;

  /** Expiry of the latest prescription: past it the profile's exam is overdue. */
  @Column({ type: 'date' })
  expiresAt: string;

  /** Largest ADD on file (hundredths), myopia-control designs left out; null for none. */
  @Column({ type: 'int', nullable: true })
  maxAdd: number | null;

  @Column({ default: false })
  contactLens: boolean;

  /** Lowest spherical equivalent of the latest prescription (hundredths). */
  @Column('int')
  minSe: number;
}

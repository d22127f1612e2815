import type { MemberTier } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from '../../../infra/database/columns';

@Entity('members')
export class MemberEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ length: 64 })
  openid: string;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  /** WeChat session key of the last login; server-side only, never serialised to a client. */
  @Column({ type: 'varchar', length: 64, nullable: true, select: false })
  sessionKey: string | null;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  nickname: string | null;

  @Index()
  @Column({ type: 'varchar', length: 20, nullable: true })
  phone: string | null;

  @Index({ unique: true })
  @Column({ length: 16 })
  memberCode: string;

  @Column({ type: 'varchar', length: 16, default: 'silver' })
  tier: MemberTier;

  @Column('int', { default: 0 })
  points: number;

  @Index()
  @Column({ type: 'int', nullable: true })
  ownerStaffId: number | null;

  @Column({ type: 'int', nullable: true })
  homeStoreId: number | null;

  /** Set when the member had their personal data erased (PIPL); the row stays for their orders. */
  @Column({ type: 'datetime', precision: 6, nullable: true })
  erasedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}

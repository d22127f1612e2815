import type { StaffRole } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

@Entity('staff')
export class StaffEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ length: 64 })
  username: string;

  @Column({ length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  role: StaffRole;

  /** Home store; null for HQ admins. */
  @Column({ type: 'int', nullable: true })
  storeId: number | null;

  /** scrypt hash, `scrypt$N$r$p$salt$hash`; never selected unless asked for. */
  @Column({ length: 200, select: false })
  passwordHash: string;

  @Column({ default: true })
  active: boolean;

  @CreatedAt()
  createdAt: Date;
}

import type { AuditAction } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** Who touched whose prescription, when and why. Rows are only ever inserted. */
@Entity('audit_log')
@Index(['memberId', 'id'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 32 })
  action: AuditAction;

  @Column('int')
  staffId: number;

  @Column('int')
  memberId: number;

  @Column({ type: 'int', nullable: true })
  profileId: number | null;

  @Column({ type: 'int', nullable: true })
  prescriptionId: number | null;

  @Column({ length: 200 })
  reason: string;

  @Column({ length: 64 })
  requestId: string;

  @CreatedAt()
  createdAt: Date;
}

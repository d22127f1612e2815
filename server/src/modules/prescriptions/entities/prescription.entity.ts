import type { PrescriptionKind, PrescriptionSource } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/**
 * One eye exam of one profile. The health values (both eyes, PD, notes) are only in `sealedValues`
 * (AES-256-GCM, see SealedBox); the plain columns are what lists, expiry and lookups need.
 */
@Entity('prescriptions')
// The staff desk's "latest for this profile" and the fitting history read this index in order.
@Index(['memberId', 'profileId', 'examDate', 'id'])
export class PrescriptionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('int')
  memberId: number;

  @Column('int')
  profileId: number;

  @Column({ type: 'varchar', length: 20 })
  kind: PrescriptionKind;

  @Column({ type: 'varchar', length: 16 })
  source: PrescriptionSource;

  @Column({ type: 'int', nullable: true })
  storeId: number | null;

  @Column({ type: 'int', nullable: true })
  examinerStaffId: number | null;

  @Column({ type: 'date' })
  examDate: string;

  @Column({ type: 'date' })
  expiresAt: string;

  /** `<keyId>:<base64>` of `{ od, os, pd, notes }`. */
  @Column('text')
  sealedValues: string;

  @CreatedAt()
  createdAt: Date;
}

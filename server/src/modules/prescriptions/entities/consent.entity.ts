import type { ConsentKind } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** Append-only history of a member's consent decisions; the newest row per kind is in force. */
@Entity('consents')
// The decision in force is the newest of a kind; with `granted` in it, the desk reads it from the index.
@Index(['memberId', 'kind', 'id', 'granted'])
export class ConsentEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('int')
  memberId: number;

  @Column({ type: 'varchar', length: 32 })
  kind: ConsentKind;

  @Column()
  granted: boolean;

  @Column({ length: 32 })
  policyVersion: string;

  @CreatedAt()
  createdAt: Date;
}

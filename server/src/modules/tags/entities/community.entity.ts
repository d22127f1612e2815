import type { CommunityKind } from '@lensloop/shared';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** A store, interest or KOC group chat with its QR image and welcome text. */
@Entity('communities')
export class CommunityEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 12 })
  kind: CommunityKind;

  @Column({ length: 64 })
  name: string;

  @Column({ type: 'int', nullable: true })
  storeId: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  tag: string | null;

  @Column({ length: 500 })
  qrImageUrl: string;

  @Column({ length: 500 })
  welcomeText: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  chatId: string | null;

  @CreatedAt()
  createdAt: Date;
}

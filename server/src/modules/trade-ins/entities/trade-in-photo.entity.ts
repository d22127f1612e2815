import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** An uploaded photo: the file lives under the upload directory, named by a random key. */
@Entity('trade_in_photos')
@Index(['memberId'])
@Index(['tradeInId'])
export class TradeInPhotoEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column()
  memberId: number;

  /** Null until a submission takes it (`UPDATE … WHERE trade_in_id IS NULL`). */
  @Column({ type: 'int', nullable: true })
  tradeInId: number | null;

  /** Random file name (hex) inside the upload directory; never derived from client input. */
  @Column({ type: 'varchar', length: 64, unique: true })
  fileKey: string;

  @Column({ type: 'varchar', length: 20 })
  mimeType: string;

  @Column('int')
  size: number;

  @CreatedAt()
  createdAt: Date;
}

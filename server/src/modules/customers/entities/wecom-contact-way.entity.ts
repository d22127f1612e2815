import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A WeCom "contact me" code (`add_contact_way`) of a staff member or a store, with its `state`. */
@Entity('wecom_contact_ways')
export class WecomContactWayEntity {
  @PrimaryColumn({ length: 64 })
  configId: string;

  /** What WeCom echoes in the add_external_contact callback: `s:<staffId>` or `st:<storeId>`. */
  @Index({ unique: true })
  @Column({ length: 30 })
  state: string;

  @Index()
  @Column({ length: 64 })
  userid: string;

  @Column({ type: 'int', nullable: true })
  staffId: number | null;

  @Column({ type: 'int', nullable: true })
  storeId: number | null;

  @Column({ length: 300 })
  qrCode: string;

  @CreateDateColumn({ type: 'datetime', precision: 6 })
  createdAt: Date;
}

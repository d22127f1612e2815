import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A customer who added a staff member in WeCom, linked to the member by unionid when known. */
@Entity('wecom_external_contacts')
export class WecomExternalContactEntity {
  @PrimaryColumn({ length: 64 })
  externalUserid: string;

  /** The staff member's WeCom userid the customer added. */
  @Column({ length: 64 })
  userid: string;

  @Index()
  @Column({ type: 'int', nullable: true })
  memberId: number | null;

  @Index()
  @Column({ type: 'varchar', length: 64, nullable: true })
  unionid: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  state: string | null;

  @Column({ type: 'datetime', precision: 6 })
  addedAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  deletedAt: Date | null;

  /** A WeCom customer transfer asked for and not yet reported done (`transfer_result` polling). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  transferToUserid: string | null;

  /** Whether that transfer is of a departed staff member's customer (`resigned/transfer_customer`). */
  @Column({ default: false })
  transferResigned: boolean;

  /**
   * The corp tags the staff member has on the contact in WeCom, as last seen (a tag edit callback
   * is applied as the difference from these) or set by LensLoop's own mark_tag.
   */
  @Column({ type: 'simple-json', nullable: true })
  tagNames: string[] | null;

  /** Set once send_welcome_msg succeeded: one welcome per add. */
  @Column({ type: 'datetime', precision: 6, nullable: true })
  welcomeSentAt: Date | null;
}

import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '../../../infra/database/columns';

/** A tag on a member: automatic (by the rules, with the reason) or manual (by a staff member). */
@Entity('member_tags')
@Index('UQ_member_tags_member_name', ['memberId', 'name'], { unique: true })
// Segment counts look members up by tag name.
@Index('IDX_member_tags_name_member', ['name', 'memberId'])
export class MemberTagEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('int')
  memberId: number;

  @Column({ length: 64 })
  name: string;

  @Column()
  auto: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @Column({ type: 'int', nullable: true })
  staffId: number | null;

  @CreatedAt()
  createdAt: Date;
}

import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A member in a group chat, as WeCom reported it. */
@Entity('community_members')
@Index(['memberId'])
export class CommunityMemberEntity {
  @PrimaryColumn('int')
  communityId: number;

  @PrimaryColumn('int')
  memberId: number;

  @Column({ type: 'datetime', precision: 6 })
  joinedAt: Date;

  @Column({ type: 'datetime', precision: 6, nullable: true })
  leftAt: Date | null;
}

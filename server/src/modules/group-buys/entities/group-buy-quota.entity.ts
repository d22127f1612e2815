import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Seats a member holds in a campaign: the per-member limit is held by `UPDATE … SET used =
 * used + 1 WHERE used < limit` on this row (a lock row), never by counting seats.
 */
@Entity('group_buy_quotas')
export class GroupBuyQuotaEntity {
  @PrimaryColumn('int')
  campaignId: number;

  @PrimaryColumn('int')
  memberId: number;

  @Column('int', { default: 0 })
  used: number;
}

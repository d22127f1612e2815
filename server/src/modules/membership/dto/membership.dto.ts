import { ApiProperty } from '@nestjs/swagger';
import {
  MEMBER_TIERS,
  POINTS_ENTRY_KINDS,
  type Membership,
  type MembershipExport,
  type MemberTier,
  type PointsEntryKind,
  type PointsLedgerEntry,
  type PointsRule,
  type QuoteMembership,
  type TierRule,
} from '@lensloop/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MAX_POINTS_MULTIPLIER,
  MAX_TIER_DISCOUNT_PERCENT,
  MIN_POINTS_MULTIPLIER,
} from '../policies/tier.policy';

export class TierRuleDto implements TierRule {
  @ApiProperty({ enum: MEMBER_TIERS })
  @IsIn(MEMBER_TIERS)
  tier: MemberTier;

  @ApiProperty({ description: 'Rolling 12-month paid spend that reaches the tier, fen; the first tier 0.' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  minSpend: number;

  @ApiProperty({
    minimum: 0,
    maximum: MAX_TIER_DISCOUNT_PERCENT,
    description: 'Percent off frames and lenses.',
  })
  @IsInt()
  @Min(0)
  @Max(MAX_TIER_DISCOUNT_PERCENT)
  discountPercent: number;

  @ApiProperty({
    minimum: MIN_POINTS_MULTIPLIER,
    maximum: MAX_POINTS_MULTIPLIER,
    description: 'Points multiplier in hundredths (150 → 1.5×).',
  })
  @IsInt()
  @Min(MIN_POINTS_MULTIPLIER)
  @Max(MAX_POINTS_MULTIPLIER)
  pointsMultiplier: number;
}

export class TierTableDto {
  @ApiProperty({
    type: [TierRuleDto],
    description: 'Every tier once, lowest first (regular, silver, gold, diamond), thresholds rising from 0.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MEMBER_TIERS.length)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => TierRuleDto)
  tiers: TierRuleDto[];
}

export class PointsRuleDto implements PointsRule {
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Points per ¥1 paid, before the tier multiplier.' })
  @IsInt()
  @Min(0)
  @Max(100)
  pointsPerYuan: number;

  @ApiProperty({ minimum: 1, maximum: 10_000, description: 'Points that pay ¥1 at checkout.' })
  @IsInt()
  @Min(1)
  @Max(10_000)
  pointsPerYuanSpent: number;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'The most of an order points may pay, percent.' })
  @IsInt()
  @Min(0)
  @Max(100)
  maxOrderPercent: number;
}

export class NextTierDto {
  @ApiProperty({ enum: MEMBER_TIERS })
  tier: MemberTier;

  @ApiProperty({ description: 'Fen.' })
  minSpend: number;

  @ApiProperty({ description: 'Spend still missing, fen.' })
  missing: number;
}

export class PointsExpiringDto {
  @ApiProperty()
  points: number;

  @ApiProperty({ format: 'date-time', description: 'The year end (Asia/Shanghai) they expire at.' })
  at: string;
}

export class MembershipDto implements Membership {
  @ApiProperty({ enum: MEMBER_TIERS })
  tier: MemberTier;

  @ApiProperty({ description: 'Paid spend of the rolling 12 months (as last computed), fen.' })
  spend12m: number;

  @ApiProperty({ type: NextTierDto, nullable: true })
  nextTier: NextTierDto | null;

  @ApiProperty()
  discountPercent: number;

  @ApiProperty()
  points: number;

  @ApiProperty({ type: PointsExpiringDto, nullable: true })
  pointsExpiring: PointsExpiringDto | null;
}

export class PointsLedgerEntryDto implements PointsLedgerEntry {
  @ApiProperty()
  id: number;

  @ApiProperty({ description: 'Signed points.' })
  points: number;

  @ApiProperty()
  balanceAfter: number;

  @ApiProperty({ enum: POINTS_ENTRY_KINDS })
  kind: PointsEntryKind;

  @ApiProperty({ type: Number, nullable: true })
  orderId: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class QuoteMembershipDto implements QuoteMembership {
  @ApiProperty({ enum: MEMBER_TIERS })
  tier: MemberTier;

  @ApiProperty({ description: 'The tier’s percent off the frame and lens lines.' })
  discountPercent: number;

  @ApiProperty()
  pointsBalance: number;

  @ApiProperty({ description: 'The most points this order can take (balance, per-order cap, what is left).' })
  maxPoints: number;

  @ApiProperty()
  pointsUsed: number;

  @ApiProperty({ description: 'Points the order earns when it completes, at today’s tier.' })
  pointsToEarn: number;
}

export class MembershipExportDto implements MembershipExport {
  @ApiProperty({ type: MembershipDto })
  standing: MembershipDto;

  @ApiProperty({ type: [PointsLedgerEntryDto], description: 'Newest first.' })
  ledger: PointsLedgerEntryDto[];
}

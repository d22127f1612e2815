import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  REFERRAL_FRIEND_STATUSES,
  type CustomerReferrals,
  type MyReferral,
  type ReferralExport,
  type ReferralFriend,
  type ReferralFriendStatus,
  type ReferralFunnel,
  type ReferralFunnelQuery,
  type ReferralPerson,
  type ReferralRewardInput,
  type ReferralRule,
  type ReferralRuleInput,
  type ReferralScanRequest,
} from '@lensloop/shared';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_ID } from '../../../common/id.pipe';

export class ReferralFriendDto implements ReferralFriend {
  @ApiProperty({ example: '张*丰' })
  nicknameMasked: string;

  @ApiProperty({ format: 'date-time' })
  joinedAt: string;

  @ApiProperty({ enum: REFERRAL_FRIEND_STATUSES })
  status: ReferralFriendStatus;
}

export class MyReferralDto implements MyReferral {
  @ApiProperty({ example: 'K7M2Q9XA' })
  code: string;

  @ApiProperty({
    description:
      'Path of the mini-program code image (`wxacode.getUnlimited`, scene `ref:<code>`) on this server.',
  })
  qrUrl: string;

  @ApiProperty({ description: 'Friends attributed to this member.' })
  invited: number;

  @ApiProperty({ description: 'Friends whose first order earned this member a reward.' })
  rewarded: number;

  @ApiProperty({ type: [ReferralFriendDto] })
  friends: ReferralFriendDto[];
}

export class ReferralScanDto implements ReferralScanRequest {
  @ApiProperty({ description: 'The referral code the mini-program was opened with.' })
  @IsString()
  @Length(1, 32)
  @Matches(/^\s*[2-9A-HJKMNP-Za-hjkmnp-z]{8}\s*$/, { message: 'code must be a referral code' })
  code: string;
}

export class ReferralRewardInputDto implements ReferralRewardInput {
  @ApiPropertyOptional({ description: 'A coupon template of channel `reward`.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  couponTemplateId?: number;

  @ApiPropertyOptional({ description: 'Points for the referrer (credited by the membership module).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  points?: number;
}

export class ReferralRuleInputDto implements ReferralRuleInput {
  @ApiProperty({ type: ReferralRewardInputDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ReferralRewardInputDto)
  reward: ReferralRewardInputDto;

  @ApiProperty({ minimum: 0, maximum: 90, example: 7 })
  @IsInt()
  @Min(0)
  @Max(90)
  returnWindowDays: number;

  @ApiProperty({ minimum: 1, maximum: 1000, example: 10 })
  @IsInt()
  @Min(1)
  @Max(1000)
  monthlyCapPerReferrer: number;

  @ApiProperty({ minimum: 1, maximum: 90, example: 7 })
  @IsInt()
  @Min(1)
  @Max(90)
  attributionDays: number;
}

class ReferralRewardDto {
  @ApiProperty({ type: Number, nullable: true })
  couponTemplateId: number | null;

  @ApiProperty({ type: Number, nullable: true })
  points: number | null;
}

export class ReferralRuleDto implements ReferralRule {
  @ApiProperty({ type: ReferralRewardDto })
  reward: ReferralRewardDto;

  @ApiProperty()
  returnWindowDays: number;

  @ApiProperty()
  monthlyCapPerReferrer: number;

  @ApiProperty()
  attributionDays: number;
}

export class ReferralFunnelQueryDto implements ReferralFunnelQuery {
  @ApiProperty({ description: 'First day, `YYYY-MM-DD` (Asia/Shanghai).' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a real date' })
  from: string;

  @ApiProperty({ description: 'Last day, `YYYY-MM-DD` (Asia/Shanghai), inclusive.' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a real date' })
  to: string;
}

export class ReferralFunnelDto implements ReferralFunnel {
  @ApiProperty()
  from: string;

  @ApiProperty()
  to: string;

  @ApiProperty({ description: 'Openings of the mini-program through a referral code.' })
  scans: number;

  @ApiProperty({ description: 'New members attributed to a referrer.' })
  registrations: number;

  @ApiProperty({ description: 'Referees whose first order completed.' })
  firstOrders: number;

  @ApiProperty({ description: 'Rewards granted.' })
  rewards: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'First logins with a code that was not attributed, by reason.',
  })
  rejected: Record<string, number>;
}

export class ReferralPersonDto implements ReferralPerson {
  @ApiProperty()
  memberId: number;

  @ApiProperty()
  nicknameMasked: string;
}

class ReferredMemberDto extends ReferralPersonDto {
  @ApiProperty({ format: 'date-time' })
  joinedAt: string;

  @ApiProperty({ enum: REFERRAL_FRIEND_STATUSES })
  status: ReferralFriendStatus;
}

export class ReferredMembersDto {
  @ApiProperty()
  count: number;

  @ApiProperty({ type: [ReferredMemberDto] })
  members: ReferredMemberDto[];
}

/** For `CustomerCardDto`: the two referral fields of the staff customer card. */
export class CustomerReferralsDto implements CustomerReferrals {
  @ApiProperty({ type: ReferralPersonDto, nullable: true })
  referredBy: ReferralPersonDto | null;

  @ApiProperty({ type: ReferredMembersDto })
  referred: ReferredMembersDto;
}

class ReferredByExportDto {
  @ApiProperty()
  memberId: number;

  @ApiProperty({ type: String, nullable: true })
  code: string | null;

  @ApiProperty({ format: 'date-time' })
  attributedAt: string;

  @ApiProperty({ enum: REFERRAL_FRIEND_STATUSES })
  status: ReferralFriendStatus;
}

export class ReferralExportDto implements ReferralExport {
  @ApiProperty({ type: String, nullable: true })
  code: string | null;

  @ApiProperty({ type: ReferredByExportDto, nullable: true })
  referredBy: ReferredByExportDto | null;

  @ApiProperty({ type: [ReferralFriendDto] })
  invited: ReferralFriendDto[];
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COUPON_STATUSES,
  type CouponStatus,
  type IssueCouponsRequest,
  type MyCouponsQuery,
  type RedeemCouponRequest,
} from '@lensloop/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { MAX_ID } from '../../../common/id.pipe';

/** A job's member list is stored as one JSON text column (64 KB), so one request carries at most this many. */
export const MAX_ISSUE_MEMBERS = 5_000;

export class MyCouponsQueryDto implements MyCouponsQuery {
  @ApiPropertyOptional({ enum: COUPON_STATUSES })
  @IsOptional()
  @IsIn(COUPON_STATUSES)
  status?: CouponStatus;
}

export class RedeemCouponDto implements RedeemCouponRequest {
  @ApiProperty({ description: 'The scanned rotating code.' })
  @IsString()
  @Length(1, 64)
  code: string;
}

export class IssueCouponsDto implements IssueCouponsRequest {
  @ApiPropertyOptional({ type: [Number], description: 'The members; or `segmentId` instead.' })
  @ValidateIf((body: IssueCouponsDto) => body.segmentId === undefined || body.memberIds !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ISSUE_MEMBERS)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  memberIds?: number[];

  @ApiPropertyOptional({ description: 'A saved segment (`POST /admin/segments`) instead of `memberIds`.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  segmentId?: number;
}

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
  @ApiProperty({ type: [Number], description: 'Segments are not built yet: a member list only.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ISSUE_MEMBERS)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  memberIds: number[];
}

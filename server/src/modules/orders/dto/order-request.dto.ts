import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FULFILMENTS,
  type CartItemInput,
  type DeliveryAddress,
  type Fulfilment,
  type LensSelection,
  type OrderItemInput,
  type OrderRequest,
} from '@lensloop/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_ID } from '../../../common/id.pipe';
import { registerFastValidation } from '../../../common/validation';
import { fastOrderRequest } from './order-request.fast-validation';

export class LensSelectionDto implements LensSelection {
  @ApiProperty({ description: 'The lens SKU (design and index) fitted into the frame.' })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  skuId: number;

  @ApiProperty({ type: [String], description: 'Lens option codes, e.g. ["AR-PREMIUM", "BLUE-CUT"].' })
  @IsArray()
  @ArrayMaxSize(4)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  options: string[];
}

/** A SKU, how many, and for a frame the lenses to fit: a cart line and an order line alike. */
export class ItemSelectionDto implements CartItemInput {
  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  skuId: number;

  @ApiProperty({ minimum: 1, maximum: 99 })
  @IsInt()
  @Min(1)
  @Max(99)
  quantity: number;

  @ApiPropertyOptional({ type: LensSelectionDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => LensSelectionDto)
  lens?: LensSelectionDto;
}

export class OrderItemDto extends ItemSelectionDto implements OrderItemInput {
  @ApiPropertyOptional({ description: 'Omit to bring the prescription to the store later.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  prescriptionId?: number;
}

export class DeliveryAddressDto implements DeliveryAddress {
  @ApiProperty()
  @IsString()
  @Length(1, 40)
  recipient: string;

  @ApiProperty({ example: '13800138000' })
  @Matches(/^1\d{10}$/, { message: 'phone must be an 11-digit mainland mobile number' })
  phone: string;

  @ApiProperty({ example: '上海市 黄浦区' })
  @IsString()
  @Length(1, 60)
  region: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  detail: string;
}

export class OrderRequestDto implements OrderRequest {
  @ApiProperty({ description: 'The store whose stock is reserved (and where glasses are picked up).' })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  storeId: number;

  @ApiProperty({ type: [OrderItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OrderItemDto)
  items: OrderItemDto[];

  @ApiProperty({ enum: FULFILMENTS })
  @IsIn(FULFILMENTS)
  fulfilment: Fulfilment;

  @ApiPropertyOptional({ type: DeliveryAddressDto, description: 'Required for delivery.' })
  @ValidateIf(
    (request: OrderRequestDto) => request.fulfilment === 'delivery' || request.address !== undefined,
  )
  @IsDefined({ message: 'address is required for delivery' })
  @IsObject()
  @ValidateNested()
  @Type(() => DeliveryAddressDto)
  address?: DeliveryAddressDto;

  @ApiPropertyOptional({ description: "One of the member's available coupons (GET /me/coupons)." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  couponId?: number;

  @ApiPropertyOptional({
    description:
      'Pay min(balance, what is left after coupon and points) from the stored value; WeChat Pay collects the rest. Refused (409 WALLET_INSUFFICIENT) with a zero balance.',
  })
  @IsOptional()
  @IsBoolean()
  useBalance?: boolean;

  @ApiPropertyOptional({
    minimum: 0,
    description:
      'Points to pay with (100 points = ¥1 by default), at most `quote.membership.maxPoints`: beyond the balance 409 POINTS_INSUFFICIENT, beyond the per-order cap 422 POINTS_OVER_LIMIT.',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  pointsToUse?: number;
}

registerFastValidation(OrderRequestDto, fastOrderRequest);

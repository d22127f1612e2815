import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CartItemInput } from '@lensloop/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { LensSelectionDto } from '../../orders/dto/order-request.dto';

export class CartItemDto implements CartItemInput {
  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  skuId: number;

  @ApiProperty({ minimum: 1, maximum: 99 })
  @IsInt()
  @Min(1)
  @Max(99)
  quantity: number;

  @ApiPropertyOptional({ type: LensSelectionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LensSelectionDto)
  lens?: LensSelectionDto;
}

export class CartQuantityDto {
  @ApiProperty({ minimum: 1, maximum: 99 })
  @IsInt()
  @Min(1)
  @Max(99)
  quantity: number;
}

export class CartQueryDto {
  @ApiPropertyOptional({ description: 'Price and check stock at this store.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  storeId?: number;
}

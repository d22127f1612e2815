import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ItemSelectionDto } from '../../orders/dto/order-request.dto';

export class CartItemDto extends ItemSelectionDto {}

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

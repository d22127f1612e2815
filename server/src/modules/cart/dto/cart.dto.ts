import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalIdQuery } from '../../../common/id.pipe';
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
  @OptionalIdQuery()
  storeId?: number;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CART_ITEM_PROBLEMS, type Cart, type CartItem, type CartItemProblem } from '@lensloop/shared';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalIdQuery } from '../../../common/id.pipe';
import { PricedItemDto } from '../../orders/dto/order.dto';
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

export class CartLineDto extends PricedItemDto implements CartItem {
  @ApiProperty()
  id: number;

  @ApiProperty({ description: 'Units on hand at the store the cart was priced for.' })
  stock: number;

  @ApiProperty({ type: String, enum: CART_ITEM_PROBLEMS, nullable: true })
  problem: CartItemProblem | null;
}

export class CartDto implements Cart {
  @ApiProperty({ type: Number, nullable: true })
  storeId: number | null;

  @ApiProperty({ type: [CartLineDto] })
  items: CartLineDto[];

  @ApiProperty({ description: 'Sum over the lines without problems, fen.' })
  subtotal: number;
}

import { ApiProperty, ApiPropertyOptional, OmitType, PickType } from '@nestjs/swagger';
import {
  FULFILMENTS,
  ORDER_ACTORS,
  ORDER_KINDS,
  ORDER_STATUSES,
  type Fulfilment,
  type Order,
  type OrderActor,
  type OrderKind,
  type OrderEvent,
  type OrderStatus,
  type OrderSummary,
  type PricedItem,
  type PricedLens,
  type Quote,
} from '@lensloop/shared';
import { LensOptionDto, STRING_MAP } from '../../catalog/dto/product.dto';
import { QuoteCouponsDto } from '../../coupons/dto/coupon.dto';
import { QuoteWalletDto } from '../../wallet/dto/wallet.dto';
import { DeliveryAddressDto } from './order-request.dto';

export const ORDER_STATUS = { enum: ORDER_STATUSES } as const;
const FULFILMENT = { enum: FULFILMENTS } as const;
export const ORDER_KIND = { enum: ORDER_KINDS } as const;

export class PricedLensDto implements PricedLens {
  @ApiProperty()
  skuId: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'Fen.' })
  unitPrice: number;

  @ApiProperty({ type: [LensOptionDto] })
  options: LensOptionDto[];
}

export class LensAdviceDto {
  @ApiProperty({ description: 'Lens index the prescription’s power suggests.', example: 1.67 })
  recommendedIndex: number;
}

export class PricedItemDto implements PricedItem {
  @ApiProperty()
  skuId: number;

  @ApiProperty()
  productId: number;

  @ApiProperty()
  name: string;

  @ApiProperty(STRING_MAP)
  attributes: Record<string, string>;

  @ApiProperty()
  imageUrl: string;

  @ApiProperty()
  quantity: number;

  @ApiProperty({ description: 'Fen.' })
  unitPrice: number;

  @ApiProperty({ type: PricedLensDto, nullable: true })
  lens: PricedLensDto | null;

  @ApiProperty({ type: Number, nullable: true })
  prescriptionId: number | null;

  @ApiPropertyOptional({
    type: LensAdviceDto,
    description:
      'On a quote: the lens index is below what the prescription’s power suggests (the order is still ' +
      'allowed); absent when the index suits.',
  })
  lensAdvice?: LensAdviceDto;

  @ApiProperty({ description: '(unit price + lens + options) × quantity, fen.' })
  lineTotal: number;
}

export class QuoteDto implements Quote {
  @ApiProperty({ type: [PricedItemDto] })
  items: PricedItemDto[];

  @ApiProperty({ description: 'Fen.', example: 129900 })
  subtotal: number;

  @ApiProperty({ description: 'Coupon discount, fen.', example: 0 })
  discount: number;

  @ApiProperty({ description: 'Fen.', example: 0 })
  pointsDiscount: number;

  @ApiProperty({ description: 'Paid from stored value, fen.', example: 0 })
  balancePaid: number;

  @ApiProperty({ description: 'Left to pay, fen.', example: 129900 })
  payable: number;

  @ApiProperty({ type: QuoteCouponsDto, description: 'The member’s available coupons against this order.' })
  coupons: QuoteCouponsDto;

  @ApiProperty({ type: QuoteWalletDto, description: 'The member’s stored value and the top-up suggestion.' })
  wallet: QuoteWalletDto;
}

export class OrderEventDto implements OrderEvent {
  @ApiProperty({ ...ORDER_STATUS, type: String, nullable: true })
  from: OrderStatus | null;

  @ApiProperty(ORDER_STATUS)
  to: OrderStatus;

  @ApiProperty({ enum: ORDER_ACTORS })
  actor: OrderActor;

  @ApiProperty({ type: Number, nullable: true })
  actorId: number | null;

  @ApiProperty({ type: String, nullable: true })
  note: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

// An order carries its discount and wallet payment, not the quote's coupon options and suggestion.
export class OrderDto extends OmitType(QuoteDto, ['coupons', 'wallet'] as const) implements Order {
  @ApiProperty()
  id: number;

  @ApiProperty({ description: 'Order number shown to people.' })
  no: string;

  @ApiProperty(ORDER_KIND)
  kind: OrderKind;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The line of an order without catalog items (a top-up); null for goods.',
  })
  description: string | null;

  @ApiProperty(ORDER_STATUS)
  status: OrderStatus;

  @ApiProperty()
  storeId: number;

  @ApiProperty(FULFILMENT)
  fulfilment: Fulfilment;

  @ApiProperty({ type: DeliveryAddressDto, nullable: true })
  address: DeliveryAddressDto | null;

  @ApiProperty({ description: 'Refunded so far (WeChat Pay and wallet parts), fen.' })
  refunded: number;

  @ApiProperty({ description: 'The part of balancePaid returned to the wallet, fen.' })
  balanceRefunded: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time', description: 'When an unpaid order is cancelled automatically.' })
  expiresAt: string;

  @ApiProperty({ type: [OrderEventDto] })
  timeline: OrderEventDto[];
}

export class OrderSummaryDto
  extends PickType(OrderDto, [
    'id',
    'no',
    'kind',
    'status',
    'storeId',
    'fulfilment',
    'payable',
    'createdAt',
  ] as const)
  implements OrderSummary
{
  @ApiProperty()
  itemCount: number;

  @ApiProperty()
  firstItemName: string;

  @ApiProperty()
  imageUrl: string;
}

import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiTags, ApiCreatedResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ErrorCode, type Order, type OrderSummary, type Page, type Quote } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { DomainError } from '../../common/domain-error';
import { IdPipe } from '../../common/id.pipe';
import { OrderQueryDto } from './dto/order-query.dto';
import { OrderRequestDto } from './dto/order-request.dto';
import { RefundRequestNoteDto } from './dto/transition-request.dto';
import { OrdersService } from './orders.service';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import { OrderDto, OrderSummaryDto, QuoteDto } from './dto/order.dto';

const IDEMPOTENCY_KEY = /^[\w.:-]{8,100}$/;

/** What pricing an order request can refuse: a quote and an order alike. */
const PRICING_ERRORS = [
  ErrorCode.VALIDATION_FAILED,
  ErrorCode.STORE_NOT_FOUND,
  ErrorCode.SKU_NOT_FOUND,
  ErrorCode.PRESCRIPTION_NOT_FOUND,
  ErrorCode.SKU_OFF_SALE,
  ErrorCode.LENS_CONFIGURATION_INVALID,
  // lensFitProblems: the first kind of problem with the prescription decides the code.
  ErrorCode.LENS_DOES_NOT_FIT,
  ErrorCode.PRESCRIPTION_EXPIRED,
  ErrorCode.CONTACT_LENS_PRESCRIPTION_FOR_GLASSES,
  ErrorCode.NEAR_PRESCRIPTION_FOR_DISTANCE_LENS,
  // The request's couponId (CouponApplier.price): not the member's, used, out of dates or not applicable.
  ErrorCode.COUPON_NOT_FOUND,
  ErrorCode.COUPON_ALREADY_REDEEMED,
  ErrorCode.COUPON_NOT_YET_VALID,
  ErrorCode.COUPON_EXPIRED,
  ErrorCode.COUPON_NOT_APPLICABLE,
  // useBalance with no balance, or the balance spent by a concurrent order (WalletAccess.debit).
  ErrorCode.WALLET_INSUFFICIENT,
];

@ApiTags('orders')
@Controller('orders')
@Roles('customer')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post('quote')
  @HttpCode(200)
  @ApiOperation({ summary: 'Price an order without placing it' })
  @ApiOkResponse({ type: QuoteDto })
  @ApiErrors(...PRICING_ERRORS)
  quoteOrder(@CurrentPrincipal() principal: Principal, @Body() body: OrderRequestDto): Promise<Quote> {
    return this.orders.quote(principal.id, body);
  }

  @Post()
  @ApiHeader({
    name: 'idempotency-key',
    required: false,
    description:
      'One key per order attempt (8–100 letters, digits or . : _ -); a retry with the same key and body returns the first order. Kept 24 h.',
  })
  @ApiOperation({ summary: 'Place an order (reserves stock; pay within the payment window)' })
  @ApiCreatedResponse({ type: OrderDto })
  @ApiErrors(
    ...PRICING_ERRORS,
    ErrorCode.OUT_OF_STOCK,
    ErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
    ErrorCode.IDEMPOTENCY_KEY_REUSED,
  )
  createOrder(
    @CurrentPrincipal() principal: Principal,
    @Body() body: OrderRequestDto,
    @Headers('idempotency-key') idempotencyKey?: string,
  ): Promise<Order> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'The request is not valid.', [
        { field: 'Idempotency-Key', message: 'must be 8–100 letters, digits or . : _ -' },
      ]);
    }
    return this.orders.createOrder(principal.id, body, idempotencyKey);
  }

  @Get()
  @ApiOperation({ summary: 'List the member’s orders, newest first' })
  @ApiPageResponse(OrderSummaryDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listOrders(
    @CurrentPrincipal() principal: Principal,
    @Query() query: OrderQueryDto,
  ): Promise<Page<OrderSummary>> {
    return this.orders.listOrders(principal.id, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Get one of the member’s orders with its timeline' })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.ORDER_NOT_FOUND)
  getOrder(@CurrentPrincipal() principal: Principal, @Param('id', IdPipe) id: number): Promise<Order> {
    return this.orders.getOrder(principal.id, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel an unpaid order (releases the stock)' })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.ORDER_NOT_FOUND, ErrorCode.ORDER_TRANSITION_NOT_ALLOWED)
  cancelOrder(@CurrentPrincipal() principal: Principal, @Param('id', IdPipe) id: number): Promise<Order> {
    return this.orders.cancelOrder(principal.id, id);
  }

  @Post(':id/refund-request')
  @HttpCode(200)
  @ApiOperation({ summary: 'Ask for a refund of a paid order' })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.ORDER_NOT_FOUND, ErrorCode.ORDER_TRANSITION_NOT_ALLOWED)
  requestRefund(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: RefundRequestNoteDto,
  ): Promise<Order> {
    return this.orders.requestRefund(principal.id, id, body.note);
  }
}

import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type Order, type OrderSummary, type Page, type Quote } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { DomainError } from '../../common/domain-error';
import { IdPipe } from '../../common/id.pipe';
import { OrderQueryDto } from './dto/order-query.dto';
import { OrderRequestDto } from './dto/order-request.dto';
import { RefundRequestNoteDto } from './dto/transition-request.dto';
import { OrdersService } from './orders.service';

const IDEMPOTENCY_KEY = /^[\w.:-]{8,100}$/;

@ApiTags('orders')
@Controller('orders')
@Roles('customer')
export class OrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Post('quote')
  @HttpCode(200)
  quoteOrder(@CurrentPrincipal() principal: Principal, @Body() body: OrderRequestDto): Promise<Quote> {
    return this.orders.quote(principal.id, body);
  }

  @Post()
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retries with the same key return the first order.',
  })
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
  listOrders(
    @CurrentPrincipal() principal: Principal,
    @Query() query: OrderQueryDto,
  ): Promise<Page<OrderSummary>> {
    return this.orders.listOrders(principal.id, query);
  }

  @Get(':id')
  getOrder(@CurrentPrincipal() principal: Principal, @Param('id', IdPipe) id: number): Promise<Order> {
    return this.orders.getOrder(principal.id, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  cancelOrder(@CurrentPrincipal() principal: Principal, @Param('id', IdPipe) id: number): Promise<Order> {
    return this.orders.cancelOrder(principal.id, id);
  }

  @Post(':id/refund-request')
  @HttpCode(200)
  requestRefund(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: RefundRequestNoteDto,
  ): Promise<Order> {
    return this.orders.requestRefund(principal.id, id, body.note);
  }
}

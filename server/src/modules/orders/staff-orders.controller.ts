import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ErrorCode, type Order, type OrderSummary, type Page } from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { OrderQueryDto, StaffOrderQueryDto } from './dto/order-query.dto';
import { TransitionRequestDto } from './dto/transition-request.dto';
import { OrdersService } from './orders.service';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import { OrderDto, OrderSummaryDto } from './dto/order.dto';

@ApiTags('staff')
@Controller('staff')
@Roles(...STAFF_ROLES_ALL)
export class StaffOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get('orders')
  @ApiOperation({ summary: 'List the store’s orders of a day' })
  @ApiPageResponse(OrderSummaryDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listStoreOrders(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StaffOrderQueryDto,
  ): Promise<Page<OrderSummary>> {
    return this.orders.listStoreOrders(principal, query);
  }

  @Get('orders/:id')
  @ApiOperation({ summary: 'Get an order of the staff member’s store' })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.ORDER_NOT_FOUND)
  async getStoreOrder(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<Order> {
    return this.orders.toOrder(await this.orders.findForStaff(principal, id));
  }

  /** A customer's recent purchases, shown on the staff desk's customer card. */
  @Get('customers/:memberId/orders')
  @ApiOperation({ summary: 'List a customer’s orders, newest first' })
  @ApiPageResponse(OrderSummaryDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listCustomerOrders(
    @Param('memberId', IdPipe) memberId: number,
    @Query() query: OrderQueryDto,
  ): Promise<Page<OrderSummary>> {
    return this.orders.listOrders(memberId, query);
  }

  @Post('orders/:id/transition')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move an order to its next status (processing, ready, shipped, completed…)' })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.ORDER_NOT_FOUND, ErrorCode.ORDER_TRANSITION_NOT_ALLOWED)
  transitionOrder(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: TransitionRequestDto,
  ): Promise<Order> {
    return this.orders.staffTransition(principal, id, body.to, body.note);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Order, OrderSummary, Page } from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { OrderQueryDto, StaffOrderQueryDto } from './dto/order-query.dto';
import { TransitionRequestDto } from './dto/transition-request.dto';
import { OrdersService } from './orders.service';

@ApiTags('staff')
@Controller('staff')
@Roles(...STAFF_ROLES_ALL)
export class StaffOrdersController {
  constructor(private readonly orders: OrdersService) {}

  @Get('orders')
  listStoreOrders(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StaffOrderQueryDto,
  ): Promise<Page<OrderSummary>> {
    return this.orders.listStoreOrders(principal, query);
  }

  @Get('orders/:id')
  async getStoreOrder(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<Order> {
    return this.orders.toOrder(await this.orders.findForStaff(principal, id));
  }

  /** A customer's recent purchases, shown on the staff desk's customer card. */
  @Get('customers/:memberId/orders')
  listCustomerOrders(
    @Param('memberId', IdPipe) memberId: number,
    @Query() query: OrderQueryDto,
  ): Promise<Page<OrderSummary>> {
    return this.orders.listOrders(memberId, query);
  }

  @Post('orders/:id/transition')
  @HttpCode(200)
  transitionOrder(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: TransitionRequestDto,
  ): Promise<Order> {
    return this.orders.staffTransition(principal, id, body.to, body.note);
  }
}

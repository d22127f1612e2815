import { Body, Controller, HttpCode, Logger, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiExcludeEndpoint,
  ApiTags,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
} from '@nestjs/swagger';
import { ErrorCode, type Order, type PayOrderResponse } from '@lensloop/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles, Public } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { RefundRequestDto } from './dto/refund-request.dto';
import { NotificationRejected } from './payment-notification';
import { PaymentsService } from './payments.service';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { oneOfModels } from '../../common/openapi/api-responses.decorator';
import { OrderDto } from '../orders/dto/order.dto';
import { OrderPaidDto, PaymentPendingDto } from './dto/pay-order-response.dto';

@ApiTags('payments')
@Controller()
export class PaymentsController {
  private readonly logger = new Logger(PaymentsController.name);

  constructor(private readonly payments: PaymentsService) {}

  @Post('orders/:id/pay')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({
    summary: 'Start paying an order: wx.requestPayment parameters, or paid when nothing is due',
  })
  @ApiExtraModels(OrderPaidDto, PaymentPendingDto)
  @ApiOkResponse({ schema: oneOfModels(OrderPaidDto, PaymentPendingDto) })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.ORDER_NOT_FOUND,
    ErrorCode.ORDER_NOT_PAYABLE,
    ErrorCode.PAYMENT_CLOSED,
    ErrorCode.PAYMENT_REJECTED,
    ErrorCode.PAYMENT_RATE_LIMITED,
    ErrorCode.WECHAT_UNAVAILABLE,
  )
  payOrder(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<PayOrderResponse> {
    return this.payments.payOrder(principal.id, id);
  }

  /**
   * WeChat Pay v3 notifications. WeChat wants 200/204 without a body when the notification was
   * taken, and a 4xx/5xx with `{"code":"FAIL","message":…}` when it should be sent again.
   */
  @Post('payments/wechat/notify')
  @ApiOperation({ summary: 'Receive a WeChat Pay v3 notification (called by WeChat Pay only)' })
  @ApiNoContentResponse({ description: 'Taken.' })
  @ApiResponse({
    status: '4XX',
    description:
      'Refused (bad signature, unknown order…): `{"code":"FAIL","message":…}`, WeChat sends it again.',
  })
  @Public()
  async receiveWechatNotification(
    @Req() request: FastifyRequest & { rawBody?: Buffer },
    @Res() reply: FastifyReply,
  ): Promise<void> {
    try {
      await this.payments.handleNotification(request.headers, request.rawBody?.toString('utf8') ?? '');
      await reply.status(204).send();
    } catch (error) {
      const rejected = error instanceof NotificationRejected;
      const message = error instanceof Error ? error.message : String(error);
      if (rejected) this.logger.warn(`WeChat Pay notification rejected (${request.id}): ${message}`);
      else
        this.logger.error(
          `WeChat Pay notification failed (${request.id}): ${(error as Error).stack ?? message}`,
        );
      await reply
        .status(rejected ? error.status : 500)
        .send({ code: 'FAIL', message: rejected ? message : 'internal error' });
    }
  }

  @Post('dev/payments/:orderId/succeed')
  @HttpCode(200)
  @Roles('customer')
  @ApiExcludeEndpoint()
  completeWithFakePay(
    @CurrentPrincipal() principal: Principal,
    @Param('orderId', IdPipe) orderId: number,
  ): Promise<Order> {
    return this.payments.completeWithFakePay(principal.id, orderId);
  }

  @Post('staff/orders/:id/refunds')
  @HttpCode(200)
  @Roles('manager', 'admin')
  @ApiOperation({ summary: 'Refund a paid order, whole or in part' })
  @ApiOkResponse({ type: OrderDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.ORDER_NOT_FOUND,
    ErrorCode.ORDER_TRANSITION_NOT_ALLOWED,
    ErrorCode.REFUND_AMOUNT_INVALID,
    ErrorCode.WALLET_TOP_UP_SPENT,
  )
  refundOrder(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: RefundRequestDto,
  ): Promise<Order> {
    return this.payments.refundOrder(principal, id, body.amount, body.reason);
  }
}

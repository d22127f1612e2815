import { Body, Controller, HttpCode, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Order, PayOrderResponse } from '@lensloop/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { RefundRequestDto } from './dto/refund-request.dto';
import { NotificationRejected } from './payment-notification';
import { PaymentsService } from './payments.service';

@ApiTags('payments')
@Controller()
export class PaymentsController {
  private readonly logger = new Logger(PaymentsController.name);

  constructor(private readonly payments: PaymentsService) {}

  @Post('orders/:id/pay')
  @HttpCode(200)
  @Roles('customer')
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
  refundOrder(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: RefundRequestDto,
  ): Promise<Order> {
    return this.payments.refundOrder(principal, id, body.amount, body.reason);
  }
}

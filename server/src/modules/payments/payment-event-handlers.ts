import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EventBus } from '../../infra/events/event-bus';
import { PaymentsService } from './payments.service';

/** What payments does when other modules' events arrive (WeChat calls, so `external`). */
@Injectable()
export class PaymentEventHandlers implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly payments: PaymentsService,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      name: 'payments.close-wechat-transaction',
      type: 'OrderCancelled',
      mode: 'external',
      handle: (event) => this.payments.closeCancelledTransaction(event.payload.orderId),
    });
    this.events.subscribe({
      name: 'payments.send-refund',
      type: 'RefundCreated',
      mode: 'external',
      handle: (event) => this.payments.sendRefund(event.payload.refundId),
    });
  }
}

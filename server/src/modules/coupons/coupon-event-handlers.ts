import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import { EventBus } from '../../infra/events/event-bus';
import { CouponCheckout } from './coupon-checkout';
import { CouponsService, validityOf } from './coupons.service';
import { CouponTemplateEntity } from './entities/coupon-template.entity';
import { CouponEntity } from './entities/coupon.entity';
import { isIssuable } from './policies/coupon-validity.policy';
import { WelcomeTemplatePort } from './welcome-template-port';

/** What coupons do on other modules' events: database work only, so `transactional`. */
@Injectable()
export class CouponEventHandlers implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly coupons: CouponsService,
    private readonly checkout: CouponCheckout,
    private readonly clock: BusinessClock,
    private readonly welcomePort: WelcomeTemplatePort,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      name: 'coupons.issue-welcome',
      type: 'MemberRegistered',
      mode: 'transactional',
      handle: (event, manager) => this.issueWelcome(manager as EntityManager, event.payload.memberId),
    });
    this.events.subscribe({
      name: 'coupons.return-on-cancel',
      type: 'OrderCancelled',
      mode: 'transactional',
      handle: (event, manager) => this.checkout.returnFor(manager as EntityManager, event.payload.orderId),
    });
    // A fully refunded order gives its coupon back the same way (same coupon, not counted again).
    this.events.subscribe({
      name: 'coupons.return-on-refund',
      type: 'OrderRefunded',
      mode: 'transactional',
      handle: (event, manager) => this.checkout.returnFor(manager as EntityManager, event.payload.orderId),
    });
  }

  /**
   * One coupon of every active welcome template; a member who already holds one gets none.
   * Templates the customers module's welcome flow hands out by state are left to it.
   */
  private async issueWelcome(manager: EntityManager, memberId: number): Promise<void> {
    const now = this.clock.now();
    const templates = await manager.findBy(CouponTemplateEntity, { channel: 'welcome', active: true });
    const reserved = await this.welcomePort.reservedTemplateIds(manager);
    for (const template of templates) {
      if (reserved.has(template.id) || !isIssuable(validityOf(template), now)) continue;
      if (await manager.existsBy(CouponEntity, { templateId: template.id, memberId })) continue;
      await this.coupons.issueTo(manager, template, memberId);
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { MemberExport } from '@lensloop/shared';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CartItemEntity } from '../cart/entities/cart-item.entity';
import { MemberEntity } from '../members/entities/member.entity';
import { ProfileEntity } from '../members/entities/profile.entity';
import { MembersService } from '../members/members.service';
import { ProfilesService, toFamilyProfile } from '../members/profiles.service';
import { OrderEntity } from '../orders/entities/order.entity';
import { OrdersService } from '../orders/orders.service';
import { toConsent } from '../prescriptions/consents.service';
import { ConsentEntity } from '../prescriptions/entities/consent.entity';
import { PrescriptionEntity } from '../prescriptions/entities/prescription.entity';
import { PrescriptionsService } from '../prescriptions/prescriptions.service';

/** PIPL rights: a copy of everything stored about the member, and erasure of their personal data. */
@Injectable()
export class PrivacyService {
  constructor(
    @InjectRepository(MemberEntity) private readonly memberRows: Repository<MemberEntity>,
    @InjectRepository(ConsentEntity) private readonly consents: Repository<ConsentEntity>,
    @InjectRepository(OrderEntity) private readonly orderRows: Repository<OrderEntity>,
    private readonly members: MembersService,
    private readonly profiles: ProfilesService,
    private readonly prescriptions: PrescriptionsService,
    private readonly audit: AuditService,
    private readonly orders: OrdersService,
  ) {}

  async exportMember(memberId: number): Promise<MemberExport> {
    const member = await this.members.getMember(memberId);
    const [profiles, consents, prescriptions, accessLog, orderRows] = await Promise.all([
      this.profiles.listProfiles(memberId),
      this.consents.find({ where: { memberId }, order: { id: 'ASC' } }),
      this.prescriptions.listAllForMember(memberId),
      this.audit.listAllForMember(memberId),
      this.orderRows.find({ where: { memberId }, order: { id: 'ASC' } }),
    ]);
    return {
      exportedAt: new Date().toISOString(),
      member: {
        id: member.id,
        nickname: member.nickname,
        phone: member.phone,
        memberCode: member.memberCode,
        tier: member.tier,
        points: member.points,
        balance: member.balance,
        homeStoreId: member.homeStoreId,
        createdAt: member.createdAt.toISOString(),
      },
      profiles: profiles.map(toFamilyProfile),
      consents: consents.map(toConsent),
      prescriptions,
      accessLog,
      orders: await Promise.all(orderRows.map((order) => this.orders.toOrder(order))),
    };
  }

  /**
   * Erases the member's personal data: family profiles, prescriptions, consents, the cart, delivery
   * addresses, phone, nickname and WeChat identifiers (so the same WeChat user logging in again
   * becomes a new member). The member row and the orders stay, anonymous, for accounting; the audit
   * log stays too, as it holds only ids and is the record of who accessed the data.
   */
  async eraseMember(memberId: number): Promise<void> {
    await this.members.getMember(memberId);
    await this.memberRows.manager.transaction(async (manager) => {
      await manager.delete(PrescriptionEntity, { memberId });
      await manager.delete(ProfileEntity, { memberId });
      await manager.delete(ConsentEntity, { memberId });
      await manager.delete(CartItemEntity, { memberId });
      await manager.update(OrderEntity, { memberId }, { address: null });
      await manager.update(MemberEntity, memberId, {
        openid: `erased:${memberId}`,
        unionid: null,
        sessionKey: null,
        nickname: null,
        phone: null,
        erasedAt: new Date(),
      });
    });
  }
}

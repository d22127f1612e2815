import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { Coupon } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { CouponsService } from './coupons.service';
import { CouponEntity } from './entities/coupon.entity';

/** The member's coupons in the PIPL export; erasure deletes them (orders keep their discount). */
@Injectable()
export class CouponsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'coupons';

  constructor(
    private readonly coupons: CouponsService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  exportFor(memberId: number): Promise<Coupon[]> {
    return this.coupons.listMine(memberId);
  }

  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(CouponEntity, { memberId });
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ReferralExport } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { ReferralsService } from './referrals.service';

/** The member's referral code, attribution and invited friends in the export; erasure removes them. */
@Injectable()
export class ReferralsPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'referrals';

  constructor(
    private readonly referrals: ReferralsService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  exportFor(memberId: number): Promise<ReferralExport> {
    return this.referrals.exportFor(memberId);
  }

  eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    return this.referrals.eraseFor(manager, memberId);
  }
}

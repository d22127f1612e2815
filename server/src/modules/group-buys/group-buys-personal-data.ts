import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { GroupBuyExport } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { GroupBuysService } from './group-buys.service';

/** The member's group-buy seats and service vouchers in the export; erasure removes them from groups. */
@Injectable()
export class GroupBuysPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'groupBuys';

  constructor(
    private readonly groupBuys: GroupBuysService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  exportFor(memberId: number): Promise<GroupBuyExport> {
    return this.groupBuys.exportFor(memberId);
  }

  eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    return this.groupBuys.eraseFor(manager, memberId);
  }
}

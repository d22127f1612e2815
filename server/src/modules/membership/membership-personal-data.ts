import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { MembershipExport } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { MembershipService } from './membership.service';
import { PointsService } from './points.service';

/** The member's tier standing and points ledger in the PIPL export; erasure deletes both. */
@Injectable()
export class MembershipPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'membership';

  constructor(
    private readonly membership: MembershipService,
    private readonly points: PointsService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  async exportFor(memberId: number): Promise<MembershipExport> {
    const [standing, ledger] = await Promise.all([
      this.membership.standingOf(memberId),
      this.points.fullLedgerOf(memberId),
    ]);
    return { standing, ledger };
  }

  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await this.points.eraseFor(manager, memberId);
    await this.membership.eraseFor(manager, memberId);
  }
}

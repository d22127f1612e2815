import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  MemberStandingPort,
  type MemberStanding,
  type MemberStandingContributor,
} from '../members/member-standing';
import { MembershipService } from './membership.service';
import { PointsService } from './points.service';

/** The tier and points shown with a member (`GET /me`, login, the staff card, the export). */
@Injectable()
export class MembershipStanding implements MemberStandingContributor, OnModuleInit {
  constructor(
    private readonly port: MemberStandingPort,
    private readonly membership: MembershipService,
    private readonly points: PointsService,
  ) {}

  onModuleInit(): void {
    this.port.register(this);
  }

  async standingOf(memberId: number): Promise<Partial<MemberStanding>> {
    const [{ tier }, points] = await Promise.all([
      this.membership.tierOf(memberId),
      this.points.balanceOf(memberId),
    ]);
    return { tier, points };
  }
}

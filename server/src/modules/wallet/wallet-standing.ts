import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  MemberStandingPort,
  type MemberStanding,
  type MemberStandingContributor,
} from '../members/member-standing';
import { WalletService } from './wallet.service';

/** The wallet's part of a member's standing: the balance shown by `GET /me`, login and the staff card. */
@Injectable()
export class WalletStanding implements MemberStandingContributor, OnModuleInit {
  constructor(
    private readonly port: MemberStandingPort,
    private readonly wallet: WalletService,
  ) {}

  onModuleInit(): void {
    this.port.register(this);
  }

  async standingOf(memberId: number): Promise<Partial<MemberStanding>> {
    return { balance: (await this.wallet.balanceOf(memberId)).balance };
  }
}

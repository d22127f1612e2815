import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { WalletExport } from '@lensloop/shared';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { WalletService } from './wallet.service';

/**
 * The member's wallet in the PIPL export. Erasure keeps the account, ledger and top-ups: they are
 * money records an accountant needs (stored value is a liability of the merchant), they hold no
 * personal data beyond the member id, and the member row itself is anonymised.
 */
@Injectable()
export class WalletPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'wallet';

  constructor(
    private readonly wallet: WalletService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  async exportFor(memberId: number): Promise<WalletExport> {
    const [balance, ledger, topUps] = await Promise.all([
      this.wallet.balanceOf(memberId),
      this.wallet.allEntriesOf(memberId),
      this.wallet.topUpsOf(memberId),
    ]);
    return {
      ...balance,
      ledger,
      topUps: topUps.map((topUp) => ({
        id: topUp.id,
        orderId: topUp.orderId,
        pay: topUp.pay,
        credit: topUp.credit,
        state: topUp.state,
        principalRefunded: topUp.principalRefunded,
        createdAt: topUp.createdAt.toISOString(),
      })),
    };
  }

  async eraseFor(): Promise<void> {
    // Kept on purpose: see the class comment.
  }
}

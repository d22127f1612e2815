import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module';
import { OrdersModule } from '../orders/orders.module';
import { PaymentsModule } from '../payments/payments.module';
import { StoresModule } from '../stores/stores.module';
import { WalletAccountEntity } from './entities/wallet-account.entity';
import { WalletLedgerEntryEntity } from './entities/wallet-ledger-entry.entity';
import { WalletPlanEntity } from './entities/wallet-plan.entity';
import { WalletTopUpEntity } from './entities/wallet-top-up.entity';
import { WalletCheckout } from './wallet-checkout';
import { WalletController } from './wallet.controller';
import { WalletEventHandlers } from './wallet-event-handlers';
import { WalletPersonalData } from './wallet-personal-data';
import { WalletStanding } from './wallet-standing';
import { WalletTopUpsService } from './wallet-top-ups.service';
import { WalletService } from './wallet.service';

/**
 * The stored-value wallet. Imports orders to register with its `WalletPort` and create top-up
 * orders (orders never import the wallet), payments to start a top-up's payment, members to
 * register the balance with `MemberStandingPort`.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      WalletPlanEntity,
      WalletAccountEntity,
      WalletLedgerEntryEntity,
      WalletTopUpEntity,
    ]),
    OrdersModule,
    PaymentsModule,
    MembersModule,
    StoresModule,
  ],
  controllers: [WalletController],
  providers: [
    WalletService,
    WalletTopUpsService,
    WalletCheckout,
    WalletEventHandlers,
    WalletStanding,
    WalletPersonalData,
  ],
  exports: [WalletService],
})
export class WalletModule {}

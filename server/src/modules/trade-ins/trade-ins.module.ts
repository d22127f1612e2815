import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CouponsModule } from '../coupons/coupons.module';
import { StoresModule } from '../stores/stores.module';
import { TradeInPhotoEntity } from './entities/trade-in-photo.entity';
import { TradeInRulesEntity } from './entities/trade-in-rules.entity';
import { TradeInEntity } from './entities/trade-in.entity';
import { TradeInPhotoStorage } from './trade-in-photo.storage';
import { TradeInsController } from './trade-ins.controller';
import { TradeInsPersonalData } from './trade-ins-personal-data';
import { TradeInsService } from './trade-ins.service';

/** Trade-in: estimate rules, photos, submission and inspection; credit through the coupons service. */
@Module({
  imports: [
    TypeOrmModule.forFeature([TradeInEntity, TradeInPhotoEntity, TradeInRulesEntity]),
    CouponsModule,
    StoresModule,
  ],
  controllers: [TradeInsController],
  providers: [TradeInsService, TradeInPhotoStorage, TradeInsPersonalData],
})
export class TradeInsModule {}

import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CouponsModule } from '../coupons/coupons.module';
import { MembersModule } from '../members/members.module';
import { StaffModule } from '../staff/staff.module';
import { StoresModule } from '../stores/stores.module';
import { CustomersController } from './customers.controller';
import { CustomersEventHandlers } from './customers-event-handlers';
import { CustomersPersonalData } from './customers-personal-data';
import { CustomersService } from './customers.service';
import { CustomerAdditionEntity } from './entities/customer-addition.entity';
import { CustomerArrivalEntity } from './entities/customer-arrival.entity';
import { OwnerChangeEntity } from './entities/owner-change.entity';
import { WecomCallbackEntity } from './entities/wecom-callback.entity';
import { WecomContactWayEntity } from './entities/wecom-contact-way.entity';
import { WecomCorpTagEntity } from './entities/wecom-corp-tag.entity';
import { WecomExternalContactEntity } from './entities/wecom-external-contact.entity';
import { WelcomeRulesEntity } from './entities/welcome-rules.entity';
import { WecomController } from './wecom.controller';
import { WecomService } from './wecom.service';
import { WecomCallbackPurgeJob } from './wecom-callback-purge.job';
import { WecomTransferResultsJob } from './wecom-transfer-results.job';

/**
 * Owner staff (history, transfers), add-me / regional / counter codes, the welcome flow and WeCom.
 * The owner column stays the members module's, changed through its conditional methods.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      OwnerChangeEntity,
      CustomerAdditionEntity,
      CustomerArrivalEntity,
      WelcomeRulesEntity,
      WecomContactWayEntity,
      WecomExternalContactEntity,
      WecomCallbackEntity,
      WecomCorpTagEntity,
    ]),
    MembersModule,
    StaffModule,
    StoresModule,
    CouponsModule,
  ],
  controllers: [CustomersController, WecomController],
  providers: [
    CustomersService,
    CustomersEventHandlers,
    CustomersPersonalData,
    WecomService,
    WecomTransferResultsJob,
    WecomCallbackPurgeJob,
  ],
  exports: [CustomersService],
})
export class CustomersModule {}

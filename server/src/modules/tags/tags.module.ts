import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CouponsModule } from '../coupons/coupons.module';
import { MembersModule } from '../members/members.module';
import { PrescriptionsModule } from '../prescriptions/prescriptions.module';
import { StaffModule } from '../staff/staff.module';
import { StoresModule } from '../stores/stores.module';
import { CommunitiesService } from './communities.service';
import { CommunityMemberEntity } from './entities/community-member.entity';
import { CommunityEntity } from './entities/community.entity';
import { KpiFactEntity } from './entities/kpi-fact.entity';
import { MemberFactsEntity } from './entities/member-facts.entity';
import { MemberTagEntity } from './entities/member-tag.entity';
import { OrderFactEntity } from './entities/order-fact.entity';
import { ProfileFactEntity } from './entities/profile-fact.entity';
import { SegmentEntity } from './entities/segment.entity';
import { TagSettingsEntity } from './entities/tag-settings.entity';
import { KpiService } from './kpi.service';
import { SegmentsService } from './segments.service';
import { TagsController } from './tags.controller';
import { TagsEventHandlers } from './tags-event-handlers';
import { TagsNightlyJob } from './tags-nightly.job';
import { TagsPersonalData } from './tags-personal-data';
import { TagsService } from './tags.service';

/**
 * Private-domain operations, part B: automatic and manual tags, saved segments (registered with
 * members' `SegmentPort`), store/interest/KOC groups, the leaderboard and dashboard. It reads
 * prescriptions, coupons, stores and staff through their public services and reacts to events;
 * nobody imports it (the staff card gets tags through members' `CustomerTagsPort`).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      MemberFactsEntity,
      OrderFactEntity,
      ProfileFactEntity,
      MemberTagEntity,
      TagSettingsEntity,
      SegmentEntity,
      KpiFactEntity,
      CommunityEntity,
      CommunityMemberEntity,
    ]),
    MembersModule,
    PrescriptionsModule,
    CouponsModule,
    StaffModule,
    StoresModule,
  ],
  controllers: [TagsController],
  providers: [
    TagsService,
    SegmentsService,
    KpiService,
    CommunitiesService,
    TagsEventHandlers,
    TagsNightlyJob,
    TagsPersonalData,
  ],
})
export class TagsModule {}

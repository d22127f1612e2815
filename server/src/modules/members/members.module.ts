import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffModule } from '../staff/staff.module';
import { MemberEntity } from './entities/member.entity';
import { ProfileEntity } from './entities/profile.entity';
import { MembersController } from './members.controller';
import { MemberStandingPort } from './member-standing';
import { SegmentPort } from './segment-port';
import { CustomerTagsPort } from './customer-tags-port';
import { MembersService } from './members.service';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';

@Module({
  imports: [TypeOrmModule.forFeature([MemberEntity, ProfileEntity]), StaffModule],
  controllers: [MembersController, ProfilesController],
  providers: [MembersService, ProfilesService, MemberStandingPort, SegmentPort, CustomerTagsPort],
  exports: [MembersService, ProfilesService, MemberStandingPort, SegmentPort, CustomerTagsPort],
})
export class MembersModule {}

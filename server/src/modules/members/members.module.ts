import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { StaffEntity } from '../staff/entities/staff.entity';
import { MemberEntity } from './entities/member.entity';
import { ProfileEntity } from './entities/profile.entity';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { ProfilesController } from './profiles.controller';
import { ProfilesService } from './profiles.service';

@Module({
  imports: [TypeOrmModule.forFeature([MemberEntity, ProfileEntity, StaffEntity])],
  controllers: [MembersController, ProfilesController],
  providers: [MembersService, ProfilesService],
  exports: [MembersService, ProfilesService],
})
export class MembersModule {}

import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { StaffModule } from '../staff/staff.module';
import { StoresModule } from '../stores/stores.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Module({
  imports: [MembersModule, StaffModule, StoresModule],
  controllers: [AuthController],
  providers: [AuthService],
})
export class AuthModule {}

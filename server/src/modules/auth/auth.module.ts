import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module';
import { StaffModule } from '../staff/staff.module';
import { StoreEntity } from '../stores/entities/store.entity';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';

@Module({
  imports: [MembersModule, StaffModule, TypeOrmModule.forFeature([StoreEntity])],
  controllers: [AuthController],
  providers: [AuthService],
})
export class AuthModule {}

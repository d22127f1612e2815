import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '../members/members.module';
import { PrescriptionsModule } from '../prescriptions/prescriptions.module';
import { StaffModule } from '../staff/staff.module';
import { StaffTaskEntity } from './entities/staff-task.entity';
import { StaffTaskContextPort } from './staff-task-context.port';
import { StaffTaskEventHandlers } from './staff-task-event-handlers';
import { StaffTasksController } from './staff-tasks.controller';
import { StaffTasksPersonalData } from './staff-tasks-personal-data';
import { StaffTasksService } from './staff-tasks.service';

/** 1-to-1 service and arrival tasks; reminders create service tasks through the service. */
@Module({
  imports: [TypeOrmModule.forFeature([StaffTaskEntity]), MembersModule, PrescriptionsModule, StaffModule],
  controllers: [StaffTasksController],
  providers: [StaffTasksService, StaffTaskContextPort, StaffTaskEventHandlers, StaffTasksPersonalData],
  exports: [StaffTasksService, StaffTaskContextPort],
})
export class StaffTasksModule {}

import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  Appointment,
  AppointmentSettings,
  AppointmentSlot,
  Page,
  StaffAppointment,
} from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { PageQueryDto } from '../../common/pagination';
import { AppointmentsService } from './appointments.service';
import {
  AppointmentSettingsDto,
  AppointmentSlotQueryDto,
  BookAppointmentDto,
  RescheduleAppointmentDto,
  StaffAppointmentQueryDto,
} from './dto/appointment.dto';

@ApiTags('appointments')
@Controller()
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  /** Public, like the store itself: anyone may see when the store has time. */
  @Get('stores/:storeId/appointment-slots')
  listAppointmentSlots(
    @Param('storeId', IdPipe) storeId: number,
    @Query() query: AppointmentSlotQueryDto,
  ): Promise<AppointmentSlot[]> {
    return this.appointments.listSlots(storeId, query);
  }

  @ApiBearerAuth()
  @Post('appointments')
  @Roles('customer')
  bookAppointment(
    @CurrentPrincipal() principal: Principal,
    @Body() body: BookAppointmentDto,
  ): Promise<Appointment> {
    return this.appointments.book(principal.id, body);
  }

  @ApiBearerAuth()
  @Get('me/appointments')
  @Roles('customer')
  listMyAppointments(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<Page<Appointment>> {
    return this.appointments.listForMember(principal.id, query);
  }

  @ApiBearerAuth()
  @Post('appointments/:id/cancel')
  @HttpCode(200)
  @Roles('customer')
  cancelAppointment(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<Appointment> {
    return this.appointments.cancel(principal.id, id);
  }

  @ApiBearerAuth()
  @Post('appointments/:id/reschedule')
  @HttpCode(200)
  @Roles('customer')
  rescheduleAppointment(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: RescheduleAppointmentDto,
  ): Promise<Appointment> {
    return this.appointments.reschedule(principal.id, id, body.start);
  }

  @ApiBearerAuth()
  @Get('staff/appointments')
  @Roles(...STAFF_ROLES_ALL)
  listStoreAppointments(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StaffAppointmentQueryDto,
  ): Promise<Page<StaffAppointment>> {
    return this.appointments.listForStaff(principal, query);
  }

  @ApiBearerAuth()
  @Post('staff/appointments/:id/no-show')
  @HttpCode(200)
  @Roles(...STAFF_ROLES_ALL)
  markNoShow(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<StaffAppointment> {
    return this.appointments.markNoShow(principal, id);
  }

  @ApiBearerAuth()
  @Get('admin/stores/:storeId/appointment-settings')
  @Roles('manager', 'admin')
  getAppointmentSettings(@Param('storeId', IdPipe) storeId: number): Promise<AppointmentSettings> {
    return this.appointments.getSettings(storeId);
  }

  @ApiBearerAuth()
  @Put('admin/stores/:storeId/appointment-settings')
  @Roles('manager', 'admin')
  putAppointmentSettings(
    @CurrentPrincipal() principal: Principal,
    @Param('storeId', IdPipe) storeId: number,
    @Body() body: AppointmentSettingsDto,
  ): Promise<AppointmentSettings> {
    return this.appointments.putSettings(principal, storeId, body);
  }
}

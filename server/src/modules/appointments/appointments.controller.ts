import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  type Appointment,
  type AppointmentSettings,
  type AppointmentSlot,
  type Page,
  type StaffAppointment,
} from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Public, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import { PageQueryDto } from '../../common/pagination';
import { AppointmentsService } from './appointments.service';
import {
  AppointmentDto,
  AppointmentSettingsDto,
  AppointmentSlotDto,
  AppointmentSlotQueryDto,
  BookAppointmentDto,
  RescheduleAppointmentDto,
  StaffAppointmentDto,
  StaffAppointmentQueryDto,
} from './dto/appointment.dto';

/** Taking a slot: it must start within the store's hours, not have begun, and have a place left. */
const SLOT_ERRORS = [ErrorCode.SLOT_OUTSIDE_HOURS, ErrorCode.SLOT_IN_PAST, ErrorCode.SLOT_FULL] as const;

@ApiTags('appointments')
@Controller()
export class AppointmentsController {
  constructor(private readonly appointments: AppointmentsService) {}

  /** Public, like the store itself: anyone may see when the store has time. */
  @Get('stores/:storeId/appointment-slots')
  @Public()
  @ApiOperation({ summary: 'List a store’s appointment slots of a day, with the places left' })
  @ApiOkResponse({ type: [AppointmentSlotDto] })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.STORE_NOT_FOUND)
  listAppointmentSlots(
    @Param('storeId', IdPipe) storeId: number,
    @Query() query: AppointmentSlotQueryDto,
  ): Promise<AppointmentSlot[]> {
    return this.appointments.listSlots(storeId, query);
  }

  @Post('appointments')
  @Roles('customer')
  @ApiOperation({ summary: 'Book an eye exam or re-check for the member or a family profile' })
  @ApiCreatedResponse({ type: AppointmentDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.PROFILE_NOT_FOUND,
    ErrorCode.STORE_NOT_FOUND,
    ...SLOT_ERRORS,
  )
  bookAppointment(
    @CurrentPrincipal() principal: Principal,
    @Body() body: BookAppointmentDto,
  ): Promise<Appointment> {
    return this.appointments.book(principal.id, body);
  }

  @Get('me/appointments')
  @Roles('customer')
  @ApiOperation({ summary: 'List the member’s appointments, latest first' })
  @ApiPageResponse(AppointmentDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listMyAppointments(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<Page<Appointment>> {
    return this.appointments.listForMember(principal.id, query);
  }

  @Post('appointments/:id/cancel')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({ summary: 'Cancel a booked appointment that has not begun' })
  @ApiOkResponse({ type: AppointmentDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.APPOINTMENT_NOT_FOUND,
    ErrorCode.APPOINTMENT_NOT_CHANGEABLE,
  )
  cancelAppointment(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<Appointment> {
    return this.appointments.cancel(principal.id, id);
  }

  @Post('appointments/:id/reschedule')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({ summary: 'Move a booked appointment that has not begun to another slot' })
  @ApiOkResponse({ type: AppointmentDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.APPOINTMENT_NOT_FOUND,
    ErrorCode.APPOINTMENT_NOT_CHANGEABLE,
    ...SLOT_ERRORS,
  )
  rescheduleAppointment(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: RescheduleAppointmentDto,
  ): Promise<Appointment> {
    return this.appointments.reschedule(principal.id, id, body.start);
  }

  @Get('staff/appointments')
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'List a day’s appointments of the caller’s store (any store for an admin)' })
  @ApiPageResponse(StaffAppointmentDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listStoreAppointments(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StaffAppointmentQueryDto,
  ): Promise<Page<StaffAppointment>> {
    return this.appointments.listForStaff(principal, query);
  }

  @Post('staff/appointments/:id/no-show')
  @HttpCode(200)
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Record that the customer did not come (once the appointment has begun)' })
  @ApiOkResponse({ type: StaffAppointmentDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.APPOINTMENT_NOT_FOUND,
    ErrorCode.APPOINTMENT_NOT_CHANGEABLE,
  )
  markNoShow(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<StaffAppointment> {
    return this.appointments.markNoShow(principal, id);
  }

  @Get('admin/stores/:storeId/appointment-settings')
  @Roles('manager', 'admin')
  @ApiOperation({
    summary:
      'Get a store’s appointment settings (slot length, places per optometrist; a manager their own store only)',
  })
  @ApiOkResponse({ type: AppointmentSettingsDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.STORE_NOT_FOUND)
  getAppointmentSettings(
    @CurrentPrincipal() principal: Principal,
    @Param('storeId', IdPipe) storeId: number,
  ): Promise<AppointmentSettings> {
    return this.appointments.getSettings(principal, storeId);
  }

  @Put('admin/stores/:storeId/appointment-settings')
  @Roles('manager', 'admin')
  @ApiOperation({ summary: 'Set a store’s appointment settings (a manager their own store only)' })
  @ApiOkResponse({ type: AppointmentSettingsDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.STORE_NOT_FOUND)
  putAppointmentSettings(
    @CurrentPrincipal() principal: Principal,
    @Param('storeId', IdPipe) storeId: number,
    @Body() body: AppointmentSettingsDto,
  ): Promise<AppointmentSettings> {
    return this.appointments.putSettings(principal, storeId, body);
  }
}

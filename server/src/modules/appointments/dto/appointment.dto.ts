import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPOINTMENT_SERVICES,
  APPOINTMENT_STATUSES,
  type Appointment,
  type AppointmentService,
  type AppointmentSlot,
  type AppointmentStatus,
  type StaffAppointment,
  type AppointmentSettings,
  type AppointmentSlotQuery,
  type BookAppointmentRequest,
  type RescheduleAppointmentRequest,
  type StaffAppointmentQuery,
} from '@lensloop/shared';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min, ValidateIf } from 'class-validator';
import { OptionalIdQuery } from '../../../common/id.pipe';
import { PageQueryDto } from '../../../common/pagination';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// A full instant with its offset, so that "10:00" is never read in the server's own zone.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export class AppointmentSlotQueryDto implements AppointmentSlotQuery {
  @ApiProperty({ example: '2026-12-02', description: 'Asia/Shanghai calendar day' })
  @Matches(DATE, { message: 'date must be a YYYY-MM-DD date' })
  @IsISO8601({ strict: true }, { message: 'date must be a real date' })
  date: string;

  @ApiProperty({ enum: APPOINTMENT_SERVICES })
  @IsIn(APPOINTMENT_SERVICES)
  service: AppointmentService;
}

export class BookAppointmentDto implements BookAppointmentRequest {
  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  storeId: number;

  @ApiProperty({ example: '2026-12-02T02:00:00Z', description: 'a slot start' })
  @Matches(INSTANT, { message: 'start must be an ISO-8601 instant with a time zone' })
  @IsISO8601({ strict: true }, { message: 'start must be a real instant' })
  start: string;

  @ApiProperty({ enum: APPOINTMENT_SERVICES })
  @IsIn(APPOINTMENT_SERVICES)
  service: AppointmentService;

  @ApiPropertyOptional({ description: 'A family profile; the member’s own when absent.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  profileId?: number;
}

export class RescheduleAppointmentDto implements RescheduleAppointmentRequest {
  @ApiProperty({ example: '2026-12-02T02:30:00Z' })
  @Matches(INSTANT, { message: 'start must be an ISO-8601 instant with a time zone' })
  @IsISO8601({ strict: true }, { message: 'start must be a real instant' })
  start: string;
}

export class StaffAppointmentQueryDto extends PageQueryDto implements StaffAppointmentQuery {
  @ApiPropertyOptional({ description: '`YYYY-MM-DD` (Asia/Shanghai) or `today`' })
  @IsOptional()
  @Matches(/^(today|\d{4}-\d{2}-\d{2})$/, { message: 'date must be YYYY-MM-DD or today' })
  @ValidateIf((query: StaffAppointmentQueryDto) => query.date !== 'today')
  @IsISO8601({ strict: true }, { message: 'date must be a real date' })
  date?: string;

  @ApiPropertyOptional({ description: 'admin only: the store to show' })
  @OptionalIdQuery()
  storeId?: number;
}

export class AppointmentSettingsDto implements AppointmentSettings {
  @ApiProperty({ example: 30 })
  @IsInt()
  @Min(10)
  @Max(120)
  slotMinutes: number;

  @ApiProperty({ example: 1 })
  @IsInt()
  @Min(1)
  @Max(10)
  perOptometrist: number;
}

export class AppointmentSlotDto implements AppointmentSlot {
  @ApiProperty({ format: 'date-time', example: '2026-12-02T02:00:00.000Z' })
  start: string;

  @ApiProperty({ format: 'date-time', example: '2026-12-02T02:30:00.000Z' })
  end: string;

  @ApiProperty({ description: 'Active optometrists × `perOptometrist`.', example: 2 })
  capacity: number;

  @ApiProperty({ description: 'Capacity − booked; 0 once the slot has begun.', example: 1 })
  available: number;
}

export class AppointmentDto implements Appointment {
  @ApiProperty()
  id: number;

  @ApiProperty()
  storeId: number;

  @ApiProperty()
  storeName: string;

  @ApiProperty({ description: 'The member’s own profile or a family profile.' })
  profileId: number;

  @ApiProperty({ description: 'Whom the appointment is for.' })
  profileName: string;

  @ApiProperty({ enum: APPOINTMENT_SERVICES })
  service: AppointmentService;

  @ApiProperty({ format: 'date-time' })
  start: string;

  @ApiProperty({ format: 'date-time' })
  end: string;

  @ApiProperty({ enum: APPOINTMENT_STATUSES })
  status: AppointmentStatus;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class StaffAppointmentDto extends AppointmentDto implements StaffAppointment {
  @ApiProperty({ description: 'The member, to open the customer card.' })
  memberId: number;
}

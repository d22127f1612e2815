import { ApiProperty, PickType } from '@nestjs/swagger';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '@lensloop/shared';
import { StaffProfileDto } from '../../staff/dto/staff-profile.dto';

class AuditStaffDto extends PickType(StaffProfileDto, ['id', 'name', 'role'] as const) {}

export class AuditEntryDto implements AuditEntry {
  @ApiProperty()
  id: number;

  @ApiProperty({ enum: AUDIT_ACTIONS })
  action: AuditAction;

  @ApiProperty({ type: AuditStaffDto, nullable: true })
  staff: AuditStaffDto | null;

  @ApiProperty()
  memberId: number;

  @ApiProperty({ type: Number, nullable: true })
  profileId: number | null;

  @ApiProperty({ type: Number, nullable: true })
  prescriptionId: number | null;

  @ApiProperty({ example: 'desk_lookup' })
  reason: string;

  @ApiProperty()
  requestId: string;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

import { ApiProperty } from '@nestjs/swagger';
import {
  AUDIT_ACTIONS,
  STAFF_ROLES,
  type AuditAction,
  type AuditEntry,
  type StaffRole,
} from '@lensloop/shared';

class AuditStaffDto {
  @ApiProperty()
  id: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: STAFF_ROLES })
  role: StaffRole;
}

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

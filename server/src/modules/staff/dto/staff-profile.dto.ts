import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES, type StaffProfile, type StaffRole } from '@lensloop/shared';

export class StaffProfileDto implements StaffProfile {
  @ApiProperty()
  id: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: STAFF_ROLES })
  role: StaffRole;

  @ApiProperty({ type: Number, nullable: true, description: 'Null for HQ admins.' })
  storeId: number | null;
}

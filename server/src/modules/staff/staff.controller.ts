import { Controller, Get } from '@nestjs/common';
import { ApiTags, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { StaffProfile } from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { StaffService, toStaffProfile } from './staff.service';
import { StaffProfileDto } from './dto/staff-profile.dto';

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get('me')
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Get the signed-in staff member' })
  @ApiOkResponse({ type: StaffProfileDto })
  async getStaffMe(@CurrentPrincipal() principal: Principal): Promise<StaffProfile> {
    return toStaffProfile(await this.staff.getStaff(principal.id));
  }
}

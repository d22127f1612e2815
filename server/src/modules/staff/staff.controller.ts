import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { StaffProfile } from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { StaffService, toStaffProfile } from './staff.service';

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get('me')
  @Roles(...STAFF_ROLES_ALL)
  async getStaffMe(@CurrentPrincipal() principal: Principal): Promise<StaffProfile> {
    return toStaffProfile(await this.staff.getStaff(principal.id));
  }
}

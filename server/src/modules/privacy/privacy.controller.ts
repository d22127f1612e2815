import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { MemberExport } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { PrivacyService } from './privacy.service';

@ApiTags('privacy')
@Controller('me')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('export')
  @Roles('customer')
  exportMyData(@CurrentPrincipal() principal: Principal): Promise<MemberExport> {
    return this.privacy.exportMember(principal.id);
  }

  @Delete()
  @HttpCode(204)
  @Roles('customer')
  deleteMe(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.privacy.eraseMember(principal.id);
  }
}

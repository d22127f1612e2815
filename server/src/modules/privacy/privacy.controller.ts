import { Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiTags, ApiNoContentResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ErrorCode, type MemberExport } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { PrivacyService } from './privacy.service';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { MemberExportDto } from './dto/member-export.dto';

@ApiTags('privacy')
@Controller('me')
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('export')
  @Roles('customer')
  @ApiOperation({ summary: 'Export everything stored about the member (PIPL)' })
  @ApiOkResponse({ type: MemberExportDto })
  @ApiErrors(ErrorCode.MEMBER_NOT_FOUND)
  exportMyData(@CurrentPrincipal() principal: Principal): Promise<MemberExport> {
    return this.privacy.exportMember(principal.id);
  }

  @Delete()
  @HttpCode(204)
  @Roles('customer')
  @ApiOperation({ summary: 'Erase the member’s personal data and close the account (PIPL)' })
  @ApiNoContentResponse({ description: 'Erased.' })
  @ApiErrors(ErrorCode.MEMBER_NOT_FOUND)
  deleteMe(@CurrentPrincipal() principal: Principal): Promise<void> {
    return this.privacy.eraseMember(principal.id);
  }
}

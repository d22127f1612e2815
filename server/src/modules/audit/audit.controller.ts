import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags, ApiOperation } from '@nestjs/swagger';
import { ErrorCode, type AuditEntry, type Page } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { PageQueryDto } from '../../common/pagination';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import { AuditEntryDto } from './dto/audit-entry.dto';

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('admin/audit')
  @Roles('admin')
  @ApiOperation({ summary: 'List the prescription audit log, optionally for one member' })
  @ApiPageResponse(AuditEntryDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listAudit(@Query() query: AuditQueryDto): Promise<Page<AuditEntry>> {
    return this.audit.list(query.memberId, query);
  }

  /** Who looked at or wrote the caller's prescriptions. */
  @Get('me/prescriptions/access-log')
  @Roles('customer')
  @ApiOperation({ summary: 'List who read or wrote the member’s prescriptions' })
  @ApiPageResponse(AuditEntryDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listMyAccessLog(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<Page<AuditEntry>> {
    return this.audit.list(principal.id, query);
  }
}

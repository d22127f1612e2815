import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AuditEntry, Page } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { PageQueryDto } from '../../common/pagination';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('admin/audit')
  @Roles('admin')
  listAudit(@Query() query: AuditQueryDto): Promise<Page<AuditEntry>> {
    return this.audit.list(query.memberId, query);
  }

  /** Who looked at or wrote the caller's prescriptions. */
  @Get('me/prescriptions/access-log')
  @Roles('customer')
  listMyAccessLog(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<Page<AuditEntry>> {
    return this.audit.list(principal.id, query);
  }
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditQuery } from '@lensloop/shared';
import { OptionalIdQuery } from '../../../common/id.pipe';
import { PageQueryDto } from '../../../common/pagination';

export class AuditQueryDto extends PageQueryDto implements AuditQuery {
  @ApiPropertyOptional({ description: 'Only this member’s rows.' })
  @OptionalIdQuery()
  memberId?: number;
}

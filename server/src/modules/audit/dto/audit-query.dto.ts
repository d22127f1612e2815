import { ApiPropertyOptional } from '@nestjs/swagger';
import type { AuditQuery } from '@lensloop/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';

export class AuditQueryDto extends PageQueryDto implements AuditQuery {
  @ApiPropertyOptional({ description: 'Only this member’s rows.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  memberId?: number;
}

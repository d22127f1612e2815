import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CustomerSearchQuery, LatestPrescriptionQuery, PrescriptionQuery } from '@lensloop/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';

const MAX_ID = 2_147_483_647;

export class PrescriptionQueryDto extends PageQueryDto implements PrescriptionQuery {
  @ApiPropertyOptional({ description: 'One family profile; all of them when absent.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  profileId?: number;
}

export class CustomerSearchQueryDto extends PageQueryDto implements CustomerSearchQuery {
  @ApiProperty({ description: 'Phone (11 digits), member code (12 digits) or the start of a name.' })
  @IsString()
  @Length(1, 64)
  q: string;
}

export class LatestPrescriptionQueryDto implements LatestPrescriptionQuery {
  @ApiPropertyOptional({ description: 'Family profile; the member’s own when absent.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  profileId?: number;

  @ApiPropertyOptional({ description: 'Why it is read, for the audit log.', example: 'lens order' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;
}

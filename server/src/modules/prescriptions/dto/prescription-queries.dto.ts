import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CustomerSearchQuery, LatestPrescriptionQuery, PrescriptionQuery } from '@lensloop/shared';
import { IsOptional, IsString, Length } from 'class-validator';
import { OptionalIdQuery } from '../../../common/id.pipe';
import { PageQueryDto } from '../../../common/pagination';

export class PrescriptionQueryDto extends PageQueryDto implements PrescriptionQuery {
  @ApiPropertyOptional({ description: 'One family profile; all of them when absent.' })
  @OptionalIdQuery()
  profileId?: number;
}

export class CustomerSearchQueryDto extends PageQueryDto implements CustomerSearchQuery {
  @ApiProperty({
    description:
      'Phone (11 digits), printed member number (12 digits), a scanned rotating member code (`MB…`, from `GET /me/member-code`) or the start of a name.',
  })
  @IsString()
  @Length(1, 64)
  q: string;
}

export class LatestPrescriptionQueryDto implements LatestPrescriptionQuery {
  @ApiPropertyOptional({ description: 'Family profile; the member’s own when absent.' })
  @OptionalIdQuery()
  profileId?: number;

  @ApiPropertyOptional({ description: 'Why it is read, for the audit log.', example: 'lens order' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  reason?: string;
}

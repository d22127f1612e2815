import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CustomerSearchQuery, LatestPrescriptionQuery, PrescriptionQuery } from '@lensloop/shared';
import { IsOptional, IsString, Length } from 'class-validator';
import { OptionalIdQuery } from '../../../common/id.pipe';
import { PageQueryDto } from '../../../common/pagination';
import { PLAIN_QUERY_ID, registerFastValidation } from '../../../common/validation';

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

// Characters class-validator's length does not count one per UTF-16 unit: surrogate pairs and
// variation selectors. A reason without them is 1-200 characters when its length says so.
const UNEVEN_LENGTH = /[\uD800-\uDFFF]|\uFE0E|\uFE0F/;

/** The desk lookup's query checked by hand (its hot path): a plainly written profile id, a plain reason. */
export function fastLatestPrescriptionQuery(value: unknown): LatestPrescriptionQueryDto | null {
  if (typeof value !== 'object' || value === null) return null;
  const query: LatestPrescriptionQueryDto = {};
  for (const [key, raw] of Object.entries(value)) {
    if (typeof raw !== 'string') return null;
    if (key === 'profileId' && PLAIN_QUERY_ID.test(raw)) query.profileId = Number(raw);
    else if (key === 'reason' && raw.length >= 1 && raw.length <= 200 && !UNEVEN_LENGTH.test(raw)) {
      query.reason = raw;
    } else return null;
  }
  return query;
}

registerFastValidation(LatestPrescriptionQueryDto, fastLatestPrescriptionQuery);

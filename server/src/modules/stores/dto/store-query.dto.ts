import { ApiPropertyOptional } from '@nestjs/swagger';
import type { StoreQuery } from '@lensloop/shared';
import { Type } from 'class-transformer';
import { IsLatitude, IsLongitude, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';

export class StoreQueryDto extends PageQueryDto implements StoreQuery {
  @ApiPropertyOptional({ description: 'Customer latitude; with lng, stores come nearest first.' })
  @ValidateIf((query: StoreQueryDto) => query.lat !== undefined || query.lng !== undefined)
  @Type(() => Number)
  @IsLatitude({ message: 'lat must be a latitude from -90 to 90, given together with lng' })
  lat?: number;

  @ApiPropertyOptional()
  @ValidateIf((query: StoreQueryDto) => query.lat !== undefined || query.lng !== undefined)
  @Type(() => Number)
  @IsLongitude({ message: 'lng must be a longitude from -180 to 180, given together with lat' })
  lng?: number;
}

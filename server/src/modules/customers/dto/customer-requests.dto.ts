import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type {
  ArrivalRequest,
  StaffListQuery,
  TransferRequest,
  WecomContactWayRequest,
  WelcomeRules,
} from '@lensloop/shared';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsLatitude,
  IsLongitude,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { Type } from 'class-transformer';
import { MAX_ID } from '../../../common/id.pipe';

/** At most this many customers named in one transfer (leave `memberIds` out to move all). */
export const MAX_TRANSFER_MEMBERS = 1_000;

export class ArrivalDto implements ArrivalRequest {
  @ApiProperty({
    description:
      'The scanned scene: `s:<staffId>`, `st:<storeId>`, `r:<regionCode>`, `c:<storeId>` (or `t:<storeId>`).',
    example: 's:12',
  })
  @IsString()
  @Length(1, 64)
  scene: string;

  @ApiPropertyOptional({ description: 'The customer’s latitude, for a regional code (with lng).' })
  @ValidateIf((dto: ArrivalDto) => dto.lat !== undefined || dto.lng !== undefined)
  @IsLatitude({ message: 'lat must be a latitude from -90 to 90, given together with lng' })
  lat?: number;

  @ApiPropertyOptional({ description: 'The customer’s longitude, for a regional code (with lat).' })
  @ValidateIf((dto: ArrivalDto) => dto.lat !== undefined || dto.lng !== undefined)
  @IsLongitude({ message: 'lng must be a longitude from -180 to 180, given together with lat' })
  lng?: number;
}

export class TransferDto implements TransferRequest {
  @ApiProperty({ description: 'The staff member whose customers move (e.g. leaving).' })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  fromStaffId: number;

  @ApiProperty({ description: 'The active staff member who takes them.' })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  toStaffId: number;

  @ApiPropertyOptional({
    description: `Some of the from-staff’s customers (at most ${MAX_TRANSFER_MEMBERS}); all of them when left out.`,
    type: [Number],
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_TRANSFER_MEMBERS)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  memberIds?: number[];
}

export class WelcomeRulesDto implements WelcomeRules {
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Welcome template for a customer without a bound phone (invite to register).',
  })
  @ValidateIf((_dto, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  unregisteredTemplateId: number | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Welcome template for a registered customer (invite to buy).',
  })
  @ValidateIf((_dto, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  registeredTemplateId: number | null;
}

export class StoreQrQueryDto {
  @ApiProperty({
    enum: ['add', 'counter'],
    description: '`add`: the store’s add-me code (`st:`); `counter`: the counter/table code (`c:`).',
  })
  @IsIn(['add', 'counter'])
  kind: 'add' | 'counter';
}

export class WecomContactWayDto implements WecomContactWayRequest {
  @ApiProperty({ description: 'The WeCom userid the code adds.' })
  @IsString()
  @Matches(/^[\w.@-]{1,64}$/)
  userid: string;

  @ApiPropertyOptional({ description: 'The staff member the code attributes customers to (state `s:<id>`).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  staffId?: number;

  @ApiPropertyOptional({ description: 'The store the code attributes customers to (state `st:<id>`).' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  storeId?: number;
}

export class StaffListQueryDto implements StaffListQuery {
  @ApiPropertyOptional({ description: 'Admins: one store only. Ignored for managers (their store).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  storeId?: number;
}

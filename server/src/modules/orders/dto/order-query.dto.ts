import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ORDER_KINDS,
  ORDER_STATUSES,
  type OrderKind,
  type OrderQuery,
  type OrderStatus,
  type StaffOrderQuery,
} from '@lensloop/shared';
import { IsIn, IsISO8601, IsOptional, Matches, ValidateIf } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';

export class OrderQueryDto extends PageQueryDto implements OrderQuery {
  @ApiPropertyOptional({ enum: ORDER_STATUSES })
  @IsOptional()
  @IsIn(ORDER_STATUSES)
  status?: OrderStatus;

  @ApiPropertyOptional({
    enum: ORDER_KINDS,
    description: 'A member’s list shows goods unless asked for top_up; a staff list shows both unless asked.',
  })
  @IsOptional()
  @IsIn(ORDER_KINDS)
  kind?: OrderKind;
}

export class StaffOrderQueryDto extends OrderQueryDto implements StaffOrderQuery {
  @ApiPropertyOptional({
    description: '`YYYY-MM-DD` (Asia/Shanghai) or `today`; orders created or updated that day.',
  })
  @IsOptional()
  @Matches(/^(today|\d{4}-\d{2}-\d{2})$/, { message: 'date must be YYYY-MM-DD or today' })
  @ValidateIf((query: StaffOrderQueryDto) => query.date !== 'today')
  @IsISO8601({ strict: true }, { message: 'date must be a real date' })
  date?: string;
}

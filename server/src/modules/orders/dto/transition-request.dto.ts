import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ORDER_STATUSES, type OrderStatus, type TransitionRequest } from '@lensloop/shared';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';

export class TransitionRequestDto implements TransitionRequest {
  @ApiProperty({ enum: ORDER_STATUSES })
  @IsIn(ORDER_STATUSES)
  to: OrderStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  note?: string;
}

export class RefundRequestNoteDto {
  @ApiPropertyOptional({ description: 'Why the customer wants their money back.' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  note?: string;
}

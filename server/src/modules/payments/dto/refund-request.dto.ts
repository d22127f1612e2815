import { ApiPropertyOptional } from '@nestjs/swagger';
import type { RefundRequest } from '@lensloop/shared';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class RefundRequestDto implements RefundRequest {
  @ApiPropertyOptional({ description: 'Fen; the whole unrefunded amount when omitted.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  amount?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 80)
  reason?: string;
}

import { ApiPropertyOptional } from '@nestjs/swagger';
import type { RefundRequest } from '@lensloop/shared';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';

export class RefundRequestDto implements RefundRequest {
  @ApiPropertyOptional({
    description:
      'Fen; the whole unrefunded amount when omitted. Takes the WeChat Pay part first, then the wallet part (returned to the wallet at once). A top-up refunds at most its unspent principal.',
  })
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

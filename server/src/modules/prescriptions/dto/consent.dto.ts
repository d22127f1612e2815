import { ApiProperty } from '@nestjs/swagger';
import { CONSENT_KINDS, type ConsentKind, type ConsentRequest } from '@lensloop/shared';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';

export class ConsentDto implements ConsentRequest {
  @ApiProperty({ enum: CONSENT_KINDS })
  @IsIn(CONSENT_KINDS)
  kind: ConsentKind;

  @ApiProperty({ description: 'false withdraws an earlier consent.' })
  @IsBoolean()
  granted: boolean;

  @ApiProperty({ example: '2026-11' })
  @IsString()
  @Length(1, 32)
  policyVersion: string;
}

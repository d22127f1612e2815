import { ApiProperty } from '@nestjs/swagger';
import type { StaffLoginRequest } from '@lensloop/shared';
import { IsString, Length } from 'class-validator';

export class StaffLoginDto implements StaffLoginRequest {
  @ApiProperty()
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty()
  @IsString()
  @Length(1, 128)
  password: string;
}

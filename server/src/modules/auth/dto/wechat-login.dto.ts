import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WechatLoginRequest, WechatPhoneRequest } from '@lensloop/shared';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

export class WechatLoginDto implements WechatLoginRequest {
  @ApiProperty({ description: 'Code from wx.login(); `dev-<name>` against the local fake.' })
  @IsString()
  @Length(1, 128)
  code: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 32)
  referralCode?: string;

  @ApiPropertyOptional({ description: 'Store whose QR code brought the customer in.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  storeId?: number;
}

export class WechatPhoneDto implements WechatPhoneRequest {
  @ApiProperty({ description: 'Code from the getPhoneNumber button.' })
  @IsString()
  @Length(1, 128)
  code: string;
}

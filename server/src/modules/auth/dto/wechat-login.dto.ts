import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { WechatLoginRequest, WechatPhoneRequest } from '@lensloop/shared';
import { IsInt, IsOptional, IsString, Length, Min } from 'class-validator';

export class WechatLoginDto implements WechatLoginRequest {
  @ApiProperty({ description: 'Code from wx.login(); `dev-<name>` against the local fake.' })
  @IsString()
  @Length(1, 128)
  code: string;

  @ApiPropertyOptional({
    description:
      "A friend's referral code (share link). Unknown or malformed codes are ignored, never an error.",
  })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  referralCode?: string;

  @ApiPropertyOptional({
    description:
      "The wxacode scene the mini-program was opened with: `ref:<code>` a friend's invitation, `s:<staffId>`, `t:<storeId>`, `r:<cityCode>`.",
  })
  @IsOptional()
  @IsString()
  @Length(0, 200)
  scene?: string;

  @ApiPropertyOptional({
    description:
      'When the referral code was first scanned or opened (ISO 8601), as the mini-program kept it; ignored when not a date.',
  })
  @IsOptional()
  @IsString()
  @Length(0, 40)
  scannedAt?: string;

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

import { ApiProperty } from '@nestjs/swagger';
import type { StaffLoginResponse, WechatLoginResponse } from '@lensloop/shared';
import { MemberDto } from '../../members/dto/member.dto';
import { StaffProfileDto } from '../../staff/dto/staff-profile.dto';

export class WechatLoginResponseDto implements WechatLoginResponse {
  @ApiProperty({ description: 'Bearer token for the member.' })
  token: string;

  @ApiProperty({ type: MemberDto })
  member: MemberDto;

  @ApiProperty({ description: 'True on the first login of this WeChat user.' })
  isNew: boolean;
}

export class BindPhoneResponseDto {
  @ApiProperty({ type: MemberDto })
  member: MemberDto;
}

export class StaffLoginResponseDto implements StaffLoginResponse {
  @ApiProperty({ description: 'Bearer token for the staff member.' })
  token: string;

  @ApiProperty({ type: StaffProfileDto })
  staff: StaffProfileDto;
}

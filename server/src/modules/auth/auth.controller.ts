import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Member, StaffLoginResponse, WechatLoginResponse } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { AuthService } from './auth.service';
import { StaffLoginDto } from './dto/staff-login.dto';
import { WechatLoginDto, WechatPhoneDto } from './dto/wechat-login.dto';

@ApiTags('auth')
@ApiTooManyRequestsResponse({ description: 'Rate limited per client address.' })
@UseGuards(ThrottlerGuard)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('wechat/login')
  @HttpCode(200)
  loginWithWechat(@Body() body: WechatLoginDto): Promise<WechatLoginResponse> {
    return this.auth.loginWithWechat(body);
  }

  @Post('wechat/phone')
  @HttpCode(200)
  @Roles('customer')
  bindPhone(
    @CurrentPrincipal() principal: Principal,
    @Body() body: WechatPhoneDto,
  ): Promise<{ member: Member }> {
    return this.auth.bindPhone(principal.id, body.code);
  }

  @Post('staff/login')
  @HttpCode(200)
  loginStaff(@Body() body: StaffLoginDto): Promise<StaffLoginResponse> {
    return this.auth.loginStaff(body);
  }
}

import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiTags, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ErrorCode, type Member, type StaffLoginResponse, type WechatLoginResponse } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles, Public } from '../../common/auth/roles.decorator';
import { AuthService } from './auth.service';
import { StaffLoginDto } from './dto/staff-login.dto';
import { WechatLoginDto, WechatPhoneDto } from './dto/wechat-login.dto';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import {
  BindPhoneResponseDto,
  StaffLoginResponseDto,
  WechatLoginResponseDto,
} from './dto/login-response.dto';

@ApiTags('auth')
// Rate limited per client address.
@ApiErrors(ErrorCode.RATE_LIMITED)
@UseGuards(ThrottlerGuard)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('wechat/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log a customer in with a wx.login() code' })
  @ApiOkResponse({ type: WechatLoginResponseDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.WECHAT_CODE_INVALID, ErrorCode.WECHAT_UNAVAILABLE)
  @Public()
  loginWithWechat(@Body() body: WechatLoginDto): Promise<WechatLoginResponse> {
    return this.auth.loginWithWechat(body);
  }

  @Post('wechat/phone')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({ summary: 'Bind the phone number from the getPhoneNumber button' })
  @ApiOkResponse({ type: BindPhoneResponseDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.WECHAT_CODE_INVALID,
    ErrorCode.MEMBER_NOT_FOUND,
    ErrorCode.WECHAT_UNAVAILABLE,
  )
  bindPhone(
    @CurrentPrincipal() principal: Principal,
    @Body() body: WechatPhoneDto,
  ): Promise<{ member: Member }> {
    return this.auth.bindPhone(principal.id, body.code);
  }

  @Post('staff/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Log a staff member (or an integrator account) in with a password' })
  @ApiOkResponse({ type: StaffLoginResponseDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.INVALID_CREDENTIALS)
  @Public()
  loginStaff(@Body() body: StaffLoginDto): Promise<StaffLoginResponse> {
    return this.auth.loginStaff(body);
  }
}

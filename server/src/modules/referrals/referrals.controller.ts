import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ErrorCode, type MyReferral, type ReferralFunnel, type ReferralRule } from '@lensloop/shared';
import type { FastifyReply } from 'fastify';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Public, Roles } from '../../common/auth/roles.decorator';
import { DomainError } from '../../common/domain-error';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import {
  MyReferralDto,
  ReferralFunnelDto,
  ReferralFunnelQueryDto,
  ReferralRuleDto,
  ReferralRuleInputDto,
  ReferralScanDto,
} from './dto/referral.dto';
import { ReferralsService } from './referrals.service';

@ApiTags('referrals')
@Controller()
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  @Get('me/referral')
  @Roles('customer')
  @ApiOperation({ summary: 'Get the member’s referral code, its mini-program code and the invited friends' })
  @ApiOkResponse({ type: MyReferralDto })
  @ApiErrors(ErrorCode.MEMBER_NOT_FOUND)
  getMyReferral(@CurrentPrincipal() principal: Principal): Promise<MyReferral> {
    return this.referrals.myReferral(principal.id);
  }

  @Post('referral-scans')
  @HttpCode(204)
  @Public()
  // Anonymous and public: rate limited per client address, unknown codes are not stored.
  @UseGuards(ThrottlerGuard)
  @ApiOperation({ summary: 'Record that the mini-program was opened through a referral code (funnel)' })
  @ApiNoContentResponse({ description: 'Counted.' })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.REFERRAL_CODE_NOT_FOUND, ErrorCode.RATE_LIMITED)
  recordReferralScan(@Body() body: ReferralScanDto): Promise<void> {
    return this.referrals.recordScan(body.code);
  }

  @Get('referral-qr/:file')
  @Public()
  @ApiOperation({ summary: 'Get the mini-program code image of a referral code (`<code>.png`)' })
  @ApiProduces('image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The image bytes.', schema: { type: 'string', format: 'binary' } })
  @ApiErrors(ErrorCode.REFERRAL_QR_NOT_FOUND, ErrorCode.WECHAT_UNAVAILABLE)
  async getReferralQr(@Param('file') file: string, @Res() reply: FastifyReply): Promise<void> {
    const match = /^([2-9A-HJKMNP-Z]{8})\.png$/.exec(file);
    if (!match) throw new DomainError(ErrorCode.REFERRAL_QR_NOT_FOUND, 'No such referral code image.');
    const { contentType, image } = await this.referrals.qrImage(match[1]);
    await reply
      .header('content-type', contentType)
      .header('cache-control', 'public, max-age=86400')
      .send(image);
  }

  @Get('admin/referral-rule')
  @Roles('admin')
  @ApiOperation({ summary: 'Get the referral rule (defaults until one is saved)' })
  @ApiOkResponse({ type: ReferralRuleDto })
  getReferralRule(): Promise<ReferralRule> {
    return this.referrals.rule();
  }

  @Put('admin/referral-rule')
  @Roles('admin')
  @ApiOperation({ summary: 'Set the referral rule: reward, return window, monthly cap, attribution days' })
  @ApiOkResponse({ type: ReferralRuleDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.COUPON_TEMPLATE_NOT_FOUND,
    ErrorCode.REFERRAL_REWARD_TEMPLATE_INVALID,
  )
  putReferralRule(@Body() body: ReferralRuleInputDto): Promise<ReferralRule> {
    return this.referrals.saveRule(body);
  }

  @Get('admin/referrals/funnel')
  @Roles('admin')
  @ApiOperation({ summary: 'Referral funnel of a period: scans → registrations → first orders → rewards' })
  @ApiOkResponse({ type: ReferralFunnelDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  getReferralFunnel(@Query() query: ReferralFunnelQueryDto): Promise<ReferralFunnel> {
    return this.referrals.funnel(query.from, query.to);
  }
}

import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  ClaimableCoupon,
  Coupon,
  CouponRedemptionCode,
  CouponTemplate,
  IssueJobProgress,
  IssueJobStarted,
  RedeemedCoupon,
} from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { CouponIssueJob } from './coupon-issue.job';
import { CouponsService } from './coupons.service';
import { IssueCouponsDto, MyCouponsQueryDto, RedeemCouponDto } from './dto/coupon-requests.dto';
import { CreateCouponTemplateDto, UpdateCouponTemplateDto } from './dto/coupon-template.dto';

@ApiTags('coupons')
@ApiBearerAuth()
@Controller()
export class CouponsController {
  constructor(
    private readonly coupons: CouponsService,
    private readonly issueJob: CouponIssueJob,
  ) {}

  @Get('coupons/claimable')
  @Roles('customer')
  listClaimableCoupons(@CurrentPrincipal() principal: Principal): Promise<ClaimableCoupon[]> {
    return this.coupons.listClaimable(principal.id);
  }

  @Post('coupons/:templateId/claim')
  @Roles('customer')
  claimCoupon(
    @CurrentPrincipal() principal: Principal,
    @Param('templateId', IdPipe) templateId: number,
  ): Promise<Coupon> {
    return this.coupons.claim(principal.id, templateId);
  }

  @Get('me/coupons')
  @Roles('customer')
  listMyCoupons(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MyCouponsQueryDto,
  ): Promise<Coupon[]> {
    return this.coupons.listMine(principal.id, query.status);
  }

  @Get('me/coupons/:id/code')
  @Roles('customer')
  getCouponRedemptionCode(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<CouponRedemptionCode> {
    return this.coupons.redemptionCodeFor(principal.id, id);
  }

  @Post('staff/coupons/redeem')
  @HttpCode(200)
  @Roles(...STAFF_ROLES_ALL)
  redeemCoupon(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RedeemCouponDto,
  ): Promise<RedeemedCoupon> {
    return this.coupons.redeem(principal, body.code);
  }

  @Post('admin/coupon-templates')
  @Roles('admin')
  createCouponTemplate(@Body() body: CreateCouponTemplateDto): Promise<CouponTemplate> {
    return this.coupons.createTemplate(body);
  }

  @Get('admin/coupon-templates')
  @Roles('admin')
  listCouponTemplates(): Promise<CouponTemplate[]> {
    return this.coupons.listTemplates();
  }

  @Patch('admin/coupon-templates/:id')
  @Roles('admin')
  updateCouponTemplate(
    @Param('id', IdPipe) id: number,
    @Body() body: UpdateCouponTemplateDto,
  ): Promise<CouponTemplate> {
    return this.coupons.updateTemplate(id, body);
  }

  @Post('admin/coupon-templates/:id/issue')
  @HttpCode(202)
  @Roles('admin')
  issueCoupons(@Param('id', IdPipe) id: number, @Body() body: IssueCouponsDto): Promise<IssueJobStarted> {
    return this.issueJob.start(id, body.memberIds);
  }

  @Get('admin/jobs/:jobId')
  @Roles('admin')
  getIssueJobProgress(@Param('jobId', IdPipe) jobId: number): Promise<IssueJobProgress> {
    return this.issueJob.progress(jobId);
  }
}

import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ErrorCode,
  type ClaimableCoupon,
  type Coupon,
  type CouponRedemptionCode,
  type CouponTemplate,
  type IssueJobProgress,
  type IssueJobStarted,
  type RedeemedCoupon,
} from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { CouponIssueJob } from './coupon-issue.job';
import { CouponsService } from './coupons.service';
import { IssueCouponsDto, MyCouponsQueryDto, RedeemCouponDto } from './dto/coupon-requests.dto';
import {
  COUPON_VALIDITY_MODELS,
  CreateCouponTemplateDto,
  UpdateCouponTemplateDto,
} from './dto/coupon-template.dto';
import {
  ClaimableCouponDto,
  CouponDto,
  CouponRedemptionCodeDto,
  CouponTemplateDto,
  IssueJobProgressDto,
  IssueJobStartedDto,
  RedeemedCouponDto,
} from './dto/coupon.dto';

/** Why a held coupon cannot be used now (`assertUsable`): used, not yet valid, expired. */
const UNUSABLE_COUPON_ERRORS = [
  ErrorCode.COUPON_ALREADY_REDEEMED,
  ErrorCode.COUPON_NOT_YET_VALID,
  ErrorCode.COUPON_EXPIRED,
] as const;

@ApiTags('coupons')
@ApiExtraModels(...COUPON_VALIDITY_MODELS)
@Controller()
export class CouponsController {
  constructor(
    private readonly coupons: CouponsService,
    private readonly issueJob: CouponIssueJob,
  ) {}

  @Get('coupons/claimable')
  @Roles('customer')
  @ApiOperation({ summary: 'List the claim centre: coupons the member may claim, with how many are left' })
  @ApiOkResponse({ type: [ClaimableCouponDto] })
  listClaimableCoupons(@CurrentPrincipal() principal: Principal): Promise<ClaimableCoupon[]> {
    return this.coupons.listClaimable(principal.id);
  }

  @Post('coupons/:templateId/claim')
  @Roles('customer')
  @ApiOperation({ summary: 'Claim a coupon of a claim-centre template' })
  @ApiCreatedResponse({ type: CouponDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.COUPON_TEMPLATE_NOT_FOUND,
    ErrorCode.COUPON_NOT_CLAIMABLE,
    ErrorCode.COUPON_SOLD_OUT,
    ErrorCode.COUPON_LIMIT_REACHED,
  )
  claimCoupon(
    @CurrentPrincipal() principal: Principal,
    @Param('templateId', IdPipe) templateId: number,
  ): Promise<Coupon> {
    return this.coupons.claim(principal.id, templateId);
  }

  @Get('me/coupons')
  @Roles('customer')
  @ApiOperation({ summary: 'List the member’s coupons, newest first, optionally by status' })
  @ApiOkResponse({ type: [CouponDto] })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listMyCoupons(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MyCouponsQueryDto,
  ): Promise<Coupon[]> {
    return this.coupons.listMine(principal.id, query.status);
  }

  @Get('me/coupons/:id/code')
  @Roles('customer')
  @ApiOperation({
    summary: 'Get a coupon’s rotating redemption code (a new one every 30 s) for in-store use',
  })
  @ApiOkResponse({ type: CouponRedemptionCodeDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.COUPON_NOT_FOUND, ...UNUSABLE_COUPON_ERRORS)
  getCouponRedemptionCode(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<CouponRedemptionCode> {
    return this.coupons.redemptionCodeFor(principal.id, id);
  }

  @Post('staff/coupons/redeem')
  @HttpCode(200)
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Redeem a customer’s coupon in store by its scanned code (once only)' })
  @ApiOkResponse({ type: RedeemedCouponDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.COUPON_CODE_INVALID,
    ErrorCode.COUPON_NOT_FOUND,
    ...UNUSABLE_COUPON_ERRORS,
  )
  redeemCoupon(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RedeemCouponDto,
  ): Promise<RedeemedCoupon> {
    return this.coupons.redeem(principal, body.code);
  }

  @Post('admin/coupon-templates')
  @Roles('admin')
  @ApiOperation({ summary: 'Create a coupon template' })
  @ApiCreatedResponse({ type: CouponTemplateDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  createCouponTemplate(@Body() body: CreateCouponTemplateDto): Promise<CouponTemplate> {
    return this.coupons.createTemplate(body);
  }

  @Get('admin/coupon-templates')
  @Roles('admin')
  @ApiOperation({ summary: 'List the coupon templates, newest first' })
  @ApiOkResponse({ type: [CouponTemplateDto] })
  listCouponTemplates(): Promise<CouponTemplate[]> {
    return this.coupons.listTemplates();
  }

  @Patch('admin/coupon-templates/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a coupon template (never the discount of coupons already issued)' })
  @ApiOkResponse({ type: CouponTemplateDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.COUPON_TEMPLATE_NOT_FOUND)
  updateCouponTemplate(
    @Param('id', IdPipe) id: number,
    @Body() body: UpdateCouponTemplateDto,
  ): Promise<CouponTemplate> {
    return this.coupons.updateTemplate(id, body);
  }

  @Post('admin/coupon-templates/:id/issue')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Start a job issuing a push or reward template’s coupons to members' })
  @ApiAcceptedResponse({ type: IssueJobStartedDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.COUPON_TEMPLATE_NOT_FOUND,
    ErrorCode.COUPON_NOT_CLAIMABLE,
    ErrorCode.MEMBER_NOT_FOUND,
    ErrorCode.SEGMENT_NOT_FOUND,
  )
  issueCoupons(@Param('id', IdPipe) id: number, @Body() body: IssueCouponsDto): Promise<IssueJobStarted> {
    return this.issueJob.start(id, body.memberIds ?? [], body.segmentId ?? null);
  }

  @Get('admin/jobs/:jobId')
  @Roles('admin')
  @ApiOperation({ summary: 'Follow a coupon issue job’s progress' })
  @ApiOkResponse({ type: IssueJobProgressDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.JOB_NOT_FOUND)
  getIssueJobProgress(@Param('jobId', IdPipe) jobId: number): Promise<IssueJobProgress> {
    return this.issueJob.progress(jobId);
  }
}

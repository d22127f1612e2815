import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  type Membership,
  type Page,
  type PointsLedgerEntry,
  type PointsRule,
  type TierRule,
} from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import { PageQueryDto } from '../../common/pagination';
import {
  MembershipDto,
  PointsLedgerEntryDto,
  PointsRuleDto,
  TierRuleDto,
  TierTableDto,
} from './dto/membership.dto';
import { MembershipService } from './membership.service';
import { PointsService } from './points.service';

@ApiTags('membership')
@Controller()
export class MembershipController {
  constructor(
    private readonly membership: MembershipService,
    private readonly points: PointsService,
  ) {}

  @Get('me/membership')
  @Roles('customer')
  @ApiOperation({
    summary: 'Get the member centre: tier, 12-month spend, the next tier, points and what expires next',
  })
  @ApiOkResponse({ type: MembershipDto })
  getMyMembership(@CurrentPrincipal() principal: Principal): Promise<Membership> {
    return this.membership.standingOf(principal.id);
  }

  @Get('me/points/ledger')
  @Roles('customer')
  @ApiOperation({
    summary: 'List the member’s points ledger, newest first (append-only; its sum is the balance)',
  })
  @ApiPageResponse(PointsLedgerEntryDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listMyPointsLedger(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<Page<PointsLedgerEntry>> {
    return this.points.ledgerOf(principal.id, query);
  }

  @Get('admin/membership/tiers')
  @Roles('admin')
  @ApiOperation({ summary: 'Get the tier table: thresholds, discounts and points multipliers' })
  @ApiOkResponse({ type: [TierRuleDto] })
  getTierRules(): Promise<TierRule[]> {
    return this.membership.tierRules();
  }

  @Put('admin/membership/tiers')
  @Roles('admin')
  @ApiOperation({
    summary: 'Replace the tier table; members’ tiers are recomputed by the next tier-review run',
  })
  @ApiOkResponse({ type: [TierRuleDto] })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  setTierRules(@Body() body: TierTableDto): Promise<TierRule[]> {
    return this.membership.setTierRules(body.tiers);
  }

  @Get('admin/points-rule')
  @Roles('admin')
  @ApiOperation({ summary: 'Get the points rule: earning, spending and the per-order cap' })
  @ApiOkResponse({ type: PointsRuleDto })
  getPointsRule(): Promise<PointsRule> {
    return this.membership.pointsRule();
  }

  @Put('admin/points-rule')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the points rule (applies to quotes and orders from now on)' })
  @ApiOkResponse({ type: PointsRuleDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  setPointsRule(@Body() body: PointsRuleDto): Promise<PointsRule> {
    return this.membership.setPointsRule({
      pointsPerYuan: body.pointsPerYuan,
      pointsPerYuanSpent: body.pointsPerYuanSpent,
      maxOrderPercent: body.maxOrderPercent,
    });
  }
}

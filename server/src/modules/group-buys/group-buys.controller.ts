import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  type GroupBuyCampaign,
  type GroupBuyGroup,
  type GroupBuyReport,
  type GroupJoinResult,
  type MyGroup,
  type RedeemedVoucher,
  type ServiceVoucher,
} from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Public, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import {
  GroupBuyCampaignDto,
  GroupBuyCampaignInputDto,
  GroupBuyCampaignPatchDto,
  GroupBuyGroupDto,
  GroupBuyReportDto,
  GroupJoinResultDto,
  JoinGroupRequestDto,
  MyGroupDto,
  RedeemedVoucherDto,
  RedeemVoucherDto,
  ServiceVoucherDto,
} from './dto/group-buy.dto';
import { GroupBuysService } from './group-buys.service';

/** What opening or joining may refuse, besides validation: each its own code, nothing held. */
const SEAT_ERRORS = [
  ErrorCode.VALIDATION_FAILED,
  ErrorCode.GROUP_BUY_CAMPAIGN_ENDED,
  ErrorCode.GROUP_BUY_LIMIT_REACHED,
  ErrorCode.GROUP_BUY_NEW_MEMBERS_ONLY,
  ErrorCode.STORE_NOT_FOUND,
  ErrorCode.SKU_OFF_SALE,
  ErrorCode.OUT_OF_STOCK,
] as const;

@ApiTags('group-buys')
@Controller()
export class GroupBuysController {
  constructor(private readonly groupBuys: GroupBuysService) {}

  @Get('group-buys')
  @Public()
  @ApiOperation({ summary: 'List the group-buy campaigns open now' })
  @ApiOkResponse({ type: [GroupBuyCampaignDto] })
  listGroupBuys(): Promise<GroupBuyCampaign[]> {
    return this.groupBuys.activeCampaigns();
  }

  @Post('group-buys/:campaignId/groups')
  @Roles('customer')
  @ApiOperation({ summary: 'Open a group: the leader’s seat and order at the group price' })
  @ApiOkResponse({ type: GroupJoinResultDto })
  @ApiErrors(...SEAT_ERRORS, ErrorCode.GROUP_BUY_CAMPAIGN_NOT_FOUND, ErrorCode.GROUP_BUY_SOLD_OUT)
  openGroup(
    @CurrentPrincipal() principal: Principal,
    @Param('campaignId', IdPipe) campaignId: number,
    @Body() body: JoinGroupRequestDto,
  ): Promise<GroupJoinResult> {
    return this.groupBuys.openGroup(principal.id, campaignId, body);
  }

  @Post('groups/:groupId/join')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({ summary: 'Join a group: a seat held by the member’s order at the group price' })
  @ApiOkResponse({ type: GroupJoinResultDto })
  @ApiErrors(
    ...SEAT_ERRORS,
    ErrorCode.GROUP_NOT_FOUND,
    ErrorCode.GROUP_FULL,
    ErrorCode.GROUP_EXPIRED,
    ErrorCode.GROUP_COMPLETE,
    ErrorCode.GROUP_OWN,
    ErrorCode.GROUP_ALREADY_JOINED,
  )
  joinGroup(
    @CurrentPrincipal() principal: Principal,
    @Param('groupId', IdPipe) groupId: number,
    @Body() body: JoinGroupRequestDto,
  ): Promise<GroupJoinResult> {
    return this.groupBuys.joinGroup(principal.id, groupId, body);
  }

  @Get('groups/:groupId')
  @Public()
  @ApiOperation({ summary: 'Get a group as the share link shows it: masked members, seats left, deadline' })
  @ApiOkResponse({ type: GroupBuyGroupDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.GROUP_NOT_FOUND)
  getGroup(@Param('groupId', IdPipe) groupId: number): Promise<GroupBuyGroup> {
    return this.groupBuys.getGroup(groupId);
  }

  @Get('me/groups')
  @Roles('customer')
  @ApiOperation({ summary: 'List the member’s groups, newest first' })
  @ApiOkResponse({ type: [MyGroupDto] })
  getMyGroups(@CurrentPrincipal() principal: Principal): Promise<MyGroup[]> {
    return this.groupBuys.myGroups(principal.id);
  }

  @Get('me/vouchers')
  @Roles('customer')
  @ApiOperation({ summary: 'List the member’s service vouchers from complete groups' })
  @ApiOkResponse({ type: [ServiceVoucherDto] })
  getMyVouchers(@CurrentPrincipal() principal: Principal): Promise<ServiceVoucher[]> {
    return this.groupBuys.myVouchers(principal.id);
  }

  @Post('staff/vouchers/redeem')
  @HttpCode(200)
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Redeem a service voucher in store (once only)' })
  @ApiOkResponse({ type: RedeemedVoucherDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.VOUCHER_NOT_FOUND,
    ErrorCode.VOUCHER_ALREADY_REDEEMED,
    ErrorCode.VOUCHER_EXPIRED,
  )
  redeemVoucher(
    @CurrentPrincipal() principal: Principal,
    @Body() body: RedeemVoucherDto,
  ): Promise<RedeemedVoucher> {
    return this.groupBuys.redeemVoucher(principal, body.code);
  }

  @Post('admin/group-buy-campaigns')
  @Roles('admin')
  @ApiOperation({ summary: 'Create a group-buy campaign' })
  @ApiOkResponse({ type: GroupBuyCampaignDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.GROUP_BUY_CAMPAIGN_INVALID, ErrorCode.SKU_NOT_FOUND)
  createGroupBuyCampaign(@Body() body: GroupBuyCampaignInputDto): Promise<GroupBuyCampaign> {
    return this.groupBuys.createCampaign(body);
  }

  @Get('admin/group-buy-campaigns')
  @Roles('admin')
  @ApiOperation({ summary: 'List every group-buy campaign, newest first' })
  @ApiOkResponse({ type: [GroupBuyCampaignDto] })
  listGroupBuyCampaigns(): Promise<GroupBuyCampaign[]> {
    return this.groupBuys.listCampaigns();
  }

  @Patch('admin/group-buy-campaigns/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'End a group-buy campaign early' })
  @ApiOkResponse({ type: GroupBuyCampaignDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.GROUP_BUY_CAMPAIGN_NOT_FOUND)
  endGroupBuyCampaign(
    @Param('id', IdPipe) id: number,
    // The body only says `{ ended: true }`; validated, then ignored.
    @Body() _body: GroupBuyCampaignPatchDto,
  ): Promise<GroupBuyCampaign> {
    return this.groupBuys.endCampaign(id);
  }

  @Get('admin/group-buy-report')
  @Roles('admin')
  @ApiOperation({ summary: 'Groups by status per campaign' })
  @ApiOkResponse({ type: GroupBuyReportDto })
  getGroupBuyReport(): Promise<GroupBuyReport> {
    return this.groupBuys.report();
  }
}

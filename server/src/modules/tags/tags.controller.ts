import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ErrorCode,
  type Community,
  type CustomerTag,
  type Dashboard,
  type Leaderboard,
  type MyCommunity,
  type MyCustomer,
  type Page,
  type Segment,
  type SegmentCount,
  type SegmentSummary,
  type TagRules,
} from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { DomainError } from '../../common/domain-error';
import { IdPipe } from '../../common/id.pipe';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import { CustomerTagDto } from '../members/dto/customer-tag.dto';
import { CommunitiesService } from './communities.service';
import {
  AddTagDto,
  CommunityDto,
  CommunityInputDto,
  CreateSegmentDto,
  DashboardDto,
  DashboardQueryDto,
  LeaderboardDto,
  LeaderboardQueryDto,
  MyCommunityDto,
  MyCustomerDto,
  MyCustomersQueryDto,
  SegmentCountDto,
  SegmentDto,
  SegmentSummaryDto,
  TagRulesDto,
} from './dto/tags.dto';
import { KpiService } from './kpi.service';
import { SegmentsService } from './segments.service';
import { TagsService } from './tags.service';

@ApiTags('tags')
@Controller()
export class TagsController {
  constructor(
    private readonly tags: TagsService,
    private readonly segments: SegmentsService,
    private readonly kpis: KpiService,
    private readonly communities: CommunitiesService,
  ) {}

  // ---- staff ------------------------------------------------------------------------------

  @Post('staff/customers/:memberId/tags')
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Add a manual tag to a customer (answered as it is when they have it)' })
  @ApiCreatedResponse({ type: CustomerTagDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.MEMBER_NOT_FOUND)
  addTag(
    @CurrentPrincipal() principal: Principal,
    @Param('memberId', IdPipe) memberId: number,
    @Body() body: AddTagDto,
  ): Promise<CustomerTag> {
    return this.tags.addManual(principal.id, memberId, body.name);
  }

  @Delete('staff/customers/:memberId/tags/:tagId')
  @HttpCode(204)
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Remove a manual tag from a customer' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.MEMBER_NOT_FOUND,
    ErrorCode.TAG_NOT_FOUND,
    ErrorCode.TAG_NOT_MANUAL,
  )
  async removeTag(
    @Param('memberId', IdPipe) memberId: number,
    @Param('tagId', IdPipe) tagId: number,
  ): Promise<void> {
    await this.tags.removeManual(memberId, tagId);
  }

  @Get('staff/me/customers')
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'List my own customers (owner = me), by tag and/or segment' })
  @ApiPageResponse(MyCustomerDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.SEGMENT_NOT_FOUND)
  myCustomers(
    @CurrentPrincipal() principal: Principal,
    @Query() query: MyCustomersQueryDto,
  ): Promise<Page<MyCustomer>> {
    return this.segments.myCustomers(principal.id, query);
  }

  @Get('staff/segments')
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'List the saved segments, to filter my customers by' })
  @ApiOkResponse({ type: [SegmentSummaryDto] })
  async listStaffSegments(): Promise<SegmentSummary[]> {
    return (await this.segments.list()).map(({ id, name }) => ({ id, name }));
  }

  @Get('staff/leaderboard')
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({
    summary:
      'Rank staff for the week or month: members added, coupons redeemed, orders and sales, referrals, tasks',
  })
  @ApiOkResponse({ type: LeaderboardDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  leaderboard(
    @CurrentPrincipal() principal: Principal,
    @Query() query: LeaderboardQueryDto,
  ): Promise<Leaderboard> {
    return this.kpis.leaderboard(query.period ?? 'week', query.storeId ?? principal.storeId ?? null);
  }

  // ---- admin ------------------------------------------------------------------------------

  @Get('admin/dashboard')
  @Roles('admin', 'manager')
  @ApiOperation({ summary: 'Read the operating dashboard (a manager sees their store)' })
  @ApiOkResponse({ type: DashboardDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  dashboard(@CurrentPrincipal() principal: Principal, @Query() query: DashboardQueryDto): Promise<Dashboard> {
    const storeId = principal.role === 'manager' ? principal.storeId : (query.storeId ?? null);
    return this.kpis.dashboard(query.period ?? 'day', storeId);
  }

  @Get('admin/tag-rules')
  @Roles('admin')
  @ApiOperation({ summary: 'Read the thresholds of the automatic tags' })
  @ApiOkResponse({ type: TagRulesDto })
  getTagRules(): Promise<TagRules> {
    return this.tags.getRules();
  }

  @Put('admin/tag-rules')
  @Roles('admin')
  @ApiOperation({
    summary: 'Set the thresholds of the automatic tags (the next `tags` run recomputes everyone)',
  })
  @ApiOkResponse({ type: TagRulesDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  putTagRules(@Body() body: TagRulesDto): Promise<TagRules> {
    if (body.classDFrom <= body.classCFrom) {
      throw new DomainError(ErrorCode.VALIDATION_FAILED, 'Class D starts after class C.', [
        { field: 'classDFrom', message: 'must be more than classCFrom' },
      ]);
    }
    return this.tags.saveRules({ ...body });
  }

  @Post('admin/segments')
  @Roles('admin')
  @ApiOperation({ summary: 'Save a segment: a filter over tags and member fields' })
  @ApiCreatedResponse({ type: SegmentDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.SEGMENT_FILTER_INVALID)
  createSegment(@Body() body: CreateSegmentDto): Promise<Segment> {
    return this.segments.create(body);
  }

  @Get('admin/segments')
  @Roles('admin')
  @ApiOperation({ summary: 'List the saved segments' })
  @ApiOkResponse({ type: [SegmentDto] })
  listSegments(): Promise<Segment[]> {
    return this.segments.list();
  }

  @Get('admin/segments/:id/count')
  @Roles('admin')
  @ApiOperation({ summary: 'Count a segment’s members now (one SQL statement)' })
  @ApiOkResponse({ type: SegmentCountDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.SEGMENT_NOT_FOUND)
  async countSegment(@Param('id', IdPipe) id: number): Promise<SegmentCount> {
    return { count: await this.segments.count(id) };
  }

  @Post('admin/communities')
  @Roles('admin')
  @ApiOperation({ summary: 'Create a store, interest or KOC group with its QR image and welcome text' })
  @ApiCreatedResponse({ type: CommunityDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  createCommunity(@Body() body: CommunityInputDto): Promise<Community> {
    return this.communities.create(body);
  }

  @Get('admin/communities')
  @Roles('admin')
  @ApiOperation({ summary: 'List the groups with their member counts' })
  @ApiOkResponse({ type: [CommunityDto] })
  listCommunities(): Promise<Community[]> {
    return this.communities.list();
  }

  @Put('admin/communities/:id')
  @Roles('admin')
  @ApiOperation({ summary: 'Change a group (QR image, welcome text, …)' })
  @ApiOkResponse({ type: CommunityDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.COMMUNITY_NOT_FOUND)
  updateCommunity(@Param('id', IdPipe) id: number, @Body() body: CommunityInputDto): Promise<Community> {
    return this.communities.update(id, body);
  }

  // ---- customer ---------------------------------------------------------------------------

  @Get('me/communities')
  @Roles('customer')
  @ApiOperation({ summary: 'List the groups fitting me: my store’s, my interests’, KOC when tagged' })
  @ApiOkResponse({ type: [MyCommunityDto] })
  myCommunities(@CurrentPrincipal() principal: Principal): Promise<MyCommunity[]> {
    return this.communities.forMember(principal.id);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  type ArrivalResult,
  type CustomerOwnership,
  type CustomerSummary,
  type Page,
  type StaffMemberSummary,
  type StaffQrCode,
  type TransferResult,
  type WelcomeRules,
} from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { DomainError } from '../../common/domain-error';
import { IdPipe } from '../../common/id.pipe';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { CustomersService } from './customers.service';
import {
  ArrivalResultDto,
  CustomerOwnershipDto,
  StaffMemberSummaryDto,
  StaffQrCodeDto,
  TransferResultDto,
} from './dto/customer.dto';
import {
  ArrivalDto,
  StaffListQueryDto,
  StoreQrQueryDto,
  TransferDto,
  WelcomeRulesDto,
} from './dto/customer-requests.dto';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import { PageQueryDto } from '../../common/pagination';
import { CustomerSummaryDto } from '../prescriptions/dto/prescription.dto';

@ApiTags('customers')
@Controller()
export class CustomersController {
  constructor(private readonly customers: CustomersService) {}

  @Post('me/arrivals')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({
    summary: 'Record that the member opened the app through a staff, store, regional or counter code',
  })
  @ApiOkResponse({ type: ArrivalResultDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.SCENE_INVALID, ErrorCode.MEMBER_NOT_FOUND)
  recordArrival(@CurrentPrincipal() principal: Principal, @Body() body: ArrivalDto): Promise<ArrivalResult> {
    return this.customers.arrive(principal.id, body.scene, { lat: body.lat, lng: body.lng });
  }

  @Get('staff/me/qrcode')
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Get the staff member’s add-me mini-program code (scene `s:<staffId>`)' })
  @ApiOkResponse({ type: StaffQrCodeDto })
  @ApiErrors(ErrorCode.UNAUTHENTICATED, ErrorCode.WECHAT_UNAVAILABLE)
  getMyQrCode(@CurrentPrincipal() principal: Principal): Promise<StaffQrCode> {
    return this.customers.staffQrCode(principal.id);
  }

  @Get('admin/stores/:storeId/qrcode')
  @Roles('manager', 'admin')
  @ApiOperation({ summary: 'Get a store’s add-me (`st:`) or counter (`c:`) mini-program code' })
  @ApiOkResponse({ type: StaffQrCodeDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.STORE_NOT_FOUND, ErrorCode.WECHAT_UNAVAILABLE)
  getStoreQrCode(
    @CurrentPrincipal() principal: Principal,
    @Param('storeId', IdPipe) storeId: number,
    @Query() query: StoreQrQueryDto,
  ): Promise<StaffQrCode> {
    if (principal.role !== 'admin' && principal.storeId !== storeId) {
      throw new DomainError(ErrorCode.STORE_NOT_FOUND, `Store ${storeId} does not exist.`);
    }
    return this.customers.storeQrCode(storeId, query.kind);
  }

  @Get('staff/customers/:memberId/owner')
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Get a customer’s owner staff, how they were added and the owner history' })
  @ApiOkResponse({ type: CustomerOwnershipDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.MEMBER_NOT_FOUND)
  getCustomerOwnership(@Param('memberId', IdPipe) memberId: number): Promise<CustomerOwnership> {
    return this.customers.ownership(memberId);
  }

  @Get('admin/staff')
  @Roles('manager', 'admin')
  @ApiOperation({ summary: 'List staff members to transfer between (a manager: their store)' })
  @ApiOkResponse({ type: [StaffMemberSummaryDto] })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listStaffMembers(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StaffListQueryDto,
  ): Promise<StaffMemberSummary[]> {
    return this.customers.listStaff(principal, query.storeId);
  }

  @Get('admin/staff/:staffId/customers')
  @Roles('manager', 'admin')
  @ApiOperation({ summary: 'List the customers a staff member owns' })
  @ApiPageResponse(CustomerSummaryDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.TRANSFER_STAFF_INVALID)
  listStaffMemberCustomers(
    @CurrentPrincipal() principal: Principal,
    @Param('staffId', IdPipe) staffId: number,
    @Query() query: PageQueryDto,
  ): Promise<Page<CustomerSummary>> {
    return this.customers.customersOf(principal, staffId, query);
  }

  @Post('admin/transfers')
  @HttpCode(200)
  @Roles('manager', 'admin')
  @ApiOperation({
    summary: 'Transfer one, some or all of a staff member’s customers to another (manager: own store)',
  })
  @ApiOkResponse({ type: TransferResultDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.TRANSFER_STAFF_INVALID, ErrorCode.TRANSFER_SAME_STAFF)
  transferCustomers(
    @CurrentPrincipal() principal: Principal,
    @Body() body: TransferDto,
  ): Promise<TransferResult> {
    return this.customers.transfer(principal, body);
  }

  @Get('admin/welcome-rules')
  @Roles('admin')
  @ApiOperation({ summary: 'Get which welcome coupon a customer added through a code gets, by state' })
  @ApiOkResponse({ type: WelcomeRulesDto })
  getWelcomeRules(): Promise<WelcomeRules> {
    return this.customers.welcomeRules();
  }

  @Put('admin/welcome-rules')
  @Roles('admin')
  @ApiOperation({ summary: 'Set the welcome coupon templates for unregistered and registered customers' })
  @ApiOkResponse({ type: WelcomeRulesDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.WELCOME_TEMPLATE_INVALID)
  putWelcomeRules(@Body() body: WelcomeRulesDto): Promise<WelcomeRules> {
    return this.customers.setWelcomeRules(body);
  }
}

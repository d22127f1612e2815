import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiExtraModels } from '@nestjs/swagger';
import {
  ErrorCode,
  type CustomerCard,
  type CustomerSummary,
  type Page,
  type Prescription,
} from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { RequestId } from '../../common/request-id.decorator';
import { CustomerSearchQueryDto, LatestPrescriptionQueryDto } from './dto/prescription-queries.dto';
import { RecordPrescriptionDto, BinocularPdDto, MonocularPdDto } from './dto/record-prescription.dto';
import { PrescriptionsService, type StaffActor } from './prescriptions.service';
import { StaffDeskService } from './staff-desk.service';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import { CustomerCardDto, CustomerSummaryDto, PrescriptionDto } from './dto/prescription.dto';

function actorOf(principal: Principal, requestId: string): StaffActor {
  return { staffId: principal.id, storeId: principal.storeId, requestId };
}

// The two shapes of the pupillary distance, referenced by the prescription schemas.
@ApiExtraModels(BinocularPdDto, MonocularPdDto)
@ApiTags('staff')
@Controller('staff/customers')
export class StaffDeskController {
  constructor(
    private readonly desk: StaffDeskService,
    private readonly prescriptions: PrescriptionsService,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Search customers by phone, member code or nickname' })
  @ApiPageResponse(CustomerSummaryDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  searchCustomers(@Query() query: CustomerSearchQueryDto): Promise<Page<CustomerSummary>> {
    return this.desk.searchCustomers(query);
  }

  @Get(':memberId')
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Get a customer’s card: profiles, consent, owner' })
  @ApiOkResponse({ type: CustomerCardDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.MEMBER_NOT_FOUND)
  getCustomer(@Param('memberId', IdPipe) memberId: number): Promise<CustomerCard> {
    return this.desk.getCustomerCard(memberId);
  }

  /**
   * Every call writes one audit row, visible to the customer in their access log. Store staff only:
   * HQ admins manage the chain and read the audit log, they have no need to see a customer's eyes.
   */
  @Get(':memberId/prescriptions/latest')
  @Roles('clerk', 'optometrist', 'manager')
  @ApiOperation({ summary: 'Read a customer’s latest prescription (audit-logged)' })
  @ApiOkResponse({ type: PrescriptionDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.PROFILE_NOT_FOUND,
    ErrorCode.PRESCRIPTION_NOT_FOUND,
    ErrorCode.CONSENT_REQUIRED,
  )
  getLatestPrescription(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('memberId', IdPipe) memberId: number,
    @Query() query: LatestPrescriptionQueryDto,
  ): Promise<Prescription> {
    return this.prescriptions.readLatestForStaff(memberId, query, actorOf(principal, requestId));
  }

  @Post(':memberId/prescriptions')
  @Roles('optometrist', 'manager')
  @ApiOperation({ summary: 'Record an exam for a customer or a family profile' })
  @ApiCreatedResponse({ type: PrescriptionDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.MEMBER_NOT_FOUND,
    ErrorCode.PROFILE_NOT_FOUND,
    ErrorCode.CONSENT_REQUIRED,
  )
  recordPrescription(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('memberId', IdPipe) memberId: number,
    @Body() body: RecordPrescriptionDto,
  ): Promise<Prescription> {
    return this.prescriptions.recordPrescription(memberId, body, actorOf(principal, requestId));
  }
}

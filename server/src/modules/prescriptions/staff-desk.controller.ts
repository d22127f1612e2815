import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { CustomerCard, CustomerSummary, Page, Prescription } from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { RequestId } from '../../common/request-id.decorator';
import { CustomerSearchQueryDto, LatestPrescriptionQueryDto } from './dto/prescription-queries.dto';
import { RecordPrescriptionDto } from './dto/record-prescription.dto';
import { PrescriptionsService, type StaffActor } from './prescriptions.service';
import { StaffDeskService } from './staff-desk.service';

function actorOf(principal: Principal, requestId: string): StaffActor {
  return { staffId: principal.id, storeId: principal.storeId, requestId };
}

@ApiTags('staff')
@Controller('staff/customers')
export class StaffDeskController {
  constructor(
    private readonly desk: StaffDeskService,
    private readonly prescriptions: PrescriptionsService,
  ) {}

  @Get()
  @Roles(...STAFF_ROLES_ALL)
  searchCustomers(@Query() query: CustomerSearchQueryDto): Promise<Page<CustomerSummary>> {
    return this.desk.searchCustomers(query);
  }

  @Get(':memberId')
  @Roles(...STAFF_ROLES_ALL)
  getCustomer(@Param('memberId', IdPipe) memberId: number): Promise<CustomerCard> {
    return this.desk.getCustomerCard(memberId);
  }

  /**
   * Every call writes one audit row, visible to the customer in their access log. Store staff only:
   * HQ admins manage the chain and read the audit log, they have no need to see a customer's eyes.
   */
  @Get(':memberId/prescriptions/latest')
  @Roles('clerk', 'optometrist', 'manager')
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
  recordPrescription(
    @CurrentPrincipal() principal: Principal,
    @RequestId() requestId: string,
    @Param('memberId', IdPipe) memberId: number,
    @Body() body: RecordPrescriptionDto,
  ): Promise<Prescription> {
    return this.prescriptions.recordPrescription(memberId, body, actorOf(principal, requestId));
  }
}

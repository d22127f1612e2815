import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Consent, MyopiaTrend, Page, Prescription, PrescriptionDetail } from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { ConsentsService } from './consents.service';
import { ConsentDto } from './dto/consent.dto';
import { PrescriptionQueryDto } from './dto/prescription-queries.dto';
import { PrescriptionsService } from './prescriptions.service';

/** The customer's own consents, fitting history and myopia trend. */
@ApiTags('prescriptions')
@Controller('me')
export class PrescriptionsController {
  constructor(
    private readonly prescriptions: PrescriptionsService,
    private readonly consents: ConsentsService,
  ) {}

  @Get('consents')
  @Roles('customer')
  listConsents(@CurrentPrincipal() principal: Principal): Promise<Consent[]> {
    return this.consents.listCurrent(principal.id);
  }

  @Post('consents')
  @Roles('customer')
  recordConsent(@CurrentPrincipal() principal: Principal, @Body() body: ConsentDto): Promise<Consent> {
    return this.consents.recordConsent(principal.id, body);
  }

  @Get('prescriptions')
  @Roles('customer')
  listPrescriptions(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PrescriptionQueryDto,
  ): Promise<Page<Prescription>> {
    return this.prescriptions.listForMember(principal.id, query);
  }

  @Get('prescriptions/:id')
  @Roles('customer')
  getPrescription(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<PrescriptionDetail> {
    return this.prescriptions.getForMember(principal.id, id);
  }

  @Get('profiles/:id/myopia-trend')
  @Roles('customer')
  getMyopiaTrend(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<MyopiaTrend> {
    return this.prescriptions.trendForMember(principal.id, id);
  }
}

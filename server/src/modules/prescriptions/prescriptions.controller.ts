import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiExtraModels } from '@nestjs/swagger';
import {
  ErrorCode,
  type Consent,
  type MyopiaTrend,
  type Page,
  type Prescription,
  type PrescriptionDetail,
} from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { ConsentsService } from './consents.service';
import { ConsentDto } from './dto/consent.dto';
import { PrescriptionQueryDto } from './dto/prescription-queries.dto';
import { PrescriptionsService } from './prescriptions.service';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import {
  ConsentRecordDto,
  MyopiaTrendDto,
  PrescriptionDetailDto,
  PrescriptionDto,
} from './dto/prescription.dto';
import { BinocularPdDto, MonocularPdDto } from './dto/record-prescription.dto';

/** The customer's own consents, fitting history and myopia trend. */
// The two shapes of the pupillary distance, referenced by the prescription schemas.
@ApiExtraModels(BinocularPdDto, MonocularPdDto)
@ApiTags('prescriptions')
@Controller('me')
export class PrescriptionsController {
  constructor(
    private readonly prescriptions: PrescriptionsService,
    private readonly consents: ConsentsService,
  ) {}

  @Get('consents')
  @Roles('customer')
  @ApiOperation({ summary: 'List the member’s consents in force' })
  @ApiOkResponse({ type: [ConsentRecordDto] })
  listConsents(@CurrentPrincipal() principal: Principal): Promise<Consent[]> {
    return this.consents.listCurrent(principal.id);
  }

  @Post('consents')
  @Roles('customer')
  @ApiOperation({ summary: 'Give or withdraw a consent' })
  @ApiCreatedResponse({ type: ConsentRecordDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  recordConsent(@CurrentPrincipal() principal: Principal, @Body() body: ConsentDto): Promise<Consent> {
    return this.consents.recordConsent(principal.id, body);
  }

  @Get('prescriptions')
  @Roles('customer')
  @ApiOperation({ summary: 'List the fitting history, newest first' })
  @ApiPageResponse(PrescriptionDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.PROFILE_NOT_FOUND)
  listPrescriptions(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PrescriptionQueryDto,
  ): Promise<Page<Prescription>> {
    return this.prescriptions.listForMember(principal.id, query);
  }

  @Get('prescriptions/:id')
  @Roles('customer')
  @ApiOperation({ summary: 'Get one of the member’s prescriptions with what was bought with it' })
  @ApiOkResponse({ type: PrescriptionDetailDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.PRESCRIPTION_NOT_FOUND)
  getPrescription(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<PrescriptionDetail> {
    return this.prescriptions.getForMember(principal.id, id);
  }

  @Get('profiles/:id/myopia-trend')
  @Roles('customer')
  @ApiOperation({ summary: 'Get a family profile’s myopia trend (SE per exam, yearly progression)' })
  @ApiOkResponse({ type: MyopiaTrendDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.PROFILE_NOT_FOUND)
  getMyopiaTrend(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<MyopiaTrend> {
    return this.prescriptions.trendForMember(principal.id, id);
  }
}

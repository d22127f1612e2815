import '@fastify/multipart';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ErrorCode,
  type Page,
  type StaffTradeIn,
  type TradeIn,
  type TradeInPhoto,
  type TradeInQuote,
  type TradeInRules,
} from '@lensloop/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Public, Roles } from '../../common/auth/roles.decorator';
import { DomainError } from '../../common/domain-error';
import { IdPipe } from '../../common/id.pipe';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import {
  InspectTradeInDto,
  RejectTradeInDto,
  StaffTradeInDto,
  StaffTradeInQueryDto,
  TradeInDto,
  TradeInPhotoDto,
  TradeInQuoteDto,
  TradeInQuoteRequestDto,
  TradeInRequestDto,
  TradeInRulesDto,
} from './dto/trade-in.dto';
import { MAX_PHOTO_BYTES } from './policies/image-type.policy';
import { TradeInsService } from './trade-ins.service';

function invalidPhoto(message: string): DomainError {
  return new DomainError(ErrorCode.TRADE_IN_PHOTO_INVALID, message, [{ field: 'file', message }]);
}

/** The upload's bytes from a multipart body with one part `file`, at most 5 MB. */
async function uploadedBytes(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw invalidPhoto('send the photo as multipart/form-data, field "file"');
  let part;
  try {
    part = await request.file({ limits: { fileSize: MAX_PHOTO_BYTES, files: 1, fields: 0, parts: 1 } });
  } catch {
    throw invalidPhoto('the multipart body could not be read');
  }
  if (!part || part.fieldname !== 'file') throw invalidPhoto('send the photo in the field "file"');
  try {
    return await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new DomainError(ErrorCode.TRADE_IN_PHOTO_TOO_LARGE, 'A photo may be at most 5 MB.', [
        { field: 'file', message: 'at most 5 MB' },
      ]);
    }
    throw invalidPhoto('the photo could not be read');
  }
}

@ApiTags('trade-ins')
@Controller()
export class TradeInsController {
  constructor(private readonly tradeIns: TradeInsService) {}

  /** Public like the catalog: an estimate needs no account and stores nothing. */
  @Post('trade-ins/quote')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Estimate old glasses from the rules table (range in fen, whole yuan)' })
  @ApiOkResponse({ type: TradeInQuoteDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  quoteTradeIn(@Body() body: TradeInQuoteRequestDto): Promise<TradeInQuote> {
    return this.tradeIns.quote(body);
  }

  @Post('trade-ins/photos')
  @Roles('customer')
  @ApiOperation({
    summary: 'Upload a photo of the old glasses (JPEG, PNG or WebP by its bytes, at most 5 MB)',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: TradeInPhotoDto })
  @ApiErrors(ErrorCode.TRADE_IN_PHOTO_INVALID, ErrorCode.TRADE_IN_PHOTO_TOO_LARGE)
  async uploadTradeInPhoto(
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
  ): Promise<TradeInPhoto> {
    return this.tradeIns.uploadPhoto(principal.id, await uploadedBytes(request));
  }

  @Get('trade-in-photos/:id')
  @Roles('customer', ...STAFF_ROLES_ALL)
  @ApiOperation({
    summary: 'Get a trade-in photo: its owner, or staff of the store it is brought to (admin: any)',
  })
  @ApiOkResponse({
    description: 'The image bytes.',
    content: Object.fromEntries(
      ['image/jpeg', 'image/png', 'image/webp'].map((type) => [
        type,
        { schema: { type: 'string', format: 'binary' } },
      ]),
    ),
  })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.TRADE_IN_PHOTO_NOT_FOUND)
  async getTradeInPhoto(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    const { mimeType, bytes } = await this.tradeIns.photoFile(principal, id);
    reply.header('content-type', mimeType);
    reply.header('cache-control', 'private, no-store');
    reply.header('x-content-type-options', 'nosniff');
    return bytes;
  }

  @Post('trade-ins')
  @Roles('customer')
  @ApiOperation({
    summary: 'Submit a trade-in with 1–6 of the member’s uploaded photos; the estimate is kept',
  })
  @ApiCreatedResponse({ type: TradeInDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.STORE_NOT_FOUND,
    ErrorCode.TRADE_IN_PHOTO_NOT_FOUND,
    ErrorCode.TRADE_IN_PHOTO_USED,
  )
  submitTradeIn(@CurrentPrincipal() principal: Principal, @Body() body: TradeInRequestDto): Promise<TradeIn> {
    return this.tradeIns.submit(principal.id, body);
  }

  @Get('me/trade-ins')
  @Roles('customer')
  @ApiOperation({ summary: 'List the member’s trade-ins, newest first' })
  @ApiOkResponse({ type: [TradeInDto] })
  listMyTradeIns(@CurrentPrincipal() principal: Principal): Promise<TradeIn[]> {
    return this.tradeIns.listMine(principal.id);
  }

  @Get('me/trade-ins/:id')
  @Roles('customer')
  @ApiOperation({ summary: 'Get one of the member’s trade-ins' })
  @ApiOkResponse({ type: TradeInDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.TRADE_IN_NOT_FOUND)
  getMyTradeIn(@CurrentPrincipal() principal: Principal, @Param('id', IdPipe) id: number): Promise<TradeIn> {
    return this.tradeIns.getMine(principal.id, id);
  }

  @Post('trade-ins/:id/cancel')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({ summary: 'Cancel a trade-in that has not been inspected yet' })
  @ApiOkResponse({ type: TradeInDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.TRADE_IN_NOT_FOUND, ErrorCode.TRADE_IN_NOT_CHANGEABLE)
  cancelTradeIn(@CurrentPrincipal() principal: Principal, @Param('id', IdPipe) id: number): Promise<TradeIn> {
    return this.tradeIns.cancel(principal.id, id);
  }

  @Get('staff/trade-ins')
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({
    summary: 'List the trade-ins brought to the caller’s store (admin: every store), newest first',
  })
  @ApiPageResponse(StaffTradeInDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listStoreTradeIns(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StaffTradeInQueryDto,
  ): Promise<Page<StaffTradeIn>> {
    return this.tradeIns.listForStaff(principal, query);
  }

  @Get('staff/trade-ins/:id')
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Get a trade-in of the caller’s store (admin: any)' })
  @ApiOkResponse({ type: StaffTradeInDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.TRADE_IN_NOT_FOUND)
  getStoreTradeIn(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<StaffTradeIn> {
    return this.tradeIns.getForStaff(principal, id);
  }

  @Post('staff/trade-ins/:id/inspect')
  @HttpCode(200)
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({
    summary: 'Inspect a submitted trade-in: the final amount inside its estimate becomes a credit coupon',
    description:
      'One transaction: status `credited`, a coupon of `finalAmount` off frames and lenses valid 90 days, `TradeInCredited`. Of racing inspections exactly one credits.',
  })
  @ApiOkResponse({ type: StaffTradeInDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.TRADE_IN_NOT_FOUND,
    ErrorCode.TRADE_IN_NOT_CHANGEABLE,
    ErrorCode.TRADE_IN_AMOUNT_OUT_OF_RANGE,
  )
  inspectTradeIn(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: InspectTradeInDto,
  ): Promise<StaffTradeIn> {
    return this.tradeIns.inspect(principal, id, body);
  }

  @Post('staff/trade-ins/:id/reject')
  @HttpCode(200)
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Reject a submitted trade-in with a reason' })
  @ApiOkResponse({ type: StaffTradeInDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.TRADE_IN_NOT_FOUND, ErrorCode.TRADE_IN_NOT_CHANGEABLE)
  rejectTradeIn(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: RejectTradeInDto,
  ): Promise<StaffTradeIn> {
    return this.tradeIns.reject(principal, id, body.reason);
  }

  @Get('admin/trade-in/rules')
  @Roles('admin')
  @ApiOperation({ summary: 'Get the trade-in estimate table' })
  @ApiOkResponse({ type: TradeInRulesDto })
  getTradeInRules(): Promise<TradeInRules> {
    return this.tradeIns.getRules();
  }

  @Put('admin/trade-in/rules')
  @Roles('admin')
  @ApiOperation({
    summary: 'Replace the trade-in estimate table',
    description:
      'Every category × brand tier once with min ≤ max (fen); percents 0–200; age bands strictly ascending, the last reaching 30 years. Submitted trade-ins keep their estimate.',
  })
  @ApiOkResponse({ type: TradeInRulesDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  putTradeInRules(@Body() body: TradeInRulesDto): Promise<TradeInRules> {
    return this.tradeIns.putRules(body);
  }
}

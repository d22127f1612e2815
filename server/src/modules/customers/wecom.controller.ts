import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type WecomContactWay } from '@lensloop/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, Roles } from '../../common/auth/roles.decorator';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { WecomContactWayDto } from './dto/customer-requests.dto';
import { WecomContactWayResultDto } from './dto/customer.dto';
import { WecomService, type CallbackQuery } from './wecom.service';

const CALLBACK_ERRORS = [
  ErrorCode.WECOM_NOT_CONFIGURED,
  ErrorCode.WECOM_SIGNATURE_INVALID,
  ErrorCode.WECOM_CALLBACK_REPLAYED,
  ErrorCode.WECOM_CALLBACK_MALFORMED,
] as const;

@ApiTags('wecom')
@Controller()
export class WecomController {
  constructor(private readonly wecom: WecomService) {}

  @Post('admin/wecom/contact-ways')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({
    summary: 'Create a WeCom contact-way code for a staff member or a store (its state attributes the owner)',
  })
  @ApiOkResponse({ type: WecomContactWayResultDto })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.WECOM_NOT_CONFIGURED,
    ErrorCode.TRANSFER_STAFF_INVALID,
    ErrorCode.STORE_NOT_FOUND,
    ErrorCode.WECHAT_UNAVAILABLE,
  )
  createWecomContactWay(@Body() body: WecomContactWayDto): Promise<WecomContactWay> {
    return this.wecom.createContactWay(body);
  }

  @Get('wecom/callback')
  @Public()
  @ApiOperation({ summary: 'Answer WeCom’s callback URL check (signed, encrypted echostr)' })
  @ApiProduces('text/plain')
  @ApiQuery({ name: 'msg_signature', required: true })
  @ApiQuery({ name: 'timestamp', required: true })
  @ApiQuery({ name: 'nonce', required: true })
  @ApiQuery({ name: 'echostr', required: true })
  @ApiOkResponse({ description: 'The decrypted echostr.', schema: { type: 'string' } })
  @ApiErrors(...CALLBACK_ERRORS)
  async verifyWecomCallback(@Query() query: CallbackQuery, @Res() reply: FastifyReply): Promise<void> {
    await reply.header('content-type', 'text/plain').send(this.wecom.verifyUrl(query));
  }

  @Post('wecom/callback')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Receive a WeCom callback (XML, AES-256-CBC body); handled from the outbox' })
  @ApiProduces('text/plain')
  @ApiQuery({ name: 'msg_signature', required: true })
  @ApiQuery({ name: 'timestamp', required: true })
  @ApiQuery({ name: 'nonce', required: true })
  @ApiOkResponse({ description: '`success`', schema: { type: 'string' } })
  @ApiErrors(...CALLBACK_ERRORS)
  async receiveWecomCallback(
    @Query() query: CallbackQuery,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const body = typeof request.body === 'string' ? request.body : '';
    await this.wecom.receive(query, body);
    await reply.header('content-type', 'text/plain').send('success');
  }
}

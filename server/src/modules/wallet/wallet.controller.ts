import { Body, Controller, Get, Post, Put, Query } from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  ErrorCode,
  type Page,
  type TopUpStarted,
  type WalletBalance,
  type WalletLedgerEntry,
  type WalletPlan,
} from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Public, Roles } from '../../common/auth/roles.decorator';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse, oneOfModels } from '../../common/openapi/api-responses.decorator';
import { PageQueryDto } from '../../common/pagination';
import { createValidationPipe } from '../../common/validation';
import { OrderPaidDto, PaymentPendingDto } from '../payments/dto/pay-order-response.dto';
import {
  ReplaceWalletPlansDto,
  TopUpRequestDto,
  TopUpStartedDto,
  WalletBalanceDto,
  WalletLedgerEntryDto,
  WalletPlanDto,
  WalletPlanInputDto,
  WalletPlansQueryDto,
} from './dto/wallet.dto';
import { WalletTopUpsService } from './wallet-top-ups.service';
import { WalletService } from './wallet.service';

@ApiTags('wallet')
@Controller()
export class WalletController {
  private readonly validation = createValidationPipe();

  constructor(
    private readonly wallet: WalletService,
    private readonly topUps: WalletTopUpsService,
  ) {}

  @Get('wallet/plans')
  @Public()
  @ApiOperation({ summary: 'List the top-up plans, flagging the smallest whose credit covers orderAmount' })
  @ApiOkResponse({ type: [WalletPlanDto] })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listWalletPlans(@Query() query: WalletPlansQueryDto): Promise<WalletPlan[]> {
    return this.wallet.listPlans(query.orderAmount);
  }

  @Get('me/wallet')
  @Roles('customer')
  @ApiOperation({ summary: 'Get the member’s stored value: balance, principal and bonus' })
  @ApiOkResponse({ type: WalletBalanceDto })
  getMyWallet(@CurrentPrincipal() principal: Principal): Promise<WalletBalance> {
    return this.wallet.balanceOf(principal.id);
  }

  @Get('me/wallet/ledger')
  @Roles('customer')
  @ApiOperation({ summary: 'List the member’s wallet ledger, newest first (the entries sum to the balance)' })
  @ApiPageResponse(WalletLedgerEntryDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listMyWalletLedger(
    @CurrentPrincipal() principal: Principal,
    @Query() query: PageQueryDto,
  ): Promise<Page<WalletLedgerEntry>> {
    return this.wallet.ledgerOf(principal.id, query);
  }

  @Post('me/wallet/top-ups')
  @Roles('customer')
  @ApiOperation({
    summary: 'Top up the wallet: a top-up order paid like any order; the wallet is credited when it is paid',
  })
  @ApiExtraModels(TopUpStartedDto, OrderPaidDto, PaymentPendingDto)
  @ApiCreatedResponse({
    schema: {
      allOf: [
        { $ref: getSchemaPath(TopUpStartedDto) },
        {
          type: 'object',
          required: ['payment'],
          properties: { payment: oneOfModels(OrderPaidDto, PaymentPendingDto) },
        },
      ],
    },
  })
  @ApiErrors(
    ErrorCode.VALIDATION_FAILED,
    ErrorCode.WALLET_PLAN_NOT_FOUND,
    ErrorCode.STORE_NOT_FOUND,
    ErrorCode.PAYMENT_REJECTED,
    ErrorCode.PAYMENT_RATE_LIMITED,
    ErrorCode.WECHAT_UNAVAILABLE,
  )
  startTopUp(@CurrentPrincipal() principal: Principal, @Body() body: TopUpRequestDto): Promise<TopUpStarted> {
    return this.topUps.start(principal.id, body.planId, body.storeId);
  }

  @Get('admin/wallet/plans')
  @Roles('admin')
  @ApiOperation({ summary: 'List the active top-up plans' })
  @ApiOkResponse({ type: [WalletPlanDto] })
  listAdminWalletPlans(): Promise<WalletPlan[]> {
    return this.wallet.listPlans();
  }

  @Put('admin/wallet/plans')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the active top-up plans (earlier top-ups keep their plan)' })
  @ApiBody({ type: [WalletPlanInputDto] })
  @ApiOkResponse({ type: [WalletPlanDto] })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.WALLET_PLAN_INVALID)
  async replaceWalletPlans(@Body() body: unknown): Promise<WalletPlan[]> {
    const { plans } = (await this.validation.transform(
      { plans: body },
      { type: 'body', metatype: ReplaceWalletPlansDto },
    )) as ReplaceWalletPlansDto;
    return this.wallet.replacePlans(plans);
  }
}

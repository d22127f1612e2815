import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  ErrorCode,
  type Inbox,
  type ReminderBackfillStatus,
  type InboxItem,
  type ReminderReport,
  type ReminderRules,
  type ReminderSettings,
  type SubscriptionBalance,
  type SubscriptionTemplate,
} from '@lensloop/shared';
import type { Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { PageQueryDto } from '../../common/pagination';
import {
  InboxDto,
  InboxItemDto,
  ReminderBackfillStatusDto,
  ReminderReportDto,
  ReminderRulesDto,
  ReminderSettingsDto,
  SubscribeDto,
  SubscriptionBalanceDto,
  SubscriptionTemplateDto,
  UpdateReminderSettingsDto,
} from './dto/reminder.dto';
import { ReminderBackfillJob } from './reminder-backfill.job';
import { ReminderConfigService } from './reminder-config.service';
import { RemindersService } from './reminders.service';

@ApiTags('reminders')
@Controller()
export class RemindersController {
  constructor(
    private readonly reminders: RemindersService,
    private readonly config: ReminderConfigService,
    private readonly backfill: ReminderBackfillJob,
  ) {}

  @Get('me/inbox')
  @Roles('customer')
  @ApiOperation({ summary: 'List the member’s in-app notices, newest first, with the unread count' })
  @ApiOkResponse({ type: InboxDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  getInbox(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<Inbox> {
    return this.reminders.listInbox(principal.id, query);
  }

  @Post('me/inbox/:id/read')
  @HttpCode(200)
  @Roles('customer')
  @ApiOperation({ summary: 'Mark one of the member’s notices read' })
  @ApiOkResponse({ type: InboxItemDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.INBOX_ITEM_NOT_FOUND)
  markInboxItemRead(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<InboxItem> {
    return this.reminders.markRead(principal.id, id);
  }

  @Get('subscription-templates')
  @Roles('customer')
  @ApiOperation({ summary: 'List the subscribe-message templates (keys and WeChat template ids)' })
  @ApiOkResponse({ type: [SubscriptionTemplateDto] })
  listSubscriptionTemplates(): SubscriptionTemplate[] {
    return this.reminders.listTemplates();
  }

  @Post('me/subscriptions')
  @Roles('customer')
  @ApiOperation({
    summary: 'Record one-time subscribe-message grants the member accepted in wx.requestSubscribeMessage',
  })
  @ApiCreatedResponse({ type: [SubscriptionBalanceDto] })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.SUBSCRIPTION_TEMPLATE_UNKNOWN)
  subscribe(
    @CurrentPrincipal() principal: Principal,
    @Body() body: SubscribeDto,
  ): Promise<SubscriptionBalance[]> {
    return this.reminders.subscribe(principal.id, body.templateKeys);
  }

  @Get('me/subscriptions')
  @Roles('customer')
  @ApiOperation({ summary: 'The member’s unused one-time grants per template' })
  @ApiOkResponse({ type: [SubscriptionBalanceDto] })
  listSubscriptions(@CurrentPrincipal() principal: Principal): Promise<SubscriptionBalance[]> {
    return this.reminders.balances(principal.id);
  }

  @Get('me/reminder-settings')
  @Roles('customer')
  @ApiOperation({ summary: 'The kinds of reminder the member muted' })
  @ApiOkResponse({ type: ReminderSettingsDto })
  getReminderSettings(@CurrentPrincipal() principal: Principal): Promise<ReminderSettings> {
    return this.reminders.getSettings(principal.id);
  }

  @Put('me/reminder-settings')
  @Roles('customer')
  @ApiOperation({
    summary: 'Mute kinds of care and marketing reminders (transactional notices cannot be muted)',
  })
  @ApiOkResponse({ type: ReminderSettingsDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.REMINDER_KIND_NOT_MUTABLE)
  updateReminderSettings(
    @CurrentPrincipal() principal: Principal,
    @Body() body: UpdateReminderSettingsDto,
  ): Promise<ReminderSettings> {
    return this.reminders.updateSettings(principal.id, body.muted);
  }

  @Get('admin/reminder-rules')
  @Roles('admin')
  @ApiOperation({ summary: 'The care-reminder rules, marketing cap, quiet hours and 1-to-1 segment' })
  @ApiOkResponse({ type: ReminderRulesDto })
  getReminderRules(): Promise<ReminderRules> {
    return this.config.get();
  }

  @Put('admin/reminder-rules')
  @Roles('admin')
  @ApiOperation({ summary: 'Replace the care-reminder rules, marketing cap, quiet hours and 1-to-1 segment' })
  @ApiOkResponse({ type: ReminderRulesDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.REMINDER_RULES_INVALID)
  async updateReminderRules(@Body() body: ReminderRulesDto): Promise<ReminderRules> {
    const { rules, purchaseRulesChanged } = await this.config.update({
      ...body,
      oneToOneSegmentId: body.oneToOneSegmentId ?? null,
    });
    // Waiting cleaning and refill reminders move to the new rule.
    if (purchaseRulesChanged) await this.backfill.start();
    return rules;
  }

  @Post('admin/reminders/backfill')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({
    summary:
      'Schedule the care reminders of every completed purchase so far (after an import); the reminder-backfill job does it in pages',
  })
  @ApiAcceptedResponse({ type: ReminderBackfillStatusDto })
  startBackfill(): Promise<ReminderBackfillStatus> {
    return this.backfill.start();
  }

  @Get('admin/reminders/backfill')
  @Roles('admin')
  @ApiOperation({ summary: 'How far the purchase backfill has got' })
  @ApiOkResponse({ type: ReminderBackfillStatusDto })
  getBackfill(): Promise<ReminderBackfillStatus> {
    return this.backfill.status();
  }

  @Get('admin/reminder-report')
  @Roles('admin')
  @ApiOperation({
    summary: 'What became of the reminders, by rule: scheduled, sent, deferred, capped, muted, failed',
  })
  @ApiOkResponse({ type: ReminderReportDto })
  getReminderReport(): Promise<ReminderReport> {
    return this.reminders.report();
  }
}

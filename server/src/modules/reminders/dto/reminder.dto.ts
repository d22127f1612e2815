import { ApiProperty } from '@nestjs/swagger';
import {
  REMINDER_CATEGORIES,
  REMINDER_KINDS,
  type Inbox,
  type InboxItem,
  type QuietHours,
  type ReminderCategory,
  type ReminderExport,
  type ReminderKind,
  type ReminderBackfillStatus,
  type ReminderReport,
  type ReminderReportRow,
  type ReminderRule,
  type ReminderRules,
  type ReminderSettings,
  type ReminderSettingsUpdate,
  type SubscribeRequest,
  type SubscriptionBalance,
  type SubscriptionTemplate,
} from '@lensloop/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MAX_ID } from '../../../common/id.pipe';

export class InboxItemDto implements InboxItem {
  @ApiProperty()
  id: number;

  @ApiProperty({ enum: REMINDER_KINDS })
  kind: ReminderKind;

  @ApiProperty({ enum: REMINDER_CATEGORIES })
  category: ReminderCategory;

  @ApiProperty({ example: '视力复查提醒' })
  title: string;

  @ApiProperty({ example: '小明的视力复查到期了（上次验光 2026-06-01），建议预约复查，关注近视变化。' })
  body: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt: string | null;
}

export class InboxDto implements Inbox {
  @ApiProperty({ type: [InboxItemDto] })
  items: InboxItemDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;

  @ApiProperty({ description: 'Unread items in the whole inbox (the badge on 我的).' })
  unread: number;
}

export class SubscriptionTemplateDto implements SubscriptionTemplate {
  @ApiProperty({ example: 'order_status' })
  key: string;

  @ApiProperty({ description: 'For `wx.requestSubscribeMessage({ tmplIds })`.' })
  templateId: string;

  @ApiProperty({ example: '订单状态通知' })
  title: string;

  @ApiProperty({ enum: REMINDER_KINDS, isArray: true })
  kinds: ReminderKind[];
}

export class SubscribeDto implements SubscribeRequest {
  @ApiProperty({ type: [String], description: 'Keys of `GET /subscription-templates` the member accepted.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  templateKeys: string[];
}

export class SubscriptionBalanceDto implements SubscriptionBalance {
  @ApiProperty()
  templateKey: string;

  @ApiProperty({ description: 'Unused one-time grants (each subscribe message sent uses one).' })
  available: number;
}

export class ReminderSettingsDto implements ReminderSettings {
  @ApiProperty({ enum: REMINDER_KINDS, isArray: true })
  muted: ReminderKind[];

  @ApiProperty({ enum: REMINDER_KINDS, isArray: true, description: 'The kinds that can be muted.' })
  mutable: ReminderKind[];
}

export class UpdateReminderSettingsDto implements ReminderSettingsUpdate {
  @ApiProperty({
    type: [String],
    description: 'The kinds to mute (care and marketing only); [] unmutes all.',
  })
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 32, { each: true })
  muted: string[];
}

export class ReminderRuleDto implements ReminderRule {
  @ApiProperty({ enum: REMINDER_KINDS })
  @IsIn(REMINDER_KINDS)
  kind: ReminderKind;

  @ApiProperty()
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 24 })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(24)
  intervalMonths: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 1, maximum: 24 })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(24)
  fastIntervalMonths: number | null;

  @ApiProperty({ type: Number, nullable: true, minimum: 0, maximum: 30 })
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(30)
  leadDays: number | null;
}

export class MarketingCapDto {
  @ApiProperty({ minimum: 1, maximum: 50, example: 2 })
  @IsInt()
  @Min(1)
  @Max(50)
  count: number;

  @ApiProperty({ minimum: 1, maximum: 90, example: 7 })
  @IsInt()
  @Min(1)
  @Max(90)
  days: number;
}

export class QuietHoursDto implements QuietHours {
  @ApiProperty({ example: '21:00' })
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/)
  start: string;

  @ApiProperty({ example: '09:00' })
  @IsString()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/)
  end: string;

  @ApiProperty({ enum: ['Asia/Shanghai'] })
  @IsIn(['Asia/Shanghai'])
  timeZone: 'Asia/Shanghai';
}

export class ReminderRulesDto implements ReminderRules {
  @ApiProperty({ type: [ReminderRuleDto] })
  @IsArray()
  @ArrayMaxSize(REMINDER_KINDS.length)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ReminderRuleDto)
  rules: ReminderRuleDto[];

  @ApiProperty({ type: MarketingCapDto })
  @IsObject()
  @ValidateNested()
  @Type(() => MarketingCapDto)
  marketingCap: MarketingCapDto;

  @ApiProperty({ type: QuietHoursDto })
  @IsObject()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours: QuietHoursDto;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The 1-to-1 segment; null: the default (value×tenure core or purchase class D).',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  oneToOneSegmentId: number | null;
}

export class ReminderReportRowDto implements ReminderReportRow {
  @ApiProperty({ enum: REMINDER_KINDS })
  kind: ReminderKind;

  @ApiProperty() scheduled: number;
  @ApiProperty() pending: number;
  @ApiProperty() sent: number;
  @ApiProperty() inbox: number;
  @ApiProperty() tasks: number;
  @ApiProperty() deferred: number;
  @ApiProperty() capped: number;
  @ApiProperty() muted: number;
  @ApiProperty() failed: number;
}

export class ReminderReportTotalsDto {
  @ApiProperty() scheduled: number;
  @ApiProperty() pending: number;
  @ApiProperty() sent: number;
  @ApiProperty() inbox: number;
  @ApiProperty() tasks: number;
  @ApiProperty() deferred: number;
  @ApiProperty() capped: number;
  @ApiProperty() muted: number;
  @ApiProperty() failed: number;
}

export class ReminderReportDto implements ReminderReport {
  @ApiProperty({ type: [ReminderReportRowDto] })
  rows: ReminderReportRowDto[];

  @ApiProperty({ type: ReminderReportTotalsDto })
  totals: ReminderReportTotalsDto;
}

export class ReminderBackfillStatusDto implements ReminderBackfillStatus {
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: string | null;

  @ApiProperty({ description: 'The last order id the run has done' })
  position: number;

  @ApiProperty({ description: 'The run covers the orders up to this id' })
  upToOrderId: number;

  @ApiProperty()
  done: boolean;
}

class ReminderGrantExportDto {
  @ApiProperty() templateKey: string;
  @ApiProperty({ format: 'date-time' }) grantedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) usedAt: string | null;
}

class ReminderOccurrenceExportDto {
  @ApiProperty({ enum: REMINDER_KINDS }) kind: ReminderKind;
  @ApiProperty({ example: 'profile:12' }) subject: string;
  @ApiProperty({ format: 'date' }) dueDate: string;
  @ApiProperty() status: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
}

export class ReminderExportDto implements ReminderExport {
  @ApiProperty({ enum: REMINDER_KINDS, isArray: true })
  muted: ReminderKind[];

  @ApiProperty({ type: [ReminderGrantExportDto] })
  subscriptions: ReminderGrantExportDto[];

  @ApiProperty({ type: [InboxItemDto] })
  inbox: InboxItemDto[];

  @ApiProperty({ type: [ReminderOccurrenceExportDto] })
  occurrences: ReminderOccurrenceExportDto[];
}

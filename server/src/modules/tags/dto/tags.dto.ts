import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  COMMUNITY_KINDS,
  KPI_PERIODS,
  PURCHASE_CLASSES,
  QUADRANTS,
  type Community,
  type CommunityInput,
  type CommunityKind,
  type Dashboard,
  type KpiPeriod,
  type Leaderboard,
  type MyCommunity,
  type MyCustomer,
  type MyCustomersQuery,
  type PurchaseClass,
  type Quadrant,
  type Segment,
  type SegmentCount,
  type SegmentFilter,
  type SegmentInput,
  type SegmentSummary,
  type StaffKpis,
  type TagRules,
  type TagsExport,
} from '@lensloop/shared';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_ID } from '../../../common/id.pipe';
import { PageQueryDto } from '../../../common/pagination';

const FILTER_EXAMPLE = {
  all: [{ tag: 'D类' }, { field: 'homeStoreId', op: 'eq', value: 1 }, { not: { tag: '高度近视' } }],
};

export class AddTagDto {
  @ApiProperty({ example: 'KOC', description: 'The manual tag; 1 to 32 characters.' })
  @IsString()
  @Length(1, 32)
  name: string;
}

export class TagRulesDto implements TagRules {
  @ApiProperty({
    example: 365,
    description: 'Days since the first purchase from which a buyer is long-standing.',
  })
  @IsInt()
  @Min(1)
  @Max(3_650)
  longTenureDays: number;

  @ApiProperty({ example: 300_000, description: 'Net spend (fen) from which a long-standing buyer is core.' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  coreSpend: number;

  @ApiProperty({ example: 100_000, description: 'Net spend (fen) from which a new buyer is lock-in.' })
  @IsInt()
  @Min(0)
  @Max(1_000_000_000)
  lockInSpend: number;

  @ApiProperty({ example: 2, description: 'Purchases from which a buyer is class C.' })
  @IsInt()
  @Min(2)
  @Max(100)
  classCFrom: number;

  @ApiProperty({ example: 3, description: 'Purchases from which a buyer is class D (more than classCFrom).' })
  @IsInt()
  @Min(3)
  @Max(101)
  classDFrom: number;
}

export class CreateSegmentDto implements SegmentInput {
  @ApiProperty({ example: '本店 D 类非高度近视' })
  @IsString()
  @Length(1, 64)
  name: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: FILTER_EXAMPLE,
    description:
      '`{ all: [F…] } | { any: [F…] } | { not: F } | { tag: name } | { field, op: eq|gte|lte|in, value }`; fields: purchaseClass, quadrant, purchases, spend, channel, homeStoreId, region, ownerStaffId, registeredAt, lastPurchaseAt.',
  })
  @IsObject()
  filter: SegmentFilter;
}

export class SegmentDto implements Segment {
  @ApiProperty()
  id: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: FILTER_EXAMPLE })
  filter: SegmentFilter;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class SegmentSummaryDto implements SegmentSummary {
  @ApiProperty()
  id: number;

  @ApiProperty()
  name: string;
}

export class SegmentCountDto implements SegmentCount {
  @ApiProperty()
  count: number;
}

export class MyCustomersQueryDto extends PageQueryDto implements MyCustomersQuery {
  @ApiPropertyOptional({ description: 'Only customers with this tag.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  tag?: string;

  @ApiPropertyOptional({ description: 'Only customers in this saved segment.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  segmentId?: number;
}

export class MyCustomerDto implements MyCustomer {
  @ApiProperty()
  id: number;

  @ApiProperty({ type: String, nullable: true })
  nickname: string | null;

  @ApiProperty({ enum: PURCHASE_CLASSES })
  purchaseClass: PurchaseClass;

  @ApiProperty({ enum: QUADRANTS, nullable: true })
  quadrant: Quadrant | null;

  @ApiProperty({ type: [String] })
  tags: string[];
}

export class LeaderboardQueryDto {
  @ApiPropertyOptional({ enum: ['week', 'month'], default: 'week' })
  @IsOptional()
  @IsIn(['week', 'month'])
  period?: 'week' | 'month';

  @ApiPropertyOptional({ description: 'A store (default: the caller’s; all stores for HQ).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  storeId?: number;
}

export class DashboardQueryDto {
  @ApiPropertyOptional({ enum: KPI_PERIODS, default: 'day' })
  @IsOptional()
  @IsIn(KPI_PERIODS)
  period?: KpiPeriod;

  @ApiPropertyOptional({ description: 'HQ only: one store (managers always see their own).' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  storeId?: number;
}

export class StaffKpisDto implements StaffKpis {
  @ApiProperty()
  staffId: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: Number, nullable: true })
  storeId: number | null;

  @ApiProperty()
  membersAdded: number;

  @ApiProperty()
  couponsRedeemed: number;

  @ApiProperty()
  orders: number;

  @ApiProperty({
    description:
      'Fen: paid goods orders of the staff member’s customers (owner when paid), less refunded ones.',
  })
  sales: number;

  @ApiProperty()
  referrals: number;

  @ApiProperty()
  tasksDone: number;

  @ApiProperty({ description: '1 = best (sales, then members added, then orders; ties share a rank).' })
  rank: number;
}

export class LeaderboardDto implements Leaderboard {
  @ApiProperty({ enum: ['week', 'month'] })
  period: 'week' | 'month';

  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty({ type: Number, nullable: true })
  storeId: number | null;

  @ApiProperty({ type: [StaffKpisDto] })
  items: StaffKpisDto[];
}

export class ChannelCountDto {
  @ApiProperty()
  channel: string;

  @ApiProperty()
  membersAdded: number;
}

export class DashboardDto implements Dashboard {
  @ApiProperty({ enum: KPI_PERIODS })
  period: KpiPeriod;

  @ApiProperty({ format: 'date-time' })
  from: string;

  @ApiProperty({ format: 'date-time' })
  to: string;

  @ApiProperty({ type: Number, nullable: true })
  storeId: number | null;

  @ApiProperty()
  membersAdded: number;

  @ApiProperty()
  activeMembers: number;

  @ApiProperty({ description: 'Share (0…1) of the period’s buyers with two or more purchases.' })
  repeatPurchaseRate: number;

  @ApiProperty()
  couponsRedeemed: number;

  @ApiProperty()
  sales: number;

  @ApiProperty({ type: [ChannelCountDto] })
  byChannel: ChannelCountDto[];

  @ApiProperty({ type: [StaffKpisDto] })
  byStaff: StaffKpisDto[];
}

export class CommunityInputDto implements CommunityInput {
  @ApiProperty({ enum: COMMUNITY_KINDS })
  @IsIn(COMMUNITY_KINDS)
  kind: CommunityKind;

  @ApiProperty({ example: '近视防控家长群' })
  @IsString()
  @Length(1, 64)
  name: string;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Store groups: the store.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  storeId?: number | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Interest groups: the tag they are for.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  tag?: string | null;

  @ApiProperty({ example: 'https://static.example.com/groups/parents.png' })
  @IsString()
  @Length(1, 500)
  qrImageUrl: string;

  @ApiProperty({ example: '欢迎加入近视防控家长群！' })
  @IsString()
  @Length(1, 500)
  welcomeText: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'The WeCom group chat id.' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  chatId?: string | null;
}

export class CommunityDto implements Community {
  @ApiProperty()
  id: number;

  @ApiProperty({ enum: COMMUNITY_KINDS })
  kind: CommunityKind;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: Number, nullable: true })
  storeId: number | null;

  @ApiProperty({ type: String, nullable: true })
  tag: string | null;

  @ApiProperty()
  qrImageUrl: string;

  @ApiProperty()
  welcomeText: string;

  @ApiProperty({ type: String, nullable: true })
  chatId: string | null;

  @ApiProperty({ description: 'Members in the group now.' })
  members: number;
}

export class MyCommunityDto implements MyCommunity {
  @ApiProperty()
  id: number;

  @ApiProperty({ enum: COMMUNITY_KINDS })
  kind: CommunityKind;

  @ApiProperty()
  name: string;

  @ApiProperty()
  qrImageUrl: string;

  @ApiProperty()
  welcomeText: string;

  @ApiProperty()
  joined: boolean;
}

export class ExportedTagDto {
  @ApiProperty()
  name: string;

  @ApiProperty()
  auto: boolean;

  @ApiProperty({ type: String, nullable: true })
  reason: string | null;
}

export class ExportedCommunityDto {
  @ApiProperty()
  name: string;

  @ApiProperty({ format: 'date-time' })
  joinedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  leftAt: string | null;
}

export class TagsExportDto implements TagsExport {
  @ApiProperty({ type: [ExportedTagDto] })
  tags: ExportedTagDto[];

  @ApiProperty({ type: [ExportedCommunityDto] })
  communities: ExportedCommunityDto[];
}

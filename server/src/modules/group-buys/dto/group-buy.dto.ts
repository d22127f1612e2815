import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  FULFILMENTS,
  PRODUCT_CATEGORIES,
  type Fulfilment,
  type GroupBuyCampaign,
  type GroupBuyCampaignInput,
  type GroupBuyCampaignPatch,
  type GroupBuyCampaignStatus,
  type GroupBuyExport,
  type GroupBuyGroup,
  type GroupBuyReport,
  type GroupBuyReportRow,
  type GroupJoinResult,
  type GroupMember,
  type GroupStatus,
  type JoinGroupRequest,
  type MyGroup,
  type ProductCategory,
  type RedeemedVoucher,
  type RedeemVoucherRequest,
  type SeatStatus,
  type ServiceVoucher,
  type VoucherStatus,
} from '@lensloop/shared';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_ID } from '../../../common/id.pipe';
import { OrderDto } from '../../orders/dto/order.dto';

const GROUP_STATUSES: GroupStatus[] = ['open', 'complete', 'failed'];
const SEAT_STATUSES: SeatStatus[] = ['pending', 'paid', 'released', 'refunded'];
const VOUCHER_STATUSES: VoucherStatus[] = ['unused', 'redeemed'];
const CAMPAIGN_STATUSES: GroupBuyCampaignStatus[] = ['scheduled', 'active', 'ended'];

export class GroupBuyCampaignInputDto implements GroupBuyCampaignInput {
  @ApiProperty({ example: '双人拼团 · 镜框 99 元' })
  @IsString()
  @Length(1, 60)
  name: string;

  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  skuId: number;

  @ApiProperty({ description: 'Price of a seat, fen; 0 for a free service.', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  groupPrice: number;

  @ApiProperty({ minimum: 2, maximum: 10 })
  @IsInt()
  @Min(2)
  @Max(10)
  groupSize: number;

  @ApiProperty({ minimum: 1, maximum: 720, description: 'Hours a group has to fill once opened.' })
  @IsInt()
  @Min(1)
  @Max(720)
  hoursToComplete: number;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  endsAt: string;

  @ApiPropertyOptional({ minimum: 1, description: 'Groups that may be opened in all; absent: no limit.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  maxGroups?: number;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @IsInt()
  @Min(1)
  @Max(100)
  perMemberLimit: number;

  @ApiProperty()
  @IsBoolean()
  newMembersOnly: boolean;
}

export class GroupBuyCampaignPatchDto implements GroupBuyCampaignPatch {
  @ApiProperty({ description: 'true ends the campaign now (open groups run to their deadline).' })
  @IsBoolean()
  @IsIn([true])
  ended: boolean;
}

export class GroupBuyCampaignDto implements GroupBuyCampaign {
  @ApiProperty() id: number;
  @ApiProperty() name: string;
  @ApiProperty() skuId: number;
  @ApiProperty() productId: number;
  @ApiProperty() productName: string;
  @ApiProperty({ enum: PRODUCT_CATEGORIES }) category: ProductCategory;
  @ApiProperty() imageUrl: string;
  @ApiProperty({ description: 'The SKU’s usual price, fen.' }) listPrice: number;
  @ApiProperty({ description: 'fen' }) groupPrice: number;
  @ApiProperty() groupSize: number;
  @ApiProperty() hoursToComplete: number;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ type: Number, nullable: true }) maxGroups: number | null;
  @ApiProperty() groupsOpened: number;
  @ApiProperty() perMemberLimit: number;
  @ApiProperty() newMembersOnly: boolean;
  @ApiProperty({ enum: CAMPAIGN_STATUSES }) status: GroupBuyCampaignStatus;
  @ApiProperty({ description: 'A complete group gets a service voucher per member (a service product).' })
  voucher: boolean;
}

export class GroupMemberDto implements GroupMember {
  @ApiProperty({ example: '张*丰' }) nicknameMasked: string;
  @ApiProperty({ type: String, nullable: true }) avatarUrl: string | null;
  @ApiProperty() leader: boolean;
  @ApiProperty() paid: boolean;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}

export class GroupBuyGroupDto implements GroupBuyGroup {
  @ApiProperty() id: number;
  @ApiProperty() campaignId: number;
  @ApiProperty() campaignName: string;
  @ApiProperty() productName: string;
  @ApiProperty() imageUrl: string;
  @ApiProperty() listPrice: number;
  @ApiProperty() groupPrice: number;
  @ApiProperty() size: number;
  @ApiProperty() seatsLeft: number;
  @ApiProperty() paidCount: number;
  @ApiProperty({ format: 'date-time' }) deadline: string;
  @ApiProperty({ enum: GROUP_STATUSES }) status: GroupStatus;
  @ApiProperty({ type: [GroupMemberDto] }) members: GroupMemberDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt: string | null;
}

export class MyGroupDto extends GroupBuyGroupDto implements MyGroup {
  @ApiProperty() orderId: number;
  @ApiProperty({ enum: SEAT_STATUSES }) seatStatus: SeatStatus;
  @ApiProperty() leader: boolean;
}

export class JoinGroupRequestDto implements JoinGroupRequest {
  @ApiProperty()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  storeId: number;

  @ApiProperty({ enum: FULFILMENTS })
  @IsIn(FULFILMENTS)
  fulfilment: Fulfilment;
}

export class GroupJoinResultDto implements GroupJoinResult {
  @ApiProperty({ type: GroupBuyGroupDto }) group: GroupBuyGroupDto;
  @ApiProperty({ type: OrderDto }) order: OrderDto;
}

export class ServiceVoucherDto implements ServiceVoucher {
  @ApiProperty() id: number;
  @ApiProperty({ example: 'GV7K2M9QXAPD' }) code: string;
  @ApiProperty({ enum: VOUCHER_STATUSES }) status: VoucherStatus;
  @ApiProperty() productName: string;
  @ApiProperty({ example: '2027-03-01' }) validTo: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) redeemedAt: string | null;
}

export class RedeemedVoucherDto extends ServiceVoucherDto implements RedeemedVoucher {
  @ApiProperty() memberId: number;
  @ApiProperty({ type: Number, nullable: true }) storeId: number | null;
}

export class RedeemVoucherDto implements RedeemVoucherRequest {
  @ApiProperty({ example: 'GV7K2M9QXAPD' })
  @IsString()
  @Length(4, 32)
  code: string;
}

export class GroupBuyReportRowDto implements GroupBuyReportRow {
  @ApiProperty() campaignId: number;
  @ApiProperty() name: string;
  @ApiProperty() open: number;
  @ApiProperty() complete: number;
  @ApiProperty() failed: number;
}

export class GroupBuyReportDto implements GroupBuyReport {
  @ApiProperty({ type: [GroupBuyReportRowDto] }) campaigns: GroupBuyReportRowDto[];
}

class GroupBuySeatExportDto {
  @ApiProperty() groupId: number;
  @ApiProperty() campaignName: string;
  @ApiProperty() orderId: number;
  @ApiProperty({ enum: SEAT_STATUSES }) status: SeatStatus;
  @ApiProperty({ format: 'date-time' }) joinedAt: string;
}

class GroupBuyVoucherExportDto {
  @ApiProperty() code: string;
  @ApiProperty() productName: string;
  @ApiProperty({ enum: VOUCHER_STATUSES }) status: VoucherStatus;
  @ApiProperty() validTo: string;
}

export class GroupBuyExportDto implements GroupBuyExport {
  @ApiProperty({ type: [GroupBuySeatExportDto] }) seats: GroupBuySeatExportDto[];
  @ApiProperty({ type: [GroupBuyVoucherExportDto] }) vouchers: GroupBuyVoucherExportDto[];
}

import { ApiProperty } from '@nestjs/swagger';
import type {
  ArrivalResult,
  CustomerChannelName,
  CustomerOwnership,
  CustomersExport,
  OwnerChange,
  OwnerChangeReason,
  StaffQrCode,
  StaffMemberSummary,
  StaffRef,
  StaffRole,
  TransferResult,
  WecomContactWay,
} from '@lensloop/shared';

const REASONS: OwnerChangeReason[] = ['first_contact', 'first_purchase', 'transfer', 'wecom_transfer'];
const CHANNELS: CustomerChannelName[] = [
  'store_qr',
  'staff_qr',
  'regional_qr',
  'wecom',
  'store_purchase',
  'referral',
  'group_buy',
  'online',
];

export class StaffRefDto implements StaffRef {
  @ApiProperty()
  id: number;

  @ApiProperty({ example: '李娜' })
  name: string;
}

export class OwnerChangeDto implements OwnerChange {
  @ApiProperty()
  id: number;

  @ApiProperty()
  memberId: number;

  @ApiProperty({ type: StaffRefDto, nullable: true })
  from: StaffRefDto | null;

  @ApiProperty({ type: StaffRefDto })
  to: StaffRefDto;

  @ApiProperty({ enum: REASONS })
  reason: OwnerChangeReason;

  @ApiProperty({
    type: StaffRefDto,
    nullable: true,
    description: 'Who made a transfer; null when the customer’s scan or purchase did.',
  })
  changedBy: StaffRefDto | null;

  @ApiProperty({ format: 'date-time' })
  changedAt: string;
}

export class AddedViaDto {
  @ApiProperty({ enum: CHANNELS })
  channel: CustomerChannelName;

  @ApiProperty({ nullable: true, type: Number })
  storeId: number | null;

  @ApiProperty({ nullable: true, type: String })
  regionCode: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class CustomerOwnershipDto implements CustomerOwnership {
  @ApiProperty()
  memberId: number;

  @ApiProperty({ type: StaffRefDto, nullable: true })
  owner: StaffRefDto | null;

  @ApiProperty({ type: AddedViaDto, nullable: true })
  addedVia: AddedViaDto | null;

  @ApiProperty({ type: [OwnerChangeDto], description: 'Newest first.' })
  history: OwnerChangeDto[];
}

export class TransferResultDto implements TransferResult {
  @ApiProperty({ description: 'Customers this call moved.' })
  transferred: number;
}

export class StaffQrCodeDto implements StaffQrCode {
  @ApiProperty({ description: 'The staff member (0 for a store code).' })
  staffId: number;

  @ApiProperty({ example: 's:12' })
  scene: string;

  @ApiProperty({ example: 'pages/index/index' })
  page: string;

  @ApiProperty({ description: '`data:image/png;base64,…`' })
  image: string;
}

export class ArrivalResultDto implements ArrivalResult {
  @ApiProperty({ enum: ['staff', 'store', 'regional', 'counter'] })
  kind: ArrivalResult['kind'];

  @ApiProperty({ nullable: true, type: Number })
  storeId: number | null;

  @ApiProperty({ description: 'This scan added the customer (owner, home store, welcome coupon).' })
  added: boolean;

  @ApiProperty({ type: StaffRefDto, nullable: true })
  ownerStaff: StaffRefDto | null;

  @ApiProperty({ nullable: true, type: Number })
  welcomeCouponId: number | null;

  @ApiProperty({ description: 'Counter code: the first arrival at this store today.' })
  arrived: boolean;

  @ApiProperty({ nullable: true, type: String })
  regionCode: string | null;
}

export class WecomContactWayResultDto implements WecomContactWay {
  @ApiProperty()
  configId: string;

  @ApiProperty({ example: 's:12' })
  state: string;

  @ApiProperty()
  qrCode: string;

  @ApiProperty({ nullable: true, type: Number })
  staffId: number | null;

  @ApiProperty({ nullable: true, type: Number })
  storeId: number | null;

  @ApiProperty()
  userid: string;
}

export class StaffMemberSummaryDto implements StaffMemberSummary {
  @ApiProperty()
  id: number;

  @ApiProperty({ example: '李娜' })
  name: string;

  @ApiProperty({ enum: ['clerk', 'optometrist', 'manager', 'admin'] })
  role: StaffRole;

  @ApiProperty({ nullable: true, type: Number })
  storeId: number | null;

  @ApiProperty({ description: 'False once the account is disabled (a departed employee).' })
  active: boolean;
}

export class ArrivalRecordDto {
  @ApiProperty()
  storeId: number;

  @ApiProperty({ example: '2026-12-01' })
  day: string;
}

export class CustomersExportDto implements CustomersExport {
  @ApiProperty({ type: AddedViaDto, nullable: true })
  addedVia: AddedViaDto | null;

  @ApiProperty({ type: [OwnerChangeDto] })
  ownerHistory: OwnerChangeDto[];

  @ApiProperty({ type: [ArrivalRecordDto] })
  arrivals: ArrivalRecordDto[];
}

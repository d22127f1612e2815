import { ApiProperty, OmitType } from '@nestjs/swagger';
import type { MemberExport } from '@lensloop/shared';
import { AppointmentDto } from '../../appointments/dto/appointment.dto';
import { AuditEntryDto } from '../../audit/dto/audit-entry.dto';
import { CouponDto } from '../../coupons/dto/coupon.dto';
import { CustomersExportDto } from '../../customers/dto/customer.dto';
import { ReferralExportDto } from '../../referrals/dto/referral.dto';
import { TradeInDto } from '../../trade-ins/dto/trade-in.dto';
import { FamilyProfileDto, MemberDto } from '../../members/dto/member.dto';
import { MembershipExportDto } from '../../membership/dto/membership.dto';
import { LensSelectionDto } from '../../orders/dto/order-request.dto';
import { OrderDto } from '../../orders/dto/order.dto';
import { ConsentRecordDto, PrescriptionDto } from '../../prescriptions/dto/prescription.dto';
import { TagsExportDto } from '../../tags/dto/tags.dto';
import { WalletExportDto } from '../../wallet/dto/wallet.dto';
import { ReminderExportDto } from '../../reminders/dto/reminder.dto';
import { StaffTaskExportDto } from '../../staff-tasks/dto/staff-task.dto';

type ExportedMember = MemberExport['member'];
type ExportedCartLine = MemberExport['cart'][number];

class ExportedMemberDto
  extends OmitType(MemberDto, ['phoneMasked', 'ownerStaff'] as const)
  implements ExportedMember
{
  @ApiProperty({ type: String, nullable: true, description: 'Unmasked.' })
  phone: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

class ExportedCartLineDto implements ExportedCartLine {
  @ApiProperty()
  skuId: number;

  @ApiProperty()
  quantity: number;

  @ApiProperty({ type: LensSelectionDto, nullable: true })
  lens: LensSelectionDto | null;

  @ApiProperty({ format: 'date-time' })
  addedAt: string;
}

/** `GET /me/export`: everything stored about the member, one key per kind of personal data. */
export class MemberExportDto implements MemberExport {
  @ApiProperty({ format: 'date-time' })
  exportedAt: string;

  @ApiProperty({ type: ExportedMemberDto })
  member: ExportedMemberDto;

  @ApiProperty({ type: [FamilyProfileDto] })
  profiles: FamilyProfileDto[];

  @ApiProperty({ type: [ConsentRecordDto], description: 'The whole consent history.' })
  consents: ConsentRecordDto[];

  @ApiProperty({ type: [PrescriptionDto] })
  prescriptions: PrescriptionDto[];

  @ApiProperty({ type: [AuditEntryDto] })
  accessLog: AuditEntryDto[];

  @ApiProperty({ type: [ExportedCartLineDto] })
  cart: ExportedCartLineDto[];

  @ApiProperty({ type: [OrderDto], description: 'Kept after erasure for accounting, without the address.' })
  orders: OrderDto[];

  @ApiProperty({ type: [AppointmentDto] })
  appointments: AppointmentDto[];

  @ApiProperty({ type: [CouponDto], description: 'Used, available and expired.' })
  coupons: CouponDto[];

  @ApiProperty({ type: ReferralExportDto })
  referrals: ReferralExportDto;
  @ApiProperty({
    type: [TradeInDto],
    description: 'Kept on erasure for the credit’s accounting, without photos (files deleted) and notes.',
  })
  tradeIns: TradeInDto[];
  @ApiProperty({ type: WalletExportDto, description: 'Kept after erasure: money records for the accounts.' })
  wallet: WalletExportDto;
  @ApiProperty({ type: MembershipExportDto, description: 'Tier standing and the points ledger.' })
  membership: MembershipExportDto;

  @ApiProperty({ type: TagsExportDto, description: 'Tags and group memberships; deleted on erasure.' })
  tags: TagsExportDto;
  @ApiProperty({
    type: CustomersExportDto,
    description: 'How the member was added, owner history, arrivals.',
  })
  customers: CustomersExportDto;
  @ApiProperty({
    type: ReminderExportDto,
    description: 'Settings, subscribe-message grants, inbox and reminders.',
  })
  reminders: ReminderExportDto;
  @ApiProperty({ type: [StaffTaskExportDto], description: 'Tasks staff had about the member.' })
  staffTasks: StaffTaskExportDto[];
}

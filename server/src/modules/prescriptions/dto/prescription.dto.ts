import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import {
  CONTACT_LENS_TYPES,
  MEMBER_TIERS,
  ORDER_STATUSES,
  PRESCRIPTION_KINDS,
  PRESCRIPTION_SOURCES,
  PURCHASE_CLASSES,
  QUADRANTS,
  type Consent,
  type ContactLensType,
  type CustomerCard,
  type CustomerSummary,
  type MemberTier,
  type MyopiaTrend,
  type OrderStatus,
  type Prescription,
  type PrescriptionDetail,
  type PrescriptionHeader,
  type PrescriptionKind,
  type PrescriptionOrderItem,
  type PrescriptionSource,
  type PupillaryDistance,
  type PurchaseClass,
  type Quadrant,
} from '@lensloop/shared';
import { oneOfModels } from '../../../common/openapi/api-responses.decorator';
import { CustomerTagDto } from '../../members/dto/customer-tag.dto';
import { FamilyProfileDto, MemberDto, StaffRefDto } from '../../members/dto/member.dto';
import { ConsentDto } from './consent.dto';
import { BinocularPdDto, EyePrescriptionDto, MonocularPdDto } from './record-prescription.dto';
import { ReferralPersonDto, ReferredMembersDto } from '../../referrals/dto/referral.dto';

export class ConsentRecordDto extends ConsentDto implements Consent {
  @ApiProperty({ format: 'date-time' })
  recordedAt: string;
}

export class PrescriptionDto implements Prescription {
  @ApiProperty()
  id: number;

  @ApiProperty()
  profileId: number;

  @ApiProperty({ enum: PRESCRIPTION_KINDS })
  kind: PrescriptionKind;

  @ApiProperty({ enum: PRESCRIPTION_SOURCES })
  source: PrescriptionSource;

  @ApiProperty({ example: '2026-10-01' })
  examDate: string;

  @ApiProperty({ type: EyePrescriptionDto })
  od: EyePrescriptionDto;

  @ApiProperty({ type: EyePrescriptionDto })
  os: EyePrescriptionDto;

  // Sent on every prescription, but optional like the shared `Prescription` (its `PrescriptionInput`).
  // buildOpenApiDocument adds `type: object`, which @nestjs/swagger drops beside `oneOf`.
  @ApiPropertyOptional({
    ...oneOfModels(BinocularPdDto, MonocularPdDto),
    nullable: true,
    description: 'Spectacle kinds; null for a contact-lens prescription.',
  })
  pd?: PupillaryDistance | null;

  @ApiPropertyOptional({
    type: String,
    enum: CONTACT_LENS_TYPES,
    nullable: true,
    description: 'contact_lens only (soft, rigid, ortho_k); null for spectacle kinds.',
  })
  lensType?: ContactLensType | null;

  @ApiProperty({ required: false })
  notes?: string;

  @ApiProperty({ example: '2027-10-01', description: 'Valid before this day, due for renewal on it.' })
  expiresAt: string;

  @ApiProperty()
  expired: boolean;

  @ApiProperty({ type: Number, nullable: true })
  storeId: number | null;

  @ApiProperty({ type: String, nullable: true })
  storeName: string | null;

  @ApiProperty({ type: String, nullable: true })
  examinerName: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class PrescriptionOrderItemDto implements PrescriptionOrderItem {
  @ApiProperty()
  orderId: number;

  @ApiProperty()
  orderNo: string;

  @ApiProperty({ enum: ORDER_STATUSES })
  orderStatus: OrderStatus;

  @ApiProperty()
  name: string;

  @ApiProperty()
  quantity: number;

  @ApiProperty({ format: 'date-time' })
  orderedAt: string;
}

export class PrescriptionDetailDto extends PrescriptionDto implements PrescriptionDetail {
  @ApiProperty({ type: [PrescriptionOrderItemDto] })
  orderItems: PrescriptionOrderItemDto[];
}

class TrendPointDto {
  @ApiProperty({ example: '2026-10-01' })
  examDate: string;

  @ApiProperty({ description: 'Spherical equivalent, hundredths of a diopter.' })
  odSE: number;

  @ApiProperty()
  osSE: number;
}

class ProgressionDto {
  @ApiProperty({ type: Number, nullable: true })
  od: number | null;

  @ApiProperty({ type: Number, nullable: true })
  os: number | null;
}

class AxialLengthPointDto {
  @ApiProperty({ example: '2026-10-01' })
  examDate: string;

  @ApiProperty({ type: Number, nullable: true, description: 'Hundredths of a mm; null when not measured.' })
  od: number | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Hundredths of a mm; null when not measured.' })
  os: number | null;
}

export class MyopiaTrendDto implements MyopiaTrend {
  @ApiProperty({
    type: [TrendPointDto],
    description: 'Distance, progressive and myopia-control exams, oldest first.',
  })
  points: TrendPointDto[];

  @ApiProperty({
    type: ProgressionDto,
    description:
      'Least-squares change of SE in hundredths of a diopter per year over the last 24 months; ' +
      'null when those exams span fewer than 180 days.',
  })
  progressionPerYear: ProgressionDto;

  @ApiProperty({ description: 'A child progressing 0.50 D/year or more in either eye.' })
  fastProgression: boolean;

  @ApiProperty({ description: 'Under 18 at the last exam.' })
  isChild: boolean;

  @ApiProperty({
    type: [AxialLengthPointDto],
    description: 'Exams with a measured axial length, oldest first.',
  })
  axialLength: AxialLengthPointDto[];

  @ApiProperty({
    type: ProgressionDto,
    description: 'Axial growth in hundredths of a mm per year, computed like `progressionPerYear`.',
  })
  axialGrowthPerYear: ProgressionDto;

  @ApiProperty({ description: 'A child whose eye grows more than 0.30 mm/year.' })
  fastAxialGrowth: boolean;
}

export class CustomerSummaryDto
  extends PickType(MemberDto, ['id', 'nickname', 'phoneMasked', 'memberCode'] as const)
  implements CustomerSummary {}

export class PrescriptionHeaderDto
  extends PickType(PrescriptionDto, ['id', 'kind', 'examDate', 'expiresAt', 'expired', 'storeName'] as const)
  implements PrescriptionHeader {}

class CustomerProfileDto extends FamilyProfileDto {
  @ApiProperty({ type: PrescriptionHeaderDto, nullable: true })
  lastPrescription: PrescriptionHeaderDto | null;
}

export class CustomerCardDto extends CustomerSummaryDto implements CustomerCard {
  @ApiProperty({ enum: MEMBER_TIERS })
  tier: MemberTier;

  @ApiProperty({ type: StaffRefDto, nullable: true })
  ownerStaff: StaffRefDto | null;

  @ApiProperty()
  prescriptionConsent: boolean;

  @ApiProperty({ type: [CustomerProfileDto] })
  profiles: CustomerProfileDto[];

  @ApiProperty({
    type: ReferralPersonDto,
    nullable: true,
    description: 'Who referred the customer (masked).',
  })
  referredBy: ReferralPersonDto | null;

  @ApiProperty({ type: ReferredMembersDto, description: 'Whom the customer referred.' })
  referred: ReferredMembersDto;

  @ApiProperty({
    type: [CustomerTagDto],
    description: 'Manual and automatic tags (automatic ones with their reason).',
  })
  tags: CustomerTagDto[];

  @ApiProperty({ enum: PURCHASE_CLASSES, description: 'A added, not bought; B 1 purchase; C 2; D 3+.' })
  purchaseClass: PurchaseClass;

  @ApiProperty({
    enum: QUADRANTS,
    nullable: true,
    description: 'Value×tenure quadrant; null before a purchase.',
  })
  quadrant: Quadrant | null;
}

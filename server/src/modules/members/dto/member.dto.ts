import { ApiProperty } from '@nestjs/swagger';
import {
  MEMBER_TIERS,
  PROFILE_RELATIONS,
  type FamilyProfile,
  type Member,
  type MemberCode,
  type MemberTier,
  type ProfileRelation,
} from '@lensloop/shared';

export class StaffRefDto {
  @ApiProperty()
  id: number;

  @ApiProperty()
  name: string;
}

export class MemberDto implements Member {
  @ApiProperty()
  id: number;

  @ApiProperty({ type: String, nullable: true })
  nickname: string | null;

  @ApiProperty({ type: String, nullable: true, example: '138****8000' })
  phoneMasked: string | null;

  @ApiProperty({ description: '12 digits, shown as the member QR.', example: '100000000042' })
  memberCode: string;

  @ApiProperty({ enum: MEMBER_TIERS })
  tier: MemberTier;

  @ApiProperty()
  points: number;

  @ApiProperty({ description: 'Stored value, fen.' })
  balance: number;

  @ApiProperty({ type: StaffRefDto, nullable: true, description: 'The staff member who looks after them.' })
  ownerStaff: StaffRefDto | null;

  @ApiProperty({ type: Number, nullable: true })
  homeStoreId: number | null;
}

export class FamilyProfileDto implements FamilyProfile {
  @ApiProperty()
  id: number;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: PROFILE_RELATIONS })
  relation: ProfileRelation;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '2017-06-01',
    description: 'YYYY-MM-DD; null when unknown.',
  })
  birthDate: string | null;
}

export class MemberCodeDto implements MemberCode {
  @ApiProperty({ description: 'Rotating code for the QR and barcode.', example: 'MB42-3f9a0c12d4e5b678' })
  code: string;

  @ApiProperty({ description: 'When this code stops being current (it is accepted one 30 s step longer).' })
  expiresAt: string;
}

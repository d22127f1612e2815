import { ApiProperty } from '@nestjs/swagger';
import {
  MEMBER_TIERS,
  PROFILE_RELATIONS,
  type FamilyProfile,
  type Member,
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

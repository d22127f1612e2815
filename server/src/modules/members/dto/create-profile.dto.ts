import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PROFILE_RELATIONS,
  type CreateProfileRequest,
  type ProfileRelation,
  type UpdateProfileRequest,
} from '@lensloop/shared';
import {
  IsDefined,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateIf,
} from 'class-validator';

const FAMILY_RELATIONS = PROFILE_RELATIONS.filter((relation) => relation !== 'self');

const isGiven = (value: unknown) => value !== null && value !== undefined;

/** A `YYYY-MM-DD` birth date that names a real day. */
function BirthDate(): PropertyDecorator {
  return applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a YYYY-MM-DD date' }),
    IsISO8601({ strict: true }, { message: 'birthDate must be a real date' }),
  );
}

export class CreateProfileDto implements CreateProfileRequest {
  @ApiProperty({ example: '小明' })
  @IsString()
  @Length(1, 64)
  name: string;

  @ApiProperty({ enum: FAMILY_RELATIONS, description: 'The `self` profile exists already.' })
  @IsIn(FAMILY_RELATIONS)
  relation: Exclude<ProfileRelation, 'self'>;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2018-03-15',
    description: 'Required for a child.',
  })
  // A child's expiry (6 months) and progression flag depend on the age.
  @ValidateIf((profile: CreateProfileDto) => profile.relation === 'child' || isGiven(profile.birthDate))
  @IsDefined({ message: 'birthDate is required for a child' })
  @BirthDate()
  birthDate?: string | null;
}

export class UpdateProfileDto implements UpdateProfileRequest {
  @ApiPropertyOptional({ example: '王芳' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  name?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '1988-04-02',
    description: 'null removes it (not for a child).',
  })
  @ValidateIf((profile: UpdateProfileDto) => isGiven(profile.birthDate))
  @BirthDate()
  birthDate?: string | null;
}

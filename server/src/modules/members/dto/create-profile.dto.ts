import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PROFILE_RELATIONS, type CreateProfileRequest, type ProfileRelation } from '@lensloop/shared';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

const FAMILY_RELATIONS = PROFILE_RELATIONS.filter((relation) => relation !== 'self');

export class CreateProfileDto implements CreateProfileRequest {
  @ApiProperty({ example: '小明' })
  @IsString()
  @Length(1, 64)
  name: string;

  @ApiProperty({ enum: FAMILY_RELATIONS, description: 'The `self` profile exists already.' })
  @IsIn(FAMILY_RELATIONS)
  relation: Exclude<ProfileRelation, 'self'>;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2018-03-15' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'birthDate must be a YYYY-MM-DD date' })
  @IsISO8601({ strict: true }, { message: 'birthDate must be a real date' })
  birthDate?: string | null;
}

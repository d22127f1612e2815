import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  PRESCRIPTION_KINDS,
  PRESCRIPTION_SOURCES,
  PRISM_BASES,
  type EyePrescription,
  type PrescriptionKind,
  type PrescriptionSource,
  type PrismBase,
  type RecordPrescriptionRequest,
} from '@lensloop/shared';
import { Type } from 'class-transformer';
import { oneOfModels } from '../../../common/openapi/api-responses.decorator';
import { Allow, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';

// Fields marked @Allow are checked by the shared `validatePrescription` (ranges, steps and the
// rules between fields), the same code the mini-program runs as the optometrist types; the DTO only
// fixes the shape, so unknown fields are still rejected.

export class EyePrescriptionDto implements EyePrescription {
  @ApiProperty({ description: 'SPH, hundredths of a diopter', example: -125 })
  @Allow()
  sphere: number;

  @ApiProperty({ description: 'CYL, hundredths; plus-cylinder is transposed', example: -50 })
  @Allow()
  cylinder: number;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 180 })
  @Allow()
  axis?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'near/progressive only' })
  @Allow()
  add?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true })
  @Allow()
  prism?: number | null;

  @ApiPropertyOptional({ type: String, enum: PRISM_BASES, nullable: true })
  @Allow()
  prismBase?: PrismBase | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 1.0 })
  @Allow()
  va?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'contact_lens only, hundredths of a mm' })
  @Allow()
  baseCurve?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'contact_lens only, hundredths of a mm' })
  @Allow()
  diameter?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'hundredths of a mm' })
  @Allow()
  axialLength?: number | null;
}

export class BinocularPdDto {
  @ApiProperty({ description: 'tenths of a mm', example: 630 })
  binocular: number;
}

export class MonocularPdDto {
  @ApiProperty({ description: 'tenths of a mm', example: 315 })
  od: number;

  @ApiProperty({ description: 'tenths of a mm', example: 315 })
  os: number;
}

/** Either shape of `PupillaryDistance`, for validation; the document shows the two shapes. */
export class PupillaryDistanceDto {
  @ApiPropertyOptional({ description: 'tenths of a mm', example: 630 })
  @Allow()
  binocular?: number;

  @ApiPropertyOptional({ description: 'tenths of a mm', example: 315 })
  @Allow()
  od?: number;

  @ApiPropertyOptional({ description: 'tenths of a mm', example: 315 })
  @Allow()
  os?: number;
}

export class RecordPrescriptionDto implements RecordPrescriptionRequest {
  @ApiPropertyOptional({ description: 'Family profile; the member’s own when absent.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  profileId?: number;

  @ApiPropertyOptional({ enum: PRESCRIPTION_SOURCES, default: 'in_store' })
  @IsOptional()
  @IsIn(PRESCRIPTION_SOURCES)
  source?: PrescriptionSource;

  @ApiProperty({ enum: PRESCRIPTION_KINDS })
  @Allow()
  kind: PrescriptionKind;

  @ApiProperty({ example: '2026-10-01' })
  @Allow()
  examDate: string;

  @ApiProperty({ type: EyePrescriptionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EyePrescriptionDto)
  od: EyePrescriptionDto;

  @ApiProperty({ type: EyePrescriptionDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => EyePrescriptionDto)
  os: EyePrescriptionDto;

  @ApiProperty(oneOfModels(BinocularPdDto, MonocularPdDto))
  @IsOptional()
  @ValidateNested()
  @Type(() => PupillaryDistanceDto)
  pd: { binocular: number } | { od: number; os: number };

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  notes?: string;
}

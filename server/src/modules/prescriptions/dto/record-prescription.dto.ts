import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CONTACT_LENS_TYPES,
  HORIZONTAL_PRISM_BASES,
  PRESCRIPTION_KINDS,
  PRESCRIPTION_SOURCES,
  VERTICAL_PRISM_BASES,
  type ContactLensType,
  type EyePrescription,
  type EyePrism,
  type PrescriptionKind,
  type PrismComponent,
  type PrescriptionSource,
  type PupillaryDistance,
  type RecordPrescriptionRequest,
} from '@lensloop/shared';
import { oneOfModels } from '../../../common/openapi/api-responses.decorator';
import { Type } from 'class-transformer';
import { Allow, IsIn, IsInt, IsOptional, IsString, MaxLength, Min, ValidateNested } from 'class-validator';

type HorizontalPrismBase = (typeof HORIZONTAL_PRISM_BASES)[number];
type VerticalPrismBase = (typeof VERTICAL_PRISM_BASES)[number];

// Fields marked @Allow are checked by the shared `validatePrescription` (ranges, steps and the
// rules between fields), the same code the mini-program runs as the optometrist types; the DTO only
// fixes the shape, so unknown fields are still rejected.

export class HorizontalPrismDto implements PrismComponent<HorizontalPrismBase> {
  @ApiProperty({ description: 'hundredths of a prism diopter', example: 100 })
  @Allow()
  amount: number;

  @ApiProperty({ enum: HORIZONTAL_PRISM_BASES })
  @Allow()
  base: HorizontalPrismBase;
}

export class VerticalPrismDto implements PrismComponent<VerticalPrismBase> {
  @ApiProperty({ description: 'hundredths of a prism diopter', example: 50 })
  @Allow()
  amount: number;

  @ApiProperty({ enum: VERTICAL_PRISM_BASES })
  @Allow()
  base: VerticalPrismBase;
}

export class EyePrismDto implements EyePrism {
  @ApiPropertyOptional({ type: HorizontalPrismDto, nullable: true, description: 'base in or out' })
  @IsOptional()
  @ValidateNested()
  @Type(() => HorizontalPrismDto)
  horizontal?: HorizontalPrismDto | null;

  @ApiPropertyOptional({ type: VerticalPrismDto, nullable: true, description: 'base up or down' })
  @IsOptional()
  @ValidateNested()
  @Type(() => VerticalPrismDto)
  vertical?: VerticalPrismDto | null;
}

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

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'near, progressive, myopia_control' })
  @Allow()
  add?: number | null;

  @ApiPropertyOptional({ type: EyePrismDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EyePrismDto)
  prism?: EyePrismDto | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    example: 1.0,
    description: 'decimal chart line 0.1 … 2.0',
  })
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

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'spectacle kinds, tenths of a mm; required for progressive',
  })
  @Allow()
  fittingHeight?: number | null;
}

export class BinocularPdDto {
  @ApiProperty({ description: 'tenths of a mm', example: 630 })
  binocular: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'near PD, tenths of a mm', example: 600 })
  near?: number | null;
}

export class MonocularPdDto {
  @ApiProperty({ description: 'tenths of a mm', example: 315 })
  od: number;

  @ApiProperty({ description: 'tenths of a mm', example: 315 })
  os: number;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'near PD (binocular), tenths of a mm',
    example: 600,
  })
  near?: number | null;
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

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'near PD (binocular), tenths of a mm',
    example: 600,
  })
  @Allow()
  near?: number | null;
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

  // Validated as PupillaryDistanceDto (either shape); documented as the two shapes.
  @ApiPropertyOptional({
    ...oneOfModels(BinocularPdDto, MonocularPdDto),
    nullable: true,
    description: 'spectacle kinds; none for contact_lens',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PupillaryDistanceDto)
  pd?: PupillaryDistance | null;

  @ApiPropertyOptional({
    type: String,
    enum: CONTACT_LENS_TYPES,
    nullable: true,
    description: 'contact_lens only; soft when absent',
  })
  @Allow()
  lensType?: ContactLensType | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  notes?: string;
}

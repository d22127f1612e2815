import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  TOP_UP_STATES,
  WALLET_ENTRY_KINDS,
  type TopUpState,
  type WalletExport,
  type QuoteWallet,
  type TopUpRequest,
  type TopUpStarted,
  type WalletBalance,
  type WalletEntryKind,
  type WalletLedgerEntry,
  type WalletPlan,
  type WalletPlanInput,
} from '@lensloop/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_ID } from '../../../common/id.pipe';

/** At most ¥100,000 per plan or order amount, in fen. */
const MAX_FEN = 10_000_000;

export class WalletPlanDto implements WalletPlan {
  @ApiProperty()
  id: number;

  @ApiProperty({ description: 'What the customer pays, fen.', example: 100000 })
  pay: number;

  @ApiProperty({ description: 'What the wallet receives, fen (pay + bonus).', example: 110000 })
  credit: number;

  @ApiProperty({ description: 'On the smallest plan whose credit covers orderAmount.' })
  suggested: boolean;
}

export class QuoteWalletDto implements QuoteWallet {
  @ApiProperty({ description: 'The member’s stored value, fen.' })
  balance: number;

  @ApiProperty({
    type: WalletPlanDto,
    nullable: true,
    description:
      'The smallest plan whose credit covers what the balance leaves to pay; null when it covers all.',
  })
  suggestedPlan: WalletPlanDto | null;
}

export class WalletPlansQueryDto {
  @ApiPropertyOptional({ description: 'Fen: flag the smallest plan whose credit covers it.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_FEN)
  orderAmount?: number;
}

export class WalletPlanInputDto implements WalletPlanInput {
  @ApiProperty({ description: 'Fen, > 0.', example: 100000 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  pay: number;

  @ApiProperty({ description: 'Fen, ≥ pay.', example: 110000 })
  @IsInt()
  @Min(1)
  @Max(MAX_FEN)
  credit: number;
}

export class ReplaceWalletPlansDto {
  @ApiProperty({ type: [WalletPlanInputDto] })
  @IsArray()
  @ArrayMaxSize(12)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => WalletPlanInputDto)
  plans: WalletPlanInputDto[];
}

export class WalletBalanceDto implements WalletBalance {
  @ApiProperty({ description: 'principal + bonus, fen.' })
  balance: number;

  @ApiProperty({ description: 'Paid in and still unspent (refundable), fen.' })
  principal: number;

  @ApiProperty({ description: 'Bonus of top-up plans, fen.' })
  bonus: number;
}

export class WalletLedgerEntryDto implements WalletLedgerEntry {
  @ApiProperty()
  id: number;

  @ApiProperty({ description: 'Signed fen.' })
  amount: number;

  @ApiProperty({ description: 'Balance right after this entry, fen.' })
  balanceAfter: number;

  @ApiProperty({ enum: WALLET_ENTRY_KINDS })
  kind: WalletEntryKind;

  @ApiProperty({ type: Number, nullable: true })
  orderId: number | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class TopUpRequestDto implements TopUpRequest {
  @ApiProperty({ description: 'An active plan (GET /wallet/plans).' })
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  planId: number;

  @ApiPropertyOptional({ description: 'The store the customer is browsing; default: their home store.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  storeId?: number;
}

export class TopUpStartedDto implements Omit<TopUpStarted, 'payment'> {
  @ApiProperty()
  topUpId: number;

  @ApiProperty({
    description: 'The top-up order: pay it with POST /orders/:orderId/pay if the payment was not made.',
  })
  orderId: number;
}

export class ExportedTopUpDto {
  @ApiProperty()
  id: number;

  @ApiProperty()
  orderId: number;

  @ApiProperty({ description: 'Fen.' })
  pay: number;

  @ApiProperty({ description: 'Fen.' })
  credit: number;

  @ApiProperty({ enum: TOP_UP_STATES })
  state: TopUpState;

  @ApiProperty({ description: 'Fen.' })
  principalRefunded: number;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

/** The wallet section of the PIPL export. */
export class WalletExportDto extends WalletBalanceDto implements WalletExport {
  @ApiProperty({ type: [WalletLedgerEntryDto], description: 'Oldest first.' })
  ledger: WalletLedgerEntryDto[];

  @ApiProperty({ type: [ExportedTopUpDto] })
  topUps: ExportedTopUpDto[];
}

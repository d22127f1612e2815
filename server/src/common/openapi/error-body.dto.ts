import { ApiProperty } from '@nestjs/swagger';
import { ErrorCode, type ErrorBody, type ErrorDetail } from '@lensloop/shared';

export class ErrorDetailDto implements ErrorDetail {
  @ApiProperty({ description: 'Dotted path of the offending field.', example: 'items.0.quantity' })
  field: string;

  @ApiProperty({ example: 'quantity must not be greater than 99' })
  message: string;
}

/** The body of every error response (see docs/architecture.md, "Request path"). */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ description: 'The HTTP status, repeated.', example: 404 })
  statusCode: number;

  @ApiProperty({
    enum: Object.values(ErrorCode),
    description: 'Stable error code: switch on this, never on the message.',
  })
  code: ErrorCode;

  @ApiProperty({ description: 'For people; wording may change.' })
  message: string;

  @ApiProperty({ type: [ErrorDetailDto], description: 'One entry per invalid field; empty otherwise.' })
  details: ErrorDetailDto[];

  @ApiProperty({ description: 'Also in the `x-request-id` response header; quote it to support.' })
  requestId: string;
}

import { ApiProperty } from '@nestjs/swagger';
import { OUTBOX_EVENT_STATUSES, type OutboxEvent, type OutboxEventStatus } from '@lensloop/shared';

export class OutboxEventDto implements OutboxEvent {
  @ApiProperty()
  id: number;

  @ApiProperty({ example: 'OrderCancelled' })
  type: string;

  @ApiProperty()
  aggregateId: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The event’s data; its shape depends on `type`.',
  })
  payload: unknown;

  @ApiProperty({ enum: OUTBOX_EVENT_STATUSES })
  status: OutboxEventStatus;

  @ApiProperty()
  attempts: number;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty({ format: 'date-time' })
  availableAt: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deliveredAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  deadAt: string | null;
}

import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import {
  ErrorCode,
  OUTBOX_EVENT_STATUSES,
  type OutboxEvent,
  type OutboxEventStatus,
  type OutboxQuery,
  type Page,
} from '@lensloop/shared';
import { IsIn, IsOptional } from 'class-validator';
import { Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { PageQueryDto } from '../../common/pagination';
import { OutboxAdminService } from './outbox-admin.service';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { ApiPageResponse } from '../../common/openapi/api-responses.decorator';
import { OutboxEventDto } from './dto/outbox-event.dto';

export class OutboxQueryDto extends PageQueryDto implements OutboxQuery {
  @ApiPropertyOptional({ enum: OUTBOX_EVENT_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_EVENT_STATUSES)
  status?: OutboxEventStatus;
}

@ApiTags('admin')
@Controller('admin/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxAdminService) {}

  /** Outbox events, newest first; `?status=dead` lists the dead-lettered ones with their last error. */
  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'List outbox events, newest first (dead letters with their last error)' })
  @ApiPageResponse(OutboxEventDto)
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listOutboxEvents(@Query() query: OutboxQueryDto): Promise<Page<OutboxEvent>> {
    return this.outbox.list(query);
  }

  /** Re-drives a dead-lettered event: fresh attempts, due now. */
  @Post(':id/retry')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Re-drive a dead-lettered event' })
  @ApiOkResponse({ type: OutboxEventDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.OUTBOX_EVENT_NOT_FOUND, ErrorCode.OUTBOX_EVENT_NOT_DEAD)
  retryOutboxEvent(@Param('id', IdPipe) id: number): Promise<OutboxEvent> {
    return this.outbox.retry(id);
  }
}

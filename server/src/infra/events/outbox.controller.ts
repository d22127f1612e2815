import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { OutboxEvent, OutboxEventStatus, OutboxQuery, Page } from '@lensloop/shared';
import { IsIn, IsOptional } from 'class-validator';
import { Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { PageQueryDto } from '../../common/pagination';
import { OutboxAdminService } from './outbox-admin.service';

const STATUSES: OutboxEventStatus[] = ['pending', 'delivered', 'dead'];

export class OutboxQueryDto extends PageQueryDto implements OutboxQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: OutboxEventStatus;
}

@ApiTags('admin')
@Controller('admin/outbox')
export class OutboxController {
  constructor(private readonly outbox: OutboxAdminService) {}

  /** Outbox events, newest first; `?status=dead` lists the dead-lettered ones with their last error. */
  @Get()
  @Roles('admin')
  listOutboxEvents(@Query() query: OutboxQueryDto): Promise<Page<OutboxEvent>> {
    return this.outbox.list(query);
  }

  /** Re-drives a dead-lettered event: fresh attempts, due now. */
  @Post(':id/retry')
  @HttpCode(200)
  @Roles('admin')
  retryOutboxEvent(@Param('id', IdPipe) id: number): Promise<OutboxEvent> {
    return this.outbox.retry(id);
  }
}

import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type Page, type StaffTask, type StaffTaskSummary } from '@lensloop/shared';
import { STAFF_ROLES_ALL, type Principal } from '../../common/auth/principal';
import { CurrentPrincipal, Roles } from '../../common/auth/roles.decorator';
import { IdPipe } from '../../common/id.pipe';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import {
  SnoozeStaffTaskDto,
  StaffTaskDto,
  StaffTaskPageDto,
  StaffTaskQueryDto,
  StaffTaskSummaryDto,
} from './dto/staff-task.dto';
import { StaffTasksService } from './staff-tasks.service';

@ApiTags('staff-tasks')
@Controller('staff/tasks')
export class StaffTasksController {
  constructor(private readonly tasks: StaffTasksService) {}

  @Get()
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({
    summary:
      'List the staff member’s 1-to-1 service and arrival tasks (own and the store’s pool): due now, or done',
  })
  @ApiOkResponse({ type: StaffTaskPageDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  listStaffTasks(
    @CurrentPrincipal() principal: Principal,
    @Query() query: StaffTaskQueryDto,
  ): Promise<Page<StaffTask>> {
    return this.tasks.list(principal, query.status ?? 'due', query);
  }

  @Get('summary')
  @Roles('manager', 'admin')
  @ApiOperation({ summary: 'Undone tasks per staff member of the manager’s store' })
  @ApiOkResponse({ type: StaffTaskSummaryDto })
  getStaffTaskSummary(@CurrentPrincipal() principal: Principal): Promise<StaffTaskSummary> {
    return this.tasks.summary(principal);
  }

  @Post(':id/done')
  @HttpCode(200)
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Mark a task done (idempotent)' })
  @ApiOkResponse({ type: StaffTaskDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.STAFF_TASK_NOT_FOUND)
  markStaffTaskDone(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
  ): Promise<StaffTask> {
    return this.tasks.markDone(principal, id);
  }

  @Post(':id/snooze')
  @HttpCode(200)
  @Roles(...STAFF_ROLES_ALL)
  @ApiOperation({ summary: 'Move a task’s due time 1–30 days on' })
  @ApiOkResponse({ type: StaffTaskDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED, ErrorCode.STAFF_TASK_NOT_FOUND, ErrorCode.STAFF_TASK_DONE)
  snoozeStaffTask(
    @CurrentPrincipal() principal: Principal,
    @Param('id', IdPipe) id: number,
    @Body() body: SnoozeStaffTaskDto,
  ): Promise<StaffTask> {
    return this.tasks.snooze(principal, id, body.days);
  }
}

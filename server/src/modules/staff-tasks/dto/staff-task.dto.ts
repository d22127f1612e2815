import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import {
  STAFF_TASK_KINDS,
  STAFF_TASK_STATUSES,
  type SnoozeStaffTaskRequest,
  type StaffTask,
  type StaffTaskKind,
  type StaffTaskQuery,
  type StaffTaskStatus,
  type StaffTaskSummary,
  type StaffTaskSummaryRow,
} from '@lensloop/shared';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/pagination';

export class StaffTaskQueryDto extends PageQueryDto implements StaffTaskQuery {
  @ApiPropertyOptional({ enum: STAFF_TASK_STATUSES, default: 'due' })
  @IsOptional()
  @IsIn(STAFF_TASK_STATUSES)
  status?: StaffTaskStatus;
}

export class SnoozeStaffTaskDto implements SnoozeStaffTaskRequest {
  @ApiProperty({ minimum: 1, maximum: 30, example: 3 })
  @IsInt()
  @Min(1)
  @Max(30)
  days: number;
}

export class StaffTaskDto implements StaffTask {
  @ApiProperty()
  id: number;

  @ApiProperty()
  memberId: number;

  @ApiProperty({ type: Number, nullable: true, description: 'null: any staff member of the store.' })
  staffId: number | null;

  @ApiProperty()
  storeId: number;

  @ApiProperty({ enum: STAFF_TASK_KINDS })
  kind: StaffTaskKind;

  @ApiProperty({ example: '联系王芳：小明的复查到期了' })
  title: string;

  @ApiProperty({ format: 'date-time' })
  dueAt: string;

  @ApiProperty({ enum: STAFF_TASK_STATUSES })
  status: StaffTaskStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  doneAt: string | null;
}

export class StaffTaskPageDto {
  @ApiProperty({ type: [StaffTaskDto] })
  items: StaffTaskDto[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}

export class StaffTaskSummaryRowDto implements StaffTaskSummaryRow {
  @ApiProperty({ type: Number, nullable: true, description: 'null: the store’s pool.' })
  staffId: number | null;

  @ApiProperty({ type: String, nullable: true })
  staffName: string | null;

  @ApiProperty({ description: 'Undone and due now.' })
  due: number;

  @ApiProperty({ description: 'Undone, snoozed or not yet due.' })
  later: number;
}

export class StaffTaskSummaryDto implements StaffTaskSummary {
  @ApiProperty()
  storeId: number;

  @ApiProperty({ type: [StaffTaskSummaryRowDto] })
  rows: StaffTaskSummaryRowDto[];
}

export class StaffTaskExportDto extends PickType(StaffTaskDto, [
  'kind',
  'title',
  'dueAt',
  'status',
  'doneAt',
] as const) {}

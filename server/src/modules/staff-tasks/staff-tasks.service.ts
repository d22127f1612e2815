import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ErrorCode,
  type Page,
  type PageQuery,
  type StaffTask,
  type StaffTaskExport,
  type StaffTaskKind,
  type StaffTaskStatus,
  type StaffTaskSummary,
} from '@lensloop/shared';
import { Brackets, type EntityManager, type Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { pageWindow, toPage } from '../../common/pagination';
import { isDuplicateKey, TransactionRunner } from '../../common/transaction';
import { EventBus } from '../../infra/events/event-bus';
import { StaffService } from '../staff/staff.service';
import { StaffTaskEntity } from './entities/staff-task.entity';

const DAY_MS = 86_400_000;

export interface NewStaffTask {
  memberId: number;
  staffId: number | null;
  storeId: number;
  kind: StaffTaskKind;
  title: string;
  dueAt: Date;
  /** One task per cause: `occurrence:<id>`, `arrival:<member>:<store>:<date>`. */
  dedupeKey: string;
}

function toStaffTask(row: StaffTaskEntity): StaffTask {
  return {
    id: row.id,
    memberId: row.memberId,
    staffId: row.staffId,
    storeId: row.storeId,
    kind: row.kind,
    title: row.title,
    dueAt: row.dueAt.toISOString(),
    status: row.status,
    doneAt: row.doneAt?.toISOString() ?? null,
  };
}

function taskNotFound(id: number): DomainError {
  return new DomainError(ErrorCode.STAFF_TASK_NOT_FOUND, `No task ${id}.`);
}

/** The staff's 1-to-1 service and arrival tasks: own ones, and the store's pool (no owner). */
@Injectable()
export class StaffTasksService {
  constructor(
    @InjectRepository(StaffTaskEntity) private readonly tasks: Repository<StaffTaskEntity>,
    private readonly tx: TransactionRunner,
    private readonly clock: BusinessClock,
    private readonly events: EventBus,
    private readonly staff: StaffService,
  ) {}

  /** Creates the task in the caller's transaction; the same cause twice is one task. Returns whether it was new. */
  async create(manager: EntityManager, task: NewStaffTask): Promise<boolean> {
    try {
      await manager.insert(StaffTaskEntity, { ...task, status: 'due', doneAt: null });
      return true;
    } catch (error) {
      if (isDuplicateKey(error)) return false;
      throw error;
    }
  }

  async list(principal: Principal, status: StaffTaskStatus, query: PageQuery): Promise<Page<StaffTask>> {
    const window = pageWindow(query);
    const builder = this.tasks
      .createQueryBuilder('task')
      .where(
        new Brackets((mine) => {
          mine.where('task.staffId = :staffId', { staffId: principal.id });
          if (principal.storeId !== null) {
            mine.orWhere('(task.staffId IS NULL AND task.storeId = :storeId)', {
              storeId: principal.storeId,
            });
          }
        }),
      )
      .andWhere('task.status = :status', { status });
    if (status === 'due') {
      builder.andWhere('task.dueAt <= :now', { now: this.clock.now() }).orderBy('task.dueAt', 'ASC');
    } else {
      builder.orderBy('task.doneAt', 'DESC');
    }
    const [rows, total] = await builder
      .addOrderBy('task.id', 'ASC')
      .skip(window.skip)
      .take(window.pageSize)
      .getManyAndCount();
    return toPage(rows.map(toStaffTask), total, window);
  }

  async markDone(principal: Principal, taskId: number): Promise<StaffTask> {
    await this.tx.run(async (manager) => {
      const task = await this.findVisible(principal, taskId, manager);
      if (task.status === 'done') return;
      const { affected } = await manager.update(
        StaffTaskEntity,
        { id: task.id, status: 'due' },
        { status: 'done', doneAt: this.clock.now(), staffId: task.staffId ?? principal.id },
      );
      if (!affected) return;
      await this.events.publish(manager, 'StaffTaskDone', task.id, {
        taskId: task.id,
        staffId: principal.id,
        memberId: task.memberId,
        kind: task.kind,
      });
    });
    return toStaffTask(await this.findVisible(principal, taskId));
  }

  async snooze(principal: Principal, taskId: number, days: number): Promise<StaffTask> {
    await this.tx.run(async (manager) => {
      const task = await this.findVisible(principal, taskId, manager);
      if (task.status === 'done') {
        throw new DomainError(
          ErrorCode.STAFF_TASK_DONE,
          `Task ${taskId} is done; there is nothing to snooze.`,
        );
      }
      const from = Math.max(task.dueAt.getTime(), this.clock.nowMs());
      await manager.update(
        StaffTaskEntity,
        { id: task.id, status: 'due' },
        { dueAt: new Date(from + days * DAY_MS) },
      );
    });
    return toStaffTask(await this.findVisible(principal, taskId));
  }

  /** A manager's view: undone tasks of the store per staff member (and the pool). */
  async summary(principal: Principal): Promise<StaffTaskSummary> {
    if (principal.storeId === null) return { storeId: 0, rows: [] };
    const raw: { staffId: number | null; due: string; later: string }[] = await this.tasks
      .createQueryBuilder('task')
      .select('task.staffId', 'staffId')
      .addSelect('SUM(CASE WHEN task.dueAt <= :now THEN 1 ELSE 0 END)', 'due')
      .addSelect('SUM(CASE WHEN task.dueAt > :now THEN 1 ELSE 0 END)', 'later')
      .where("task.storeId = :storeId AND task.status = 'due'", { storeId: principal.storeId })
      .setParameter('now', this.clock.now())
      .groupBy('task.staffId')
      .getRawMany();
    const names = await this.staff.namesOf(
      raw.flatMap((row) => (row.staffId === null ? [] : [Number(row.staffId)])),
    );
    const rows = raw
      .map((row) => {
        const staffId = row.staffId === null ? null : Number(row.staffId);
        return {
          staffId,
          staffName: staffId === null ? null : (names.get(staffId)?.name ?? null),
          due: Number(row.due),
          later: Number(row.later),
        };
      })
      .sort((a, b) => b.due - a.due || (a.staffId ?? 0) - (b.staffId ?? 0));
    return { storeId: principal.storeId, rows };
  }

  async exportFor(memberId: number): Promise<StaffTaskExport> {
    const rows = await this.tasks.find({ where: { memberId }, order: { id: 'ASC' } });
    return rows.map((row) => {
      const { kind, title, dueAt, status, doneAt } = toStaffTask(row);
      return { kind, title, dueAt, status, doneAt };
    });
  }

  async eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    await manager.delete(StaffTaskEntity, { memberId });
  }

  /** The caller's own task, or one of their store's (a clerk: the pool; a manager: any); else 404. */
  private async findVisible(
    principal: Principal,
    taskId: number,
    manager: EntityManager = this.tasks.manager,
  ): Promise<StaffTaskEntity> {
    const task = await manager.findOneBy(StaffTaskEntity, { id: taskId });
    if (!task) throw taskNotFound(taskId);
    const own = task.staffId === principal.id;
    const sameStore = principal.storeId !== null && task.storeId === principal.storeId;
    const storeWide = principal.role === 'manager' || principal.role === 'admin';
    if (own || (sameStore && (task.staffId === null || storeWide))) return task;
    throw taskNotFound(taskId);
  }
}

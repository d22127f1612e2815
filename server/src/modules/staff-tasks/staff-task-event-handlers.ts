import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import type { DomainEvents } from '../../infra/events/domain-events';
import { EventBus } from '../../infra/events/event-bus';
import { MembersService } from '../members/members.service';
import { PrescriptionsService } from '../prescriptions/prescriptions.service';
import { StaffTaskContextPort } from './staff-task-context.port';
import { StaffTasksService } from './staff-tasks.service';

/** Arrival tasks: a known customer scanned a store's counter code. */
@Injectable()
export class StaffTaskEventHandlers implements OnModuleInit {
  constructor(
    private readonly events: EventBus,
    private readonly tasks: StaffTasksService,
    private readonly members: MembersService,
    private readonly prescriptions: PrescriptionsService,
    private readonly context: StaffTaskContextPort,
    private readonly clock: BusinessClock,
  ) {}

  onModuleInit(): void {
    this.events.subscribe({
      name: 'staff-tasks.arrival',
      type: 'CustomerArrived',
      mode: 'transactional',
      handle: (event, manager) => this.onArrival(manager as EntityManager, event.payload),
    });
  }

  /**
   * "老顾客到店 — 王芳，上次验光 2026-03-14，小明复查到期" for the owner, or for the store's pool
   * when the customer has none; one task per customer, store and day.
   */
  async onArrival(manager: EntityManager, arrival: DomainEvents['CustomerArrived']): Promise<void> {
    const { memberId, storeId, ownerStaffId } = arrival;
    const [names, headers, notes] = await Promise.all([
      this.members.nicknamesOf([memberId]),
      this.prescriptions.latestHeaders(memberId),
      this.context.arrivalNotes(memberId),
    ]);
    const name = names.get(memberId) ?? '顾客';
    const lastExam = [...headers.values()]
      .map((header) => header.examDate)
      .sort()
      .at(-1);
    const parts = [name, ...(lastExam ? [`上次验光 ${lastExam}`] : []), ...notes];
    await this.tasks.create(manager, {
      memberId,
      staffId: ownerStaffId,
      storeId,
      kind: 'arrival',
      title: `老顾客到店 — ${parts.join('，')}`.slice(0, 200),
      dueAt: this.clock.now(),
      dedupeKey: `arrival:${memberId}:${storeId}:${this.clock.today()}`,
    });
  }
}

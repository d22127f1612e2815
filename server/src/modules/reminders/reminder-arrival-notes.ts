import { Injectable, type OnModuleInit } from '@nestjs/common';
import { addDays } from '@lensloop/shared';
import { BusinessClock } from '../../common/clock';
import { StaffTaskContextPort } from '../staff-tasks/staff-task-context.port';
import { taskLabel } from './reminder-delivery.job';
import { RemindersService } from './reminders.service';

/** Care reminders due within this many days are named on an arrival task. */
const SOON_DAYS = 30;
const CARE_KINDS = new Set(['child_recheck', 'adult_renewal', 'lens_cleaning', 'contact_lens_refill']);

/** Tells the arrival task what care is due ("小明复查到期"), through the staff-task port. */
@Injectable()
export class ReminderArrivalNotes implements OnModuleInit {
  constructor(
    private readonly port: StaffTaskContextPort,
    private readonly reminders: RemindersService,
    private readonly clock: BusinessClock,
  ) {}

  onModuleInit(): void {
    this.port.register({ arrivalNotes: (memberId) => this.notes(memberId) });
  }

  async notes(memberId: number): Promise<string[]> {
    const horizon = addDays(this.clock.today(), SOON_DAYS);
    const waiting = await this.reminders.waiting(memberId);
    return waiting
      .filter((row) => CARE_KINDS.has(row.kind) && row.dueDate <= horizon)
      .map(
        (row) =>
          `${row.personName && row.personName !== '您' ? row.personName : ''}${taskLabel(row.kind)}到期`,
      );
  }
}

import { Injectable } from '@nestjs/common';

/**
 * What else staff should know when a customer walks in ("小明复查到期"): the reminders module
 * (which depends on staff tasks) registers here, so staff tasks never import it.
 */
export interface StaffTaskContext {
  /** Short notes such as `小明复查到期`, most urgent first. */
  arrivalNotes(memberId: number): Promise<string[]>;
}

@Injectable()
export class StaffTaskContextPort implements StaffTaskContext {
  private context: StaffTaskContext | null = null;

  register(context: StaffTaskContext): void {
    if (this.context) throw new Error('a staff-task context is registered twice');
    this.context = context;
  }

  arrivalNotes(memberId: number): Promise<string[]> {
    return this.context ? this.context.arrivalNotes(memberId) : Promise.resolve([]);
  }
}

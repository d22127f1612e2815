import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { ReminderExport } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { RemindersService } from './reminders.service';

/** Settings, subscribe-message grants, inbox and occurrences in the PIPL export; erasure deletes them. */
@Injectable()
export class RemindersPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'reminders';

  constructor(
    private readonly reminders: RemindersService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  exportFor(memberId: number): Promise<ReminderExport> {
    return this.reminders.exportFor(memberId);
  }

  eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    return this.reminders.eraseFor(manager, memberId);
  }
}

import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { StaffTaskExport } from '@lensloop/shared';
import type { EntityManager } from 'typeorm';
import { PersonalDataRegistry, type PersonalDataContributor } from '../../common/personal-data';
import { StaffTasksService } from './staff-tasks.service';

/** The tasks staff had about the member (their titles name the member and family). */
@Injectable()
export class StaffTasksPersonalData implements PersonalDataContributor, OnModuleInit {
  readonly section = 'staffTasks';

  constructor(
    private readonly tasks: StaffTasksService,
    private readonly personalData: PersonalDataRegistry,
  ) {}

  onModuleInit(): void {
    this.personalData.register(this);
  }

  exportFor(memberId: number): Promise<StaffTaskExport> {
    return this.tasks.exportFor(memberId);
  }

  eraseFor(manager: EntityManager, memberId: number): Promise<void> {
    return this.tasks.eraseFor(manager, memberId);
  }
}

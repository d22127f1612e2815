import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { BusinessClock } from './clock';
import { DatabaseOutage } from './database-outage';
import { PersonalDataRegistry } from './personal-data';
import { Readiness } from './readiness';
import { RunningHandlers } from './running-handlers';
import { TransactionRunner } from './transaction';

/** Cross-cutting providers every domain module uses. */
@Global()
@Module({
  providers: [
    TransactionRunner,
    BusinessClock,
    PersonalDataRegistry,
    DatabaseOutage,
    Readiness,
    RunningHandlers,
    { provide: APP_INTERCEPTOR, useExisting: RunningHandlers },
  ],
  exports: [TransactionRunner, BusinessClock, PersonalDataRegistry, DatabaseOutage, Readiness],
})
export class CommonModule {}

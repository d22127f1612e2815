import { Global, Module } from '@nestjs/common';
import { BusinessClock } from './clock';
import { DatabaseOutage } from './database-outage';
import { PersonalDataRegistry } from './personal-data';
import { Readiness } from './readiness';
import { TransactionRunner } from './transaction';
import { UnansweredRequests } from './unanswered-requests';

/** Cross-cutting providers every domain module uses. */
@Global()
@Module({
  providers: [
    TransactionRunner,
    BusinessClock,
    PersonalDataRegistry,
    DatabaseOutage,
    Readiness,
    UnansweredRequests,
  ],
  exports: [TransactionRunner, BusinessClock, PersonalDataRegistry, DatabaseOutage, Readiness],
})
export class CommonModule {}

import { Global, Module } from '@nestjs/common';
import { BusinessClock } from './clock';
import { DatabaseOutage } from './database-outage';
import { PersonalDataRegistry } from './personal-data';
import { Readiness } from './readiness';
import { TransactionRunner } from './transaction';

/** Cross-cutting providers every domain module uses. */
@Global()
@Module({
  providers: [TransactionRunner, BusinessClock, PersonalDataRegistry, DatabaseOutage, Readiness],
  exports: [TransactionRunner, BusinessClock, PersonalDataRegistry, DatabaseOutage, Readiness],
})
export class CommonModule {}

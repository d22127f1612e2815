import { Global, Module } from '@nestjs/common';
import { BusinessClock } from './clock';
import { PersonalDataRegistry } from './personal-data';
import { TransactionRunner } from './transaction';

/** Cross-cutting providers every domain module uses. */
@Global()
@Module({
  providers: [TransactionRunner, BusinessClock, PersonalDataRegistry],
  exports: [TransactionRunner, BusinessClock, PersonalDataRegistry],
})
export class CommonModule {}

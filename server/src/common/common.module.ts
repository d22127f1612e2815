import { Global, Module } from '@nestjs/common';
import { TransactionRunner } from './transaction';

/** Cross-cutting providers every domain module uses. */
@Global()
@Module({ providers: [TransactionRunner], exports: [TransactionRunner] })
export class CommonModule {}

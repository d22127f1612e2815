import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { PaymentsService } from './payments.service';

/** Settles payments whose notification never came. */
@Injectable()
export class PaymentReconciliationJob extends IntervalJob {
  readonly name = 'payment-reconciliation';

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly payments: PaymentsService,
  ) {
    super(config.jobs);
  }

  runOnce(): Promise<number> {
    return this.payments.reconcile();
  }
}

import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { GroupBuysService } from './group-buys.service';

/**
 * Fails group-buy groups past their deadline on the business clock and refunds their paid seats
 * exactly once (claimed `FOR UPDATE SKIP LOCKED`, failed by a conditional update, refunded under
 * a deterministic number): safe in every replica at once.
 */
@Injectable()
export class GroupBuyExpiryJob extends IntervalJob {
  readonly name = 'group-buy-expiry';

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly groupBuys: GroupBuysService,
  ) {
    super(config.jobs);
  }

  runOnce(): Promise<number> {
    return this.groupBuys.failExpired();
  }
}

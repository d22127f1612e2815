import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { ReferralsService } from './referrals.service';

/**
 * Grants referral rewards whose return window has passed on the business clock. Each reward is
 * claimed by a conditional update, so replicas (or parallel runs) never grant one twice.
 */
@Injectable()
export class ReferralRewardsJob extends IntervalJob {
  readonly name = 'referral-rewards';

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly referrals: ReferralsService,
  ) {
    super(config.jobs);
  }

  runOnce(): Promise<number> {
    return this.referrals.grantDue();
  }
}

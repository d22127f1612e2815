import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { MembershipService } from './membership.service';

const BATCH = 200;

/**
 * Lowers tiers whose spend aged out of the rolling 12 months, on the business clock. Only members
 * whose `reviewAt` (the moment their oldest paid order of the window leaves it) has come are
 * recomputed — not every member on every run; each recomputation sets the next `reviewAt`.
 */
@Injectable()
export class TierReviewJob extends IntervalJob {
  readonly name = 'tier-review';

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly membership: MembershipService,
  ) {
    super(config.jobs);
  }

  async runOnce(): Promise<number> {
    let handled = 0;
    // Each recomputation moves `reviewAt` past now, so the rounds end; the bound is a safety net.
    for (let round = 0; round < 1_000; round++) {
      const members = await this.membership.dueForReview(BATCH);
      for (const memberId of members) await this.membership.reviewTier(memberId);
      handled += members.length;
      if (members.length < BATCH) break;
    }
    return handled;
  }
}

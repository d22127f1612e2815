import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { PointsService } from './points.service';

const BATCH = 200;

/**
 * Expires points on the business clock: for every member holding points in lots past their
 * year-end expiry, one `expire` entry for what is left of them (one transaction per member).
 * Emptied lots are not found again, so a second run changes nothing.
 */
@Injectable()
export class PointsExpiryJob extends IntervalJob {
  readonly name = 'points-expiry';

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly points: PointsService,
  ) {
    super(config.jobs);
  }

  async runOnce(): Promise<number> {
    let handled = 0;
    for (;;) {
      const members = await this.points.membersWithExpiredPoints(BATCH);
      let expired = 0;
      for (const memberId of members) if ((await this.points.expireFor(memberId)) > 0) expired++;
      handled += expired;
      if (members.length < BATCH || expired === 0) return handled;
    }
  }
}

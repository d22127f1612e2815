import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { TagsService } from './tags.service';

/**
 * `tags`: once per business day (Asia/Shanghai, on the business clock) recomputes every member's
 * automatic tags — tenure and exam expiry move with the date — in batches of 1,000; the day is
 * claimed with a conditional update, so one replica does it. Saving tag rules makes the next run
 * recompute again.
 */
@Injectable()
export class TagsNightlyJob extends IntervalJob {
  readonly name = 'tags';

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tags: TagsService,
  ) {
    super(config.jobs);
  }

  runOnce(): Promise<number> {
    return this.tags.nightly();
  }
}

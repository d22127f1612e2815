import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { WecomService } from './wecom.service';

/** Polls WeCom's `transfer_result` for customer transfers still pending (nothing without WeCom). */
@Injectable()
export class WecomTransferResultsJob extends IntervalJob {
  readonly name = 'wecom-transfer-results';

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly wecom: WecomService,
  ) {
    super(config.jobs);
  }

  runOnce(): Promise<number> {
    return this.wecom.pollTransferResults();
  }
}

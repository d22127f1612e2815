import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, LessThan, type Repository } from 'typeorm';
import { BusinessClock } from '../../common/clock';
import type { AppConfig } from '../../infra/config/app-config';
import { APP_CONFIG } from '../../infra/config/config.module';
import { IntervalJob } from '../../infra/jobs/interval-job';
import { WecomCallbackEntity } from './entities/wecom-callback.entity';

/**
 * Stored callbacks are kept 7 days: long past their handling from the outbox, and a nonce needs
 * remembering only while its timestamp is accepted (5 minutes). They name customers, so they go.
 */
export const CALLBACK_KEEP_DAYS = 7;
const BATCH = 1_000;

@Injectable()
export class WecomCallbackPurgeJob extends IntervalJob {
  readonly name = 'wecom-callback-purge';

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectRepository(WecomCallbackEntity) private readonly callbacks: Repository<WecomCallbackEntity>,
    private readonly clock: BusinessClock,
  ) {
    super(config.jobs);
  }

  async runOnce(): Promise<number> {
    const before = new Date(this.clock.nowMs() - CALLBACK_KEEP_DAYS * 86_400_000);
    let purged = 0;
    for (;;) {
      const old = await this.callbacks.find({
        select: { id: true },
        where: { receivedAt: LessThan(before) },
        order: { receivedAt: 'ASC' },
        take: BATCH,
      });
      if (!old.length) return purged;
      await this.callbacks.delete({ id: In(old.map((row) => row.id)) });
      purged += old.length;
    }
  }
}

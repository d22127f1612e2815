import { Inject, Injectable } from '@nestjs/common';
import { BusinessClock } from '../../../common/clock';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { IntervalJob } from '../../jobs/interval-job';
import { WechatPayClient } from './wechat-pay-client';

/** A downloaded certificate list is used this long before it is fetched again (WeChat's SDKs: 12 h). */
const REFRESH_AFTER_MS = 12 * 3600 * 1000;

/**
 * With `WECHATPAY_DOWNLOAD_CERTIFICATES`, keeps the platform certificates WeChat lists trusted
 * besides the configured keys, so that a certificate rotation by WeChat needs no configuration.
 */
@Injectable()
export class WechatPayCertificatesJob extends IntervalJob {
  readonly name = 'wechat-pay-certificates';
  private refreshedAt: number | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly pay: WechatPayClient,
    private readonly clock: BusinessClock,
  ) {
    super(config.jobs);
  }

  async runOnce(): Promise<number> {
    if (!this.config.wechatPay?.downloadCertificates) return 0;
    if (this.refreshedAt !== null && this.clock.nowMs() - this.refreshedAt < REFRESH_AFTER_MS) return 0;
    const serials = await this.pay.downloadPlatformCertificates();
    this.refreshedAt = this.clock.nowMs();
    this.logger.log(`platform certificates downloaded: ${serials.join(', ')}`);
    return serials.length;
  }
}

import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { WechatPayCertificatesJob } from './pay/wechat-pay-certificates.job';
import { WechatPayClient } from './pay/wechat-pay-client';
import { WechatClient } from './wechat-client';

@Global()
@Module({
  providers: [
    {
      provide: WechatClient,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.wechat.apiBaseUrl) throw new Error('WeChat API base URL is not configured');
        return new WechatClient(config.wechat.apiBaseUrl, config.wechat.appId, config.wechat.appSecret);
      },
    },
    {
      provide: WechatPayClient,
      inject: [APP_CONFIG],
      // Read at call time: outside production main.ts fills in generated keys for the fake.
      useFactory: (config: AppConfig) =>
        new WechatPayClient(() => {
          if (!config.wechatPay) throw new Error('WeChat Pay is not configured');
          return config.wechatPay;
        }),
    },
    WechatPayCertificatesJob,
  ],
  exports: [WechatClient, WechatPayClient],
})
export class WechatModule {}

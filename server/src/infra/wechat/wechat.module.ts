import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
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
  ],
  exports: [WechatClient],
})
export class WechatModule {}

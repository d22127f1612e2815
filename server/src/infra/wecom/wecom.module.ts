import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { WecomClient } from './wecom-client';
import { WecomCrypto } from './wecom-crypto';

/** The WeCom client and callback crypto, or null for a chain without WeCom (everything works without). */
export class WecomAccess {
  constructor(
    readonly client: WecomClient | null,
    readonly crypto: WecomCrypto | null,
    readonly corpId: string | null,
  ) {}
}

@Global()
@Module({
  providers: [
    {
      provide: WecomAccess,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.wecom
          ? new WecomAccess(
              new WecomClient(config.wecom),
              new WecomCrypto(config.wecom.token, config.wecom.encodingAesKey, config.wecom.corpId),
              config.wecom.corpId,
            )
          : new WecomAccess(null, null, null),
    },
  ],
  exports: [WecomAccess],
})
export class WecomModule {}

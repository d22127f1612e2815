import { createSecretKey } from 'node:crypto';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from './common/auth/auth.guard';
import { CommonModule } from './common/common.module';
import { AllExceptionsFilter } from './common/exception.filter';
import { RedisThrottlerStorage } from './common/redis-throttler-storage';
import type { AppConfig } from './infra/config/app-config';
import { ConfigModule } from './infra/config/config.module';
import { dataSourceOptions } from './infra/database/data-source';
import { EventsModule } from './infra/events/events.module';
import { MetricsModule } from './infra/metrics/metrics.module';
import { WechatModule } from './infra/wechat/wechat.module';
import { WecomModule } from './infra/wecom/wecom.module';
import { AppointmentsModule } from './modules/appointments/appointments.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { CartModule } from './modules/cart/cart.module';
import { CatalogModule } from './modules/catalog/catalog.module';
import { CouponsModule } from './modules/coupons/coupons.module';
import { CustomersModule } from './modules/customers/customers.module';
import { WalletModule } from './modules/wallet/wallet.module';
import { MembershipModule } from './modules/membership/membership.module';
import { DevModule } from './modules/dev/dev.module';
import { HealthModule } from './modules/health/health.module';
import { MembersModule } from './modules/members/members.module';
import { PrescriptionsModule } from './modules/prescriptions/prescriptions.module';
import { PrivacyModule } from './modules/privacy/privacy.module';
import { OrdersModule } from './modules/orders/orders.module';
import { PaymentsModule } from './modules/payments/payments.module';
import { ReferralsModule } from './modules/referrals/referrals.module';
import { RemindersModule } from './modules/reminders/reminders.module';
import { GroupBuysModule } from './modules/group-buys/group-buys.module';
import { StaffModule } from './modules/staff/staff.module';
import { StaffTasksModule } from './modules/staff-tasks/staff-tasks.module';
import { StoresModule } from './modules/stores/stores.module';
import { TagsModule } from './modules/tags/tags.module';
import { TradeInsModule } from './modules/trade-ins/trade-ins.module';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.register(config),
        TypeOrmModule.forRoot(dataSourceOptions(config.database)),
        JwtModule.register({
          global: true,
          // A KeyObject: given the string, jsonwebtoken first tries to parse it as a PEM public key on
          // every verify and catches the failure — a tenth of an order create's CPU.
          secret: createSecretKey(Buffer.from(config.jwt.secret, 'utf8')),
          signOptions: { expiresIn: config.jwt.ttlSeconds, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: 60_000, limit: config.authRateLimitPerMinute }],
          // Shared by the replicas when REDIS_URL is set; in this process's memory otherwise.
          storage: config.redisUrl ? new RedisThrottlerStorage(config.redisUrl) : undefined,
        }),
        CommonModule,
        EventsModule,
        MetricsModule,
        WechatModule,
        WecomModule,
        HealthModule,
        AuthModule,
        MembersModule,
        StaffModule,
        StoresModule,
        CatalogModule,
        AuditModule,
        PrescriptionsModule,
        PrivacyModule,
        CartModule,
        OrdersModule,
        CouponsModule,
        TradeInsModule,
        WalletModule,
        MembershipModule,
        PaymentsModule,
        AppointmentsModule,
        ReferralsModule,
        GroupBuysModule,
        TagsModule,
        CustomersModule,
        StaffTasksModule,
        RemindersModule,
        // Test clock and job trigger: never mounted in production.
        ...(config.environment === 'production' ? [] : [DevModule]),
      ],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
      ],
    };
  }
}

import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRegistry } from '../jobs/job-registry';
import { MetricsService } from './metrics.service';

/** Prometheus metrics (see MetricsService); the HTTP layer reports each response to it. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [MetricsService, JobRegistry],
  exports: [MetricsService],
})
export class MetricsModule {}

import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobRegistry } from '../../infra/jobs/job-registry';
import { DevController } from './dev.controller';

/** Dev/test facilities; AppModule leaves this module out in production, so its routes are 404 there. */
@Module({
  imports: [DiscoveryModule],
  controllers: [DevController],
  providers: [JobRegistry],
})
export class DevModule {}

import { Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { IntervalJob } from './interval-job';

/** Every background job of the app, found among the providers, by name. */
@Injectable()
export class JobRegistry {
  constructor(private readonly discovery: DiscoveryService) {}

  all(): IntervalJob[] {
    return this.discovery
      .getProviders()
      .map((wrapper) => wrapper.instance as unknown)
      .filter((instance): instance is IntervalJob => instance instanceof IntervalJob)
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  find(name: string): IntervalJob | undefined {
    return this.all().find((job) => job.name === name);
  }
}

import { Controller, Get, HttpException, HttpStatus, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Health } from '@lensloop/shared';
import { DataSource } from 'typeorm';

@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** Ready when the database answers; load balancers take the instance out on 503. */
  @Get()
  async getHealth(): Promise<Health> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new HttpException('The database is not reachable.', HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', database: 'up' };
  }
}

import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type Health, type Liveness } from '@lensloop/shared';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/roles.decorator';
import { DatabaseOutage } from '../../common/database-outage';
import { DomainError } from '../../common/domain-error';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { Readiness } from '../../common/readiness';

/** A readiness probe that waits longer than this for the database answers 503 (pool exhausted, host hung). */
const READY_TIMEOUT_MS = 1_500;

class HealthDto implements Health {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';

  @ApiProperty({ enum: ['up'] })
  database: 'up';
}

class LivenessDto implements Liveness {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';
}

@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outage: DatabaseOutage,
    private readonly readiness: Readiness,
  ) {}

  /** Ready when the database answers; load balancers take the instance out on 503. */
  @Get()
  @ApiOperation({ summary: 'Check readiness (503 when the database does not answer)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiErrors(ErrorCode.SERVICE_UNAVAILABLE)
  @Public()
  getHealth(): Promise<Health> {
    return this.getReady();
  }

  /**
   * Readiness: 503 while the database does not answer within 1.5 s (down, or every pooled
   * connection busy) and from SIGTERM on (draining), so the load balancer sends traffic elsewhere.
   */
  @Get('ready')
  @ApiOperation({ summary: 'Check readiness (503 when the database does not answer or the replica drains)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiErrors(ErrorCode.SERVICE_UNAVAILABLE)
  @Public()
  async getReady(): Promise<Health> {
    if (this.readiness.draining) {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'This replica is shutting down.');
    }
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error('the database did not answer in time')),
            READY_TIMEOUT_MS,
          );
        }),
      ]);
    } catch (error) {
      this.outage.report(error);
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'The database is not reachable.');
    } finally {
      clearTimeout(timer);
    }
    return { status: 'ok', database: 'up' };
  }

  /** Liveness: the process answers; never touches the database, so an outage does not restart replicas. */
  @Get('live')
  @ApiOperation({ summary: 'Check liveness (the process answers; no database call)' })
  @ApiOkResponse({ type: LivenessDto })
  @Public()
  getLive(): Liveness {
    return { status: 'ok' };
  }
}

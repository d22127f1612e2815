import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ErrorCode, type Health } from '@lensloop/shared';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/roles.decorator';
import { DatabaseOutage } from '../../common/database-outage';
import { DomainError } from '../../common/domain-error';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';

class HealthDto implements Health {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';

  @ApiProperty({ enum: ['up'] })
  database: 'up';
}

@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outage: DatabaseOutage,
  ) {}

  /** Ready when the database answers; load balancers take the instance out on 503. */
  @Get()
  @ApiOperation({ summary: 'Check readiness (503 when the database does not answer)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiErrors(ErrorCode.SERVICE_UNAVAILABLE)
  @Public()
  async getHealth(): Promise<Health> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (error) {
      this.outage.report(error);
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'The database is not reachable.');
    }
    return { status: 'ok', database: 'up' };
  }
}

import { Controller, Get, HttpException, HttpStatus, VERSION_NEUTRAL } from '@nestjs/common';
import {
  ApiTags,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiServiceUnavailableResponse,
} from '@nestjs/swagger';
import type { Health } from '@lensloop/shared';
import { DataSource } from 'typeorm';
import { Public } from '../../common/auth/roles.decorator';

class HealthDto implements Health {
  @ApiProperty({ enum: ['ok'] })
  status: 'ok';

  @ApiProperty({ enum: ['up'] })
  database: 'up';
}

@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

  /** Ready when the database answers; load balancers take the instance out on 503. */
  @Get()
  @ApiOperation({ summary: 'Check readiness (503 when the database does not answer)' })
  @ApiOkResponse({ type: HealthDto })
  @ApiServiceUnavailableResponse({ description: 'The database is not reachable.' })
  @Public()
  async getHealth(): Promise<Health> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch {
      throw new HttpException('The database is not reachable.', HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', database: 'up' };
  }
}

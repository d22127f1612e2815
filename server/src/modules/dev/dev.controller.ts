import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags, ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { ErrorCode, type DevClockRequest, type DevClockResponse, type DevJobRun } from '@lensloop/shared';
import { Equals, IsInt, IsOptional, Max, Min, ValidateIf } from 'class-validator';
import { BusinessClock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { JobRegistry } from '../../infra/jobs/job-registry';
import { ApiErrors } from '../../common/openapi/api-errors.decorator';
import { Public } from '../../common/auth/roles.decorator';

const TEN_YEARS_SECONDS = 10 * 366 * 24 * 3600;

export class DevClockDto implements DevClockRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: TEN_YEARS_SECONDS, description: 'move the clock forward' })
  @ValidateIf((body: DevClockDto) => body.reset === undefined)
  @IsInt()
  @Min(1)
  @Max(TEN_YEARS_SECONDS)
  advanceSeconds?: number;

  @ApiPropertyOptional({ enum: [true], description: 'back to real time' })
  @IsOptional()
  @Equals(true)
  reset?: boolean;
}

class DevClockResponseDto implements DevClockResponse {
  @ApiProperty({ format: 'date-time', description: 'The business clock after the move.' })
  now: string;
}

class JobNameDto {
  @ApiProperty({ example: 'order-expiry' })
  name: string;
}

class DevJobRunDto implements DevJobRun {
  @ApiProperty({ example: 'order-expiry' })
  name: string;

  @ApiProperty({ description: 'How many items the run handled.' })
  handled: number;
}

/**
 * Test facilities, mounted only outside production (see AppModule): the business clock that
 * every time rule reads, and running a background job now. Unauthenticated, like a payment
 * provider's test clock, because they exist only on development and test deployments.
 */
@ApiTags('dev')
@Controller('dev')
export class DevController {
  constructor(
    private readonly clock: BusinessClock,
    private readonly jobs: JobRegistry,
  ) {}

  @Post('clock')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the business clock forward, or back to real time' })
  @ApiOkResponse({ type: DevClockResponseDto })
  @ApiErrors(ErrorCode.VALIDATION_FAILED)
  @Public()
  moveClock(@Body() body: DevClockDto): DevClockResponse {
    const now = body.reset ? this.clock.reset() : this.clock.advance(body.advanceSeconds ?? 0);
    return { now: now.toISOString() };
  }

  @Get('jobs')
  @ApiOperation({ summary: 'List the background jobs' })
  @ApiOkResponse({ type: [JobNameDto] })
  @Public()
  listJobs(): { name: string }[] {
    return this.jobs.all().map((job) => ({ name: job.name }));
  }

  /** Runs one background job now and answers when it has finished. */
  @Post('jobs/:name/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run a background job now and answer when it has finished' })
  @ApiOkResponse({ type: DevJobRunDto })
  @ApiErrors(ErrorCode.JOB_NOT_FOUND)
  @Public()
  async runJob(@Param('name') name: string): Promise<DevJobRun> {
    const job = this.jobs.find(name);
    if (!job) throw new DomainError(ErrorCode.JOB_NOT_FOUND, `There is no job called ${name}.`);
    return { name, handled: await job.run() };
  }
}

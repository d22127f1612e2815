import {
  Injectable,
  type BeforeApplicationShutdown,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { finalize, type Observable } from 'rxjs';

/**
 * The route handlers running in this process, so that shutdown closes the database pool only once
 * the last of them has finished. Fastify's close waits for open connections only: a request whose
 * client has gone (a timeout, a mini-program closed mid-request) is still being handled, and its
 * statements would otherwise meet a closed pool.
 */
@Injectable()
export class RunningHandlers implements NestInterceptor, BeforeApplicationShutdown {
  private running = 0;
  private waitingForIdle: (() => void)[] = [];

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    this.running += 1;
    return next.handle().pipe(
      finalize(() => {
        this.running -= 1;
        if (this.running === 0) for (const idle of this.waitingForIdle.splice(0)) idle();
      }),
    );
  }

  /** Runs before the TypeORM module closes the pool (`onApplicationShutdown`). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.running > 0) await new Promise<void>((idle) => this.waitingForIdle.push(idle));
  }
}

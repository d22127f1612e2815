import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';

/**
 * The requests this process is still working on, so that shutdown closes the database pool only
 * once the last of them has been answered. Fastify's close waits for open connections only: a
 * request whose client has gone (a timeout, a mini-program closed mid-request) is still being
 * handled, and its statements would otherwise meet a closed pool. Fed by Fastify's hooks
 * (app.factory.ts): a request counts from `onRequest` until its answer is sent (`onSend`), which a
 * route handler does once it has finished, whether the client is still there or not.
 */
@Injectable()
export class UnansweredRequests implements BeforeApplicationShutdown {
  private readonly requests = new Set<object>();
  private waitingForNone: (() => void)[] = [];

  received(request: object): void {
    this.requests.add(request);
  }

  answered(request: object): void {
    if (!this.requests.delete(request) || this.requests.size > 0) return;
    for (const none of this.waitingForNone.splice(0)) none();
  }

  /** Runs before the TypeORM module closes the pool (`onApplicationShutdown`). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.requests.size > 0) await new Promise<void>((none) => this.waitingForNone.push(none));
  }
}

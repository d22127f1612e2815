import { AsyncLocalStorage } from 'node:async_hooks';
import { ConsoleLogger, type LogLevel } from '@nestjs/common';

interface RequestContext {
  /** The request's `x-request-id` (kept from the caller or generated), or the id an event was published under. */
  requestId?: string;
}

/**
 * The request being served, carried across `await`s: every log line and every outbox event written
 * while serving it names its id, so a support ticket's `requestId` finds all of it.
 */
const storage = new AsyncLocalStorage<RequestContext>();

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs `work` as part of request `requestId` (an incoming request, or the delivery of its events). */
export function runWithRequestId<T>(requestId: string | null | undefined, work: () => T): T {
  return storage.run({ requestId: requestId ?? undefined }, work);
}

/** Runs `work` outside any request (background jobs woken up by a request's commit). */
export function runOutsideRequest<T>(work: () => T): T {
  return storage.exit(work);
}

/** Nest's JSON console logger, with the current request's id on each line that has one. */
export class RequestAwareLogger extends ConsoleLogger {
  protected override getJsonLogObject(
    message: unknown,
    options: {
      context: string;
      logLevel: LogLevel;
      writeStreamType?: 'stdout' | 'stderr';
      errorStack?: unknown;
    },
  ): ReturnType<ConsoleLogger['getJsonLogObject']> {
    const line = super.getJsonLogObject(message, options);
    const requestId = currentRequestId();
    return requestId ? Object.assign(line, { requestId }) : line;
  }
}

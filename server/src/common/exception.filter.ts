import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { ErrorCode, type ErrorBody } from '@lensloop/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DatabaseOutage, isDatabaseUnreachable } from './database-outage';
import { DomainError, httpStatusOf } from './domain-error';
import { isRetryableConflict } from './transaction';

/** What a 503 tells clients to wait before trying again: about how long a database failover takes. */
const RETRY_AFTER_SECONDS = 5;

/** Nest's own HTTP exceptions (unknown route, bad JSON, too large) mapped to our codes. */
function codeOfHttpException(status: number): ErrorCode {
  switch (status) {
    case HttpStatus.NOT_FOUND:
      return ErrorCode.NOT_FOUND;
    case HttpStatus.UNAUTHORIZED:
      return ErrorCode.UNAUTHENTICATED;
    case HttpStatus.FORBIDDEN:
      return ErrorCode.FORBIDDEN;
    case HttpStatus.TOO_MANY_REQUESTS:
      return ErrorCode.RATE_LIMITED;
    default:
      return status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED;
  }
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const message = (response as { message: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return exception.message;
}

/** The one place where errors become HTTP responses with the body of docs/architecture.md. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly outage: DatabaseOutage) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const body = this.toBody(exception, request);
    if (body.code === ErrorCode.SERVICE_UNAVAILABLE) {
      // Outages are logged once by DatabaseOutage, not once per request; conflicts each time.
      if (isRetryableConflict(exception))
        request.log.warn({ err: exception }, 'conflict outlived the retries');
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (body.statusCode >= 500) {
      request.log.error({ err: exception }, 'request failed');
    }
    void reply.status(body.statusCode).header('content-type', 'application/json').send(body);
  }

  private toBody(exception: unknown, request: FastifyRequest): ErrorBody {
    const requestId = String(request.id);
    if (isDatabaseUnreachable(exception)) {
      this.outage.report(exception);
      return {
        statusCode: 503,
        code: ErrorCode.SERVICE_UNAVAILABLE,
        message: 'The service is unavailable for a moment; try again shortly.',
        details: [],
        requestId,
      };
    }
    if (isRetryableConflict(exception)) {
      // A deadlock, Galera certification failure or lock wait that TransactionRunner's retries did
      // not get past (one row written from several nodes at once), or one outside a unit of work:
      // the database rolled it back, nothing changed, and the client may simply try again.
      return {
        statusCode: 503,
        code: ErrorCode.SERVICE_UNAVAILABLE,
        message: 'The service is busy for a moment; try again shortly.',
        details: [],
        requestId,
      };
    }
    if (exception instanceof DomainError) {
      return {
        statusCode: httpStatusOf(exception.code),
        code: exception.code,
        message: exception.message,
        details: exception.details,
        requestId,
      };
    }
    if (exception instanceof ThrottlerException) {
      return {
        statusCode: 429,
        code: ErrorCode.RATE_LIMITED,
        message: 'Too many requests; try again in a minute.',
        details: [],
        requestId,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const code = codeOfHttpException(statusCode);
      const message =
        code === ErrorCode.NOT_FOUND ? `No route for ${request.method} ${request.url}` : messageOf(exception);
      return { statusCode, code, message, details: [], requestId };
    }
    // Fastify's own client errors (malformed JSON, body too large, bad content type) carry a 4xx statusCode.
    const statusCode = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return {
        statusCode,
        code: statusCode === 404 ? ErrorCode.NOT_FOUND : ErrorCode.VALIDATION_FAILED,
        message: exception instanceof Error ? exception.message : 'Bad request',
        details: [],
        requestId,
      };
    }
    return {
      statusCode: 500,
      code: ErrorCode.INTERNAL_ERROR,
      message: 'Something went wrong on our side; quote the request id when reporting it.',
      details: [],
      requestId,
    };
  }
}

import type { ArgumentsHost } from '@nestjs/common';
import { ErrorCode } from '@lensloop/shared';
import type { DatabaseOutage } from './database-outage';
import { DomainError } from './domain-error';
import { AllExceptionsFilter } from './exception.filter';

/** What the filter answered: status, headers, body, and what it logged at warn and error. */
function answer(exception: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = {
    headers: {},
  };
  const logged = { warn: 0, error: 0 };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: Record<string, unknown>) {
      sent.body = body;
      return reply;
    },
  };
  const request = {
    id: 'request-1',
    method: 'POST',
    url: '/api/v1/orders',
    log: { warn: () => logged.warn++, error: () => logged.error++ },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  const outages: unknown[] = [];
  const outage = { report: (error: unknown) => outages.push(error) } as unknown as DatabaseOutage;
  new AllExceptionsFilter(outage).catch(exception, host);
  return { ...sent, logged, outages };
}

describe('AllExceptionsFilter', () => {
  it.each([
    ['a deadlock or Galera certification failure (1213)', 1213],
    ['a lock wait timeout (1205)', 1205],
  ])(
    'should answer %s that outlived the retries with 503 and Retry-After, logged, not as an outage',
    (_label, errno) => {
      const result = answer(Object.assign(new Error('Deadlock found when trying to get lock'), { errno }));
      expect(result.status).toBe(503);
      expect(result.body).toMatchObject({ code: ErrorCode.SERVICE_UNAVAILABLE, requestId: 'request-1' });
      expect(result.headers['retry-after']).toBe('5');
      expect(result.logged).toEqual({ warn: 1, error: 0 });
      expect(result.outages).toEqual([]);
    },
  );

  it('should answer a lost connection 503 and report the outage', () => {
    const result = answer(Object.assign(new Error('Connection lost'), { fatal: true }));
    expect(result.status).toBe(503);
    expect(result.outages).toHaveLength(1);
    expect(result.logged).toEqual({ warn: 0, error: 0 });
  });

  it('should still answer an unknown error 500 and log it, and a domain error with its own status', () => {
    const unknown = answer(Object.assign(new Error('Unknown column'), { errno: 1054 }));
    expect(unknown.status).toBe(500);
    expect(unknown.body).toMatchObject({ code: ErrorCode.INTERNAL_ERROR });
    expect(unknown.logged).toEqual({ warn: 0, error: 1 });
    const domain = answer(new DomainError(ErrorCode.OUT_OF_STOCK, 'Not enough stock.'));
    expect(domain.status).toBe(409);
  });
});

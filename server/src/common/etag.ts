import { createHash } from 'node:crypto';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Conditional GETs for public reads that many clients repeat (the catalog): the route answers an
 * `ETag` that is a hash of the exact bytes it sends, and `Cache-Control: no-cache` so a client
 * keeps the copy but asks each time; a request whose `If-None-Match` names that tag gets `304`
 * without a body.
 *
 * A hash of the answer rather than a catalog version: it is right on every replica with nothing
 * shared to invalidate, whoever changed the rows (an order's stock decrement, a seed, a migration,
 * a hand-made fix in SQL), and the detail shows per-store stock, which a version bumped by the
 * catalog's own writes would miss. It saves the transfer and the client's re-render, not the
 * server's statements — those are the catalog's hot paths, measured in docs/benchmarks.md.
 */
export const ETAG_ROUTE_CONFIG = 'etag';

/** Marks a GET route whose 200 answers carry an ETag and honour `If-None-Match`. */
export const ConditionalGet = () => RouteConfig({ [ETAG_ROUTE_CONFIG]: true });

/** The strong tag of a body: 16 bytes of its SHA-1, base64url. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"`;
}

/** Whether an `If-None-Match` header names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = etag.replace(/^W\//, '');
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag.replace(/^W\//, '') === bare);
}

/** The `onSend` hook that tags the marked routes' answers and turns a match into `304`. */
export function registerConditionalGets(fastify: FastifyInstance): void {
  fastify.addHook(
    'onSend',
    async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
      const config = request.routeOptions.config as unknown as Record<string, unknown> | undefined;
      if (!config?.[ETAG_ROUTE_CONFIG] || reply.statusCode !== 200) return payload;
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
      const etag = etagOf(payload);
      reply.header('etag', etag);
      reply.header('cache-control', 'no-cache');
      if (!matchesIfNoneMatch(request.headers['if-none-match'], etag)) return payload;
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-length');
      return '';
    },
  );
}

import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { VersioningType, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { LogController } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { buildOpenApiDocument } from './common/openapi/openapi-document';
import { registerConditionalGets } from './common/etag';
import { setH5CacheHeaders, setStaticCacheHeaders } from './common/static-assets';
import { RequestAwareLogger, runWithRequestId } from './common/request-context';
import { UnansweredRequests } from './common/unanswered-requests';
import { createValidationPipe } from './common/validation';
import type { AppConfig } from './infra/config/app-config';
import { MetricsService } from './infra/metrics/metrics.service';

// Nest's own start-up chatter (module and route listings) shows from `debug` on.
const NEST_LOG_LEVELS: Record<string, LogLevel[]> = {
  silent: [],
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** A caller-supplied request id is kept when it is safe to log, so traces join up across services. */
function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
}

/** Builds the whole HTTP application; `main.ts` listens on it, tests drive it directly. */
export async function createApp(config: AppConfig): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    genReqId: (request: IncomingMessage) => requestIdOf(request.headers['x-request-id']),
    // Fastify's request lines and Nest's lines (RequestAwareLogger) name the id the same way.
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: 256 * 1024,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config), adapter, {
    logger: new RequestAwareLogger({ json: true, logLevels: NEST_LOG_LEVELS[config.logLevel] }),
    // WeChat Pay signs the exact bytes of its notifications.
    rawBody: true,
  });
  app.setGlobalPrefix('api');
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  const fastify = app.getHttpAdapter().getInstance();
  // WeCom posts its callbacks as XML; the customers module verifies and decrypts the text.
  fastify.addContentTypeParser(
    ['text/xml', 'application/xml'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );
  // Everything done while serving the request (services' log lines, events it publishes) knows its id.
  // Shutdown waits for every request received to be answered before it closes the pool.
  const unanswered = app.get(UnansweredRequests);
  fastify.addHook('onRequest', (request, _reply, done) => {
    unanswered.received(request);
    runWithRequestId(String(request.id), done);
  });
  // Rate and latency per route pattern (`/api/v1/orders/:id`), never per raw URL.
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    done();
  });
  fastify.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    unanswered.answered(request);
  });
  registerConditionalGets(fastify);
  // wx.request (and Taro.request) send `content-type: application/json` on a DELETE without a body,
  // which Fastify's JSON parser refuses as an empty JSON body; without a body that header means nothing.
  fastify.addHook('onRequest', async (request) => {
    const length = request.headers['content-length'];
    const hasBody =
      (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
    if (!hasBody) delete request.headers['content-type'];
  });

  // Multipart bodies (trade-in photos) are streamed by the route that reads them, which sets its own limits.
  await app.register(fastifyMultipart, { limits: { fileSize: 5 * 1024 * 1024, files: 1, parts: 1 } });
  // Only routes whose document declares a multipart body take one; elsewhere the JSON fields would
  // silently be missing (a PATCH would answer 200 having changed nothing).
  let multipartRoutes = new Set<string>();
  fastify.addHook('preValidation', async (request) => {
    if (request.isMultipart() && !multipartRoutes.has(request.routeOptions.url ?? '')) {
      throw Object.assign(new Error('This route takes a JSON body, not multipart/form-data.'), {
        statusCode: 415,
      });
    }
  });

  const document = buildOpenApiDocument(app);
  multipartRoutes = new Set(
    Object.entries(document.paths)
      .filter(([, operations]) =>
        Object.values(operations).some(
          (operation: { requestBody?: { content?: Record<string, unknown> } }) =>
            operation?.requestBody?.content?.['multipart/form-data'] !== undefined,
        ),
      )
      .map(([path]) => path.replace(/\{(\w+)\}/g, ':$1')),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });

  await app.register(fastifyStatic, {
    root: config.staticDirectory,
    prefix: '/static/',
    decorateReply: false,
    // Cache-Control is set per request: a year for content-fingerprinted URLs (`?v=`).
    cacheControl: false,
    setHeaders: setStaticCacheHeaders,
  });
  if (existsSync(config.h5Directory)) {
    await app.register(fastifyStatic, {
      root: config.h5Directory,
      prefix: '/',
      decorateReply: false,
      cacheControl: false,
      setHeaders: setH5CacheHeaders,
    });
  }
  return app;
}

export function dataSourceOf(app: NestFastifyApplication): DataSource {
  return app.get(DataSource);
}

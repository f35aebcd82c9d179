import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/exception.filter';
import { useDepthLimitedJson } from './common/json-body';
import { createLogger, PinoNestLogger, registerRequestLog } from './common/logger';
import { registerRateLimits } from './common/rate-limit';
import { applyDeferredApiDocs } from './common/schema';
import { registerSecurityHeaders } from './common/security-headers';
import type { AppConfig } from './config/configuration';
import type { Clock } from './common/clock';
import { MetricsService } from './modules/metrics/metrics.service';
import { seedDemoCountyIfEmpty } from './seed/demo-seed';
import { newStandInState, registerWechatStandIn } from './modules/wechat/wechat-standin';

/** Build the whole application (used by main and by the e2e tests). */
/** A build file whose name carries its content hash (`app.3f9c2a1b.js`, `js/2953.96ef90a4.js`, and their .br/.gz copies). */
const HASHED_ASSET = /[.-][0-9a-f]{8,}\.(js|css|png|jpg|svg|woff2?|ttf)(\.br|\.gz)?$/;

export async function createApp(config: AppConfig, options: { logLevel?: string; clock?: Clock } = {}): Promise<NestFastifyApplication> {
  const logger = createLogger(options.logLevel ?? config.app.logLevel);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    // One line per request (registerRequestLog), not Fastify's two.
    disableRequestLogging: true,
    bodyLimit: config.app.bodyLimit,
    trustProxy: config.app.trustProxy,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options.clock), adapter, {
    logger: new PinoNestLogger(logger),
  });
  app.setGlobalPrefix('api');
  // No global pipe: every body, query and path parameter is read through its schema (common/schema.ts).
  app.useGlobalFilters(new AllExceptionsFilter());
  const fastify = app.getHttpAdapter().getInstance();
  registerRequestLog(fastify);
  // Request latency per route template for /metrics.
  const metrics = app.get(MetricsService);
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observe(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    done();
  });
  // Multipart bodies (POST /api/uploads) are read by the route itself, past BODY_LIMIT_BYTES,
  // up to UPLOAD_MAX_BYTES for the one file and a few short fields.
  await app.register(multipart, {
    limits: { fileSize: config.uploads.maxBytes, files: 1, fields: 4, fieldSize: 256, parts: 5, headerPairs: 20 },
  });
  useDepthLimitedJson(app, config);
  await registerSecurityHeaders(app, config);
  await registerRateLimits(app, config);
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });

  if (config.app.apiDocs) {
    // Built on the first request for the docs, once, not at every start (it walks every route and
    // turns every schema into JSON Schema: a good part of the start-up time).
    let document: OpenAPIObject | null = null;
    const openApi = (): OpenAPIObject => {
      applyDeferredApiDocs();
      return (document ??= SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('县总工会服务平台 API')
          .setDescription('入会、会籍接转、消息、工作台。错误统一为 { code, message }。')
          .setVersion(config.app.version)
          .addBearerAuth()
          .build(),
      ));
    };
    SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/docs/openapi.json' });
  }

  if (config.wechat.standIn) {
    registerWechatStandIn(fastify, newStandInState(config.wechat.appId, config.wechat.appSecret), '/wechat-standin');
  }
  if (config.app.h5Dir && existsSync(config.app.h5Dir)) {
    // wildcard: files are looked up per request, so an H5 rebuild (`npm run dev`, or a redeploy
    // in place) is served without a restart; `false` would fix the file list at start. Unknown
    // paths still fall through to the JSON 404. Per-request lookup would also serve dotfiles,
    // which the start-time list skipped: keep them hidden.
    // preCompressed: the build writes .br/.gz copies (scripts/compress-h5.js), sent by Accept-Encoding.
    // Hashed names never change content: cached for a year; index.html is revalidated every time.
    app.useStaticAssets({
      root: config.app.h5Dir,
      prefix: '/',
      index: ['index.html'],
      wildcard: true,
      dotfiles: 'ignore',
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        // @fastify/static hands over the Fastify reply (`header`); Nest's typing still says a raw response.
        const reply = res as unknown as { header: (name: string, value: string) => unknown };
        reply.header('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  await app.init();
  if (config.app.demoMode) await seedDemoCountyIfEmpty(app);
  return app;
}

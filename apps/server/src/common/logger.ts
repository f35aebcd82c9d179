import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Structured JSON logs. Request logs carry the request id and the path without its query
 * string; bodies are never logged; headers that carry credentials are redacted.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { service: 'union' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        // @fastify/multipart traces its options, request headers included.
        'busboyOptions.headers.authorization',
        'busboyOptions.headers.cookie',
        '*.idNumber',
        '*.phone',
        '*.sessionKey',
      ],
      censor: '[redacted]',
    },
    serializers: {
      // File links carry a bearer token in the path: keep it out of the logs.
      req: (req: { id: string; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0].replace(/^(\/api\/files\/)[^/]+/, '$1[token]'),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * One log line per request, when it is answered: method, path (no query string, no file token),
 * status and time, under the request's id. Fastify's own request logging writes two (on arrival
 * and on answer), which at info level costs a noticeable share of the throughput; the server turns
 * it off (`disableRequestLogging`) and registers this instead.
 */
export function registerRequestLog(fastify: FastifyInstance): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    request.log.info({ req: request, res: reply, responseTime: Math.round(reply.elapsedTime * 10) / 10 }, 'request completed');
    done();
  });
}

/** Nest's own log lines through the same JSON logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'info' | 'warn' | 'error' | 'debug' | 'trace', message: unknown, context?: unknown): void {
    const ctx = typeof context === 'string' ? { context } : {};
    if (message && typeof message === 'object') this.logger[level]({ ...ctx, ...(message as object) });
    else this.logger[level](ctx, String(message));
  }

  log(message: unknown, context?: string): void {
    this.write('info', message, context);
  }
  error(message: unknown, ...rest: unknown[]): void {
    const second = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const context = rest[rest.length - 1];
    // `logger.error({ ...fields }, 'what happened')`: the string is the message, not a stack.
    if (message && typeof message === 'object') this.logger.error({ context, ...(message as object) }, second ?? 'error');
    else if (second) this.logger.error({ context, stack: second }, String(message));
    else this.write('error', message, context);
  }
  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }
}

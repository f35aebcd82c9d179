import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ERROR_CODES, type ErrorBody, type ErrorCode } from '@union/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from './app-exception';

const STATUS_CODE: Partial<Record<number, ErrorCode>> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'state_conflict',
  413: 'payload_too_large',
  415: 'validation_failed',
  429: 'rate_limited',
};

/** Socket and server-side codes meaning the database cannot be reached right now (mysql2 and Node). */
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_SERVER_GONE_ERROR',
]);
/** TypeORM's errors for a data source that is not (or no longer) connected. */
const DATABASE_DOWN_NAMES = new Set(['CannotExecuteNotConnectedError', 'ConnectionIsNotSetError', 'ConnectionNotFoundError']);

/**
 * True when an error says the database is unreachable rather than that a query was wrong: the
 * caller should try again later (503), not report a bug (500). Looks through TypeORM's wrapper
 * (`driverError`) and `cause`.
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as { name?: string; code?: unknown; fatal?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof e.code === 'string' && DATABASE_DOWN_CODES.has(e.code)) return true;
  if (e.name && DATABASE_DOWN_NAMES.has(e.name)) return true;
  // mysql2 marks errors that broke the connection as fatal; a closed pool has no code.
  if (e.fatal === true || e.message === 'Pool is closed.') return true;
  return isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1);
}

/** The one exception filter: every error leaves as `{ code, message }` with a Chinese message. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    const body = this.toBody(exception);
    body.requestId = request.id;
    if (ERROR_CODES[body.code].status >= 500) {
      const err = exception instanceof Error ? exception : new Error(String(exception));
      // Only the error name, message and stack: never request bodies, which may hold personal data.
      this.logger.error({ requestId: request.id, err: { name: err.name, message: err.message, stack: err.stack } }, 'unhandled error');
    }
    if (body.code === 'service_unavailable') void reply.header('retry-after', '5');
    void reply.status(ERROR_CODES[body.code].status).send(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof AppException) {
      return { code: exception.code, message: exception.publicMessage, ...(exception.details ? { details: exception.details } : {}) };
    }
    if (exception instanceof HttpException) {
      const code = STATUS_CODE[exception.getStatus()] ?? 'internal_error';
      return { code, message: ERROR_CODES[code].message };
    }
    const fastifyCode = (exception as { code?: string; statusCode?: number } | null)?.code;
    if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') return { code: 'payload_too_large', message: ERROR_CODES.payload_too_large.message };
    const status = (exception as { statusCode?: number } | null)?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code = STATUS_CODE[status] ?? 'validation_failed';
      return { code, message: ERROR_CODES[code].message };
    }
    if (isDatabaseUnavailable(exception)) return { code: 'service_unavailable', message: ERROR_CODES.service_unavailable.message };
    return { code: 'internal_error', message: ERROR_CODES.internal_error.message };
  }
}

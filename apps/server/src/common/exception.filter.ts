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
    return { code: 'internal_error', message: ERROR_CODES.internal_error.message };
  }
}

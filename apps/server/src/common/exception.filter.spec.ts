import { HttpException, type ArgumentsHost } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppException } from './app-exception';
import { AllExceptionsFilter, isDatabaseUnavailable } from './exception.filter';

function answer(exception: unknown): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  const sent = { status: 0, body: {} as Record<string, unknown>, headers: {} as Record<string, string> };
  const reply = {
    status: (s: number) => ((sent.status = s), reply),
    header: (k: string, v: string) => ((sent.headers[k] = v), reply),
    send: (b: Record<string, unknown>) => ((sent.body = b), reply),
  };
  const host = { switchToHttp: () => ({ getResponse: () => reply, getRequest: () => ({ id: 'req-1' }) }) } as unknown as ArgumentsHost;
  const filter = new AllExceptionsFilter();
  (filter as unknown as { logger: { error: () => void } }).logger = { error: () => undefined };
  filter.catch(exception, host);
  return sent;
}

const mysqlError = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(code), { code, ...extra });

describe('AllExceptionsFilter', () => {
  it('answers 503 service_unavailable while the database cannot be reached', () => {
    for (const err of [
      mysqlError('ECONNREFUSED'),
      mysqlError('PROTOCOL_CONNECTION_LOST', { fatal: true }),
      new QueryFailedError('SELECT 1', [], mysqlError('ER_SERVER_SHUTDOWN')),
      new QueryFailedError('SELECT 1', [], mysqlError('EPIPE')),
      Object.assign(new Error('Cannot execute operation on "default" connection'), { name: 'CannotExecuteNotConnectedError' }),
      new Error('Pool is closed.'),
      Object.assign(new Error('fatal'), { fatal: true }),
    ]) {
      const res = answer(err);
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 503, code: 'service_unavailable' });
      expect(res.headers['retry-after']).toBe('5');
    }
  });

  it('keeps query errors that are not about the connection as 500', () => {
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT x', [], mysqlError('ER_BAD_FIELD_ERROR')))).toBe(false);
    expect(answer(new QueryFailedError('SELECT x', [], mysqlError('ER_BAD_FIELD_ERROR'))).status).toBe(500);
    expect(answer(new TypeError('x is undefined')).body.code).toBe('internal_error');
  });

  it('answers 413 for a body over the limit, and keeps coded refusals as they are', () => {
    expect(answer(Object.assign(new Error('too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }))).toMatchObject({
      status: 413,
      body: { code: 'payload_too_large' },
    });
    expect(answer(new HttpException('x', 413)).status).toBe(413);
    expect(answer(new AppException('rate_limited'))).toMatchObject({ status: 429, body: { code: 'rate_limited' } });
  });
});

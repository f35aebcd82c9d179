import { HttpException } from '@nestjs/common';
import { ERROR_CODES, type ErrorCode } from '@union/shared';

/** A refusal with a code from the closed list; the filter turns it into `{ code, message }`. */
export class AppException extends HttpException {
  constructor(
    readonly code: ErrorCode,
    readonly publicMessage: string = ERROR_CODES[code].message,
    readonly details?: { field: string; message: string }[],
  ) {
    super({ code, message: publicMessage }, ERROR_CODES[code].status);
  }
}

/** Throw a coded refusal. */
export function fail(code: ErrorCode, message?: string, details?: { field: string; message: string }[]): never {
  throw new AppException(code, message, details);
}

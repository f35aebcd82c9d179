import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';
import { AppException } from './app-exception';

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/**
 * Strict validation: unknown fields, wrong types and missing fields are refused with
 * `validation_failed` and the list of fields at fault. Nothing reaches a service unvalidated.
 */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new AppException('validation_failed', undefined, flatten(errors)),
  });
}

/** A calendar day written YYYY-MM-DD that exists (2026-02-30 is refused). */
export function IsDay(): PropertyDecorator {
  return (target, key) => {
    Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '日期按 2026-01-15 这样填' })(target, key);
    IsISO8601({ strict: true }, { message: '没有这一天' })(target, key);
  };
}

import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
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
 * Runs on class-validator DTO classes only; a parameter read through a schema (`BodyOf`,
 * `QueryOf`, `ParamOf` in `schema.ts`) is left to its SchemaPipe, untouched (the class pipe would
 * turn `:id` into a number before the schema sees the text).
 */
class LegacyClassValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (!type || type === Object || type === Number || type === String || type === Boolean || type === Array) return Promise.resolve(value);
    return super.transform(value, metadata);
  }
}

/**
 * Strict validation: unknown fields, wrong types and missing fields are refused with
 * `validation_failed` and the list of fields at fault. Nothing reaches a service unvalidated.
 */
export function strictValidationPipe(): ValidationPipe {
  return new LegacyClassValidationPipe({
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

import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { RawServerDefault } from 'fastify';
import type { AppConfig } from '../config/configuration';
import { AppException } from './app-exception';

/** No request of ours nests deeper than a handful of levels; 64 leaves room and stops stack-exhaustion bodies. */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;

/**
 * True when the JSON text nests objects and arrays deeper than `limit`. One pass over the bytes,
 * before parsing: structural characters are ASCII, and UTF-8 never uses ASCII bytes inside a
 * multi-byte character, so counting bytes outside strings is exact.
 */
export function nestsDeeperThan(body: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) depth -= 1;
  }
  return false;
}

/**
 * JSON bodies as Fastify parses them (prototype poisoning refused), but a body nested deeper than
 * MAX_JSON_DEPTH is refused with 400 first: validating or copying it recursively would exhaust the
 * stack and answer 500, before any login is checked.
 */
export function useDepthLimitedJson(app: NestFastifyApplication, config: AppConfig): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<RawServerDefault>('application/json', { bodyLimit: config.app.bodyLimit }, (request, body, done) => {
    if (nestsDeeperThan(body, MAX_JSON_DEPTH)) {
      done(new AppException('validation_failed', `提交的内容层次太深（最多 ${MAX_JSON_DEPTH} 层），请检查后再提交`), undefined);
      return;
    }
    void parse(request, body as unknown as string, done);
  });
}

import { createHash } from 'node:crypto';

/** Hex SHA-256, for storing one-time secrets (refresh tokens, invitation codes) by hash only. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

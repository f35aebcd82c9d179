import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';

/** Kinds of value with a blind index; the kind is mixed into the HMAC so indexes never collide. */
export type BlindIndexKind = 'id_number' | 'phone';

/**
 * Field-level encryption of personal data: AES-256-GCM with a fresh 96-bit nonce per value,
 * the key id stored with the value (so keys can rotate), and the row and field bound as
 * associated data (a value copied into another row or column does not decrypt).
 * Format: `v1.<keyId>.<nonce b64url>.<ciphertext+tag b64url>`.
 */
@Injectable()
export class PiiCipher {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  encrypt(plaintext: string, aad: string): string {
    const keyId = this.config.pii.activeKeyId;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.config.pii.keys[keyId], nonce);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v1.${keyId}.${nonce.toString('base64url')}.${body.toString('base64url')}`;
  }

  decrypt(value: string, aad: string): string {
    const [version, keyId, nonceB64, bodyB64] = value.split('.');
    const key = this.config.pii.keys[keyId];
    if (version !== 'v1' || !key || !nonceB64 || !bodyB64) throw new Error('unreadable encrypted value');
    const body = Buffer.from(bodyB64, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonceB64, 'base64url'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  }

  /** Deterministic keyed hash for uniqueness checks and lookups without decrypting. */
  blindIndex(kind: BlindIndexKind, normalized: string): string {
    return createHmac('sha256', this.config.pii.indexKey).update(`${kind}:${normalized}`).digest('hex');
  }
}

/** Associated data binding an encrypted field to its row. */
export function piiAad(table: string, uid: string, field: string): string {
  return `${table}:${uid}:${field}`;
}

import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/configuration';

/** Kinds of value with a blind index; the kind is mixed into the HMAC so indexes never collide. */
export type BlindIndexKind = 'id_number' | 'phone';

/**
 * Field-level encryption of personal data: AES-256-GCM with a fresh 96-bit nonce per value,
 * the key id stored with the value (so keys can rotate), and the row and field bound as
 * associated data (a value copied into another row or column does not decrypt).
 * Format: `v1.<keyId>.<nonce b64url>.<ciphertext+tag b64url>`.
 */
/** Shown in place of a value that cannot be decrypted. */
export const UNREADABLE_VALUE = '（此项无法读取，请联系系统管理员）';

@Injectable()
export class PiiCipher {
  private readonly logger = new Logger('PiiCipher');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  encrypt(plaintext: string, aad: string): string {
    const keyId = this.config.pii.activeKeyId;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.config.pii.keys[keyId], nonce);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `v1.${keyId}.${nonce.toString('base64url')}.${body.toString('base64url')}`;
  }

  /**
   * For display: the plaintext (through `mask` when given), or a plain sentence when this one value
   * cannot be decrypted (a lost key, a damaged or moved value). One bad field must not turn a whole
   * list into a 500; the failure is logged without the value.
   */
  readable(value: string, aad: string, mask: (plain: string) => string = (plain) => plain): string {
    try {
      return mask(this.decrypt(value, aad));
    } catch {
      this.logger.warn(`a value of ${aad.split(':')[0]} could not be decrypted`);
      return UNREADABLE_VALUE;
    }
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

  /**
   * Encrypt a whole file the same way (AES-256-GCM, fresh nonce, key id kept, `aad` bound), in a
   * binary envelope: `UEF1` | key id length | key id | nonce (12) | ciphertext | tag (16).
   */
  encryptBytes(plaintext: Buffer, aad: string): Buffer {
    const keyId = this.config.pii.activeKeyId;
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.config.pii.keys[keyId], nonce);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const id = Buffer.from(keyId, 'utf8');
    return Buffer.concat([FILE_MAGIC, Buffer.from([id.length]), id, nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  }

  /** The plaintext of `encryptBytes`; throws when the key is unknown or the bytes or `aad` were changed. */
  decryptBytes(envelope: Buffer, aad: string): Buffer {
    if (!isEncryptedFile(envelope)) throw new Error('not an encrypted file');
    const idLength = envelope[FILE_MAGIC.length];
    const idStart = FILE_MAGIC.length + 1;
    const key = this.config.pii.keys[envelope.toString('utf8', idStart, idStart + idLength)];
    const nonceStart = idStart + idLength;
    const bodyStart = nonceStart + 12;
    if (!key || envelope.length < bodyStart + 16) throw new Error('unreadable encrypted file');
    const decipher = createDecipheriv('aes-256-gcm', key, envelope.subarray(nonceStart, bodyStart));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(envelope.subarray(envelope.length - 16));
    return Buffer.concat([decipher.update(envelope.subarray(bodyStart, envelope.length - 16)), decipher.final()]);
  }

  /** Deterministic keyed hash for uniqueness checks and lookups without decrypting. */
  blindIndex(kind: BlindIndexKind, normalized: string): string {
    return createHmac('sha256', this.config.pii.indexKey).update(`${kind}:${normalized}`).digest('hex');
  }
}

const FILE_MAGIC = Buffer.from('UEF1', 'latin1');

/** True for bytes written by `encryptBytes` (a stored JPEG or PDF starts otherwise). */
export function isEncryptedFile(bytes: Buffer): boolean {
  return bytes.length > FILE_MAGIC.length && bytes.subarray(0, FILE_MAGIC.length).equals(FILE_MAGIC);
}

/** Associated data binding an encrypted field to its row. */
export function piiAad(table: string, uid: string, field: string): string {
  return `${table}:${uid}:${field}`;
}

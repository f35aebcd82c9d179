import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../config/configuration';
import { isEncryptedFile, PiiCipher, piiAad } from './pii-cipher';

function cipherWith(keys: string, active?: string, indexKey = randomBytes(32).toString('base64')): PiiCipher {
  const config = loadConfig({
    DEMO_MODE: 'false',
    JWT_SECRET: 'x'.repeat(32),
    CARD_SECRET: 'y'.repeat(32),
    PII_KEYS: keys,
    PII_INDEX_KEY: indexKey,
    ...(active ? { PII_ACTIVE_KEY_ID: active } : {}),
    WECHAT_APP_ID: 'wx',
    WECHAT_APP_SECRET: 's',
  });
  return new PiiCipher(config);
}

describe('PiiCipher', () => {
  const k1 = `k1:${randomBytes(32).toString('base64')}`;
  const k2 = `k2:${randomBytes(32).toString('base64')}`;
  const aad = piiAad('members', 'uid-1', 'id_number');

  it('round-trips with a fresh nonce per value and the key id stored', () => {
    const cipher = cipherWith(k1);
    const a = cipher.encrypt('11010519491231002X', aad);
    const b = cipher.encrypt('11010519491231002X', aad);
    expect(a).not.toBe(b);
    expect(a.startsWith('v1.k1.')).toBe(true);
    expect(cipher.decrypt(a, aad)).toBe('11010519491231002X');
  });

  it('refuses a value moved to another row or field (associated data)', () => {
    const cipher = cipherWith(k1);
    const value = cipher.encrypt('13800138000', aad);
    expect(() => cipher.decrypt(value, piiAad('members', 'uid-2', 'id_number'))).toThrow();
    expect(() => cipher.decrypt(value, piiAad('members', 'uid-1', 'phone'))).toThrow();
  });

  it('refuses a tampered value', () => {
    const cipher = cipherWith(k1);
    const value = cipher.encrypt('13800138000', aad);
    const tampered = value.slice(0, -2) + (value.endsWith('A') ? 'BB' : 'AA');
    expect(() => cipher.decrypt(tampered, aad)).toThrow();
  });

  it('reads values of an old key after rotation', () => {
    const old = cipherWith(k1);
    const value = old.encrypt('secret', aad);
    const rotated = cipherWith(`${k2},${k1}`, 'k2');
    expect(rotated.decrypt(value, aad)).toBe('secret');
    expect(rotated.encrypt('secret', aad).startsWith('v1.k2.')).toBe(true);
  });

  it('gives a stable blind index per kind', () => {
    const indexKey = randomBytes(32).toString('base64');
    const cipher = cipherWith(k1, undefined, indexKey);
    expect(cipher.blindIndex('id_number', 'A')).toBe(cipherWith(k2, undefined, indexKey).blindIndex('id_number', 'A'));
    expect(cipher.blindIndex('id_number', 'A')).not.toBe(cipher.blindIndex('phone', 'A'));
  });

  it('encrypts whole files: fresh nonce, bound to their row, readable after a key rotation, refused when changed', () => {
    const fileAad = piiAad('uploads', 'uid-9', 'file');
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(5000)]);
    const old = cipherWith(k1);
    const a = old.encryptBytes(jpeg, fileAad);
    const b = old.encryptBytes(jpeg, fileAad);
    expect(a.equals(b)).toBe(false);
    expect(isEncryptedFile(a)).toBe(true);
    expect(isEncryptedFile(jpeg)).toBe(false);
    expect(a.includes(jpeg.subarray(0, 64))).toBe(false);
    expect(old.decryptBytes(a, fileAad).equals(jpeg)).toBe(true);
    const rotated = cipherWith(`${k2},${k1}`);
    expect(rotated.decryptBytes(a, fileAad).equals(jpeg)).toBe(true);
    expect(rotated.decryptBytes(rotated.encryptBytes(jpeg, fileAad), fileAad).equals(jpeg)).toBe(true);
    expect(() => old.decryptBytes(a, piiAad('uploads', 'uid-10', 'file'))).toThrow();
    const flipped = Buffer.from(a);
    flipped[flipped.length - 40] ^= 1;
    expect(() => old.decryptBytes(flipped, fileAad)).toThrow();
    expect(() => cipherWith(k2).decryptBytes(a, fileAad)).toThrow();
    expect(() => old.decryptBytes(jpeg, fileAad)).toThrow();
  });
});

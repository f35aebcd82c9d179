import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * File links: `<upload id>.<expiry, unix seconds>.<HMAC-SHA256>`, all base36/base64url so they sit
 * in a URL path as they are. The MAC also covers the upload's random uid, so a link dies with its
 * row (an id reused after a restore does not open someone else's file).
 */
export interface LinkClaims {
  uploadId: number;
  expiresAt: Date;
}

function mac(key: Buffer, uploadId: number, uid: string, exp: number): Buffer {
  return createHmac('sha256', key).update(`upload-link:v1:${uploadId}:${uid}:${exp}`).digest();
}

/** Sign a link to upload `uploadId` (row identity `uid`) that works until `expiresAt`. */
export function signLinkToken(key: Buffer, uploadId: number, uid: string, expiresAt: Date): string {
  const exp = Math.floor(expiresAt.getTime() / 1000);
  return `${uploadId.toString(36)}.${exp.toString(36)}.${mac(key, uploadId, uid, exp).toString('base64url')}`;
}

/** The claims a token makes, before its signature is checked (null when it is not even well formed). */
export function readLinkToken(token: string): (LinkClaims & { signature: Buffer; exp: number }) | null {
  const match = /^([0-9a-z]{1,10})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const uploadId = parseInt(match[1], 36);
  const exp = parseInt(match[2], 36);
  if (!Number.isSafeInteger(uploadId) || uploadId < 1 || !Number.isSafeInteger(exp)) return null;
  return { uploadId, exp, expiresAt: new Date(exp * 1000), signature: Buffer.from(match[3], 'base64url') };
}

/** True when the token's signature is right for this upload's uid. */
export function linkSignatureValid(key: Buffer, claims: { uploadId: number; exp: number; signature: Buffer }, uid: string): boolean {
  const expected = mac(key, claims.uploadId, uid, claims.exp);
  return claims.signature.length === expected.length && timingSafeEqual(claims.signature, expected);
}

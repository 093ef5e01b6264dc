/**
 * The status token may be stored only as a hash, yet two places must give it back later: an idempotent
 * replay (the same status link again) and the end of an ID-porten sign-in (back to the status page). So
 * they keep it sealed (AES-256-GCM) under a key derived from a secret that only the caller holds and the
 * table stores only as a hash: the Idempotency-Key, or the sign-in's browser cookie. Only that caller can
 * open it.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'personvern status token';

function keyFrom(holderSecret: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', holderSecret, salt, INFO, 32));
}

export function seal(secret: string, holderSecret: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(holderSecret, salt), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [salt, iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

export function unseal(sealed: string, holderSecret: string): string {
  const [salt, iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (salt === undefined || iv === undefined || tag === undefined || data === undefined) {
    throw new Error('Not a sealed secret');
  }
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(holderSecret, salt), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

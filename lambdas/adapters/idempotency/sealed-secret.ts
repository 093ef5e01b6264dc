/**
 * An idempotent replay must answer with the same status link, but the status token may be stored only as
 * a hash. So the idempotency record keeps the token sealed (AES-256-GCM) under a key derived from the
 * caller's Idempotency-Key, which the record itself stores only as a hash: only the client that holds the
 * key can open its own replay.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const INFO = 'personvern status token';

function keyFrom(idempotencyKey: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, salt, INFO, 32));
}

export function seal(secret: string, idempotencyKey: string): string {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFrom(idempotencyKey, salt), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return [salt, iv, cipher.getAuthTag(), sealed].map((part) => part.toString('base64url')).join('.');
}

export function unseal(sealed: string, idempotencyKey: string): string {
  const [salt, iv, tag, data] = sealed.split('.').map((part) => Buffer.from(part, 'base64url'));
  if (salt === undefined || iv === undefined || tag === undefined || data === undefined) {
    throw new Error('Not a sealed secret');
  }
  const decipher = createDecipheriv('aes-256-gcm', keyFrom(idempotencyKey, salt), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
}

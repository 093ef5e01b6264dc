/**
 * The requester's secrets: a 6-digit one-time code and a status token of 256 bits. Only SHA-256 hashes
 * are stored. A code hash is salted with the request id, so equal codes of two requests differ in storage.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Secrets } from './record';

export const cryptoSecrets: Secrets = {
  newCode: () => randomInt(0, 1_000_000).toString().padStart(6, '0'),
  newStatusToken: () => randomBytes(32).toString('base64url'),
};

export const hashStatusToken = (token: string) => sha256(`status:${token}`);

export const hashCode = (requestId: string, code: string) => sha256(`code:${requestId}:${code}`);

/** Deduplicates open requests without storing who asked: company, type and email, hashed. */
export const dedupeKey = (controllerId: string, type: string, email: string) =>
  sha256(`dedupe:${controllerId}:${type}:${email.toLowerCase()}`);

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

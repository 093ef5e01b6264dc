/**
 * The requester's secrets: a 6-digit one-time code and a status token of 256 bits. Only SHA-256 hashes
 * are stored. A code hash is salted with the request id, so equal codes of two requests differ in storage.
 * (A random secret needs no key to be safe as a bare hash; an email address does: see dedupeKey.)
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Pseudonyms } from '../pseudonyms';
import type { Secrets } from './record';

export const cryptoSecrets: Secrets = {
  newCode: () => randomInt(0, 1_000_000).toString().padStart(6, '0'),
  newStatusToken: () => randomBytes(32).toString('base64url'),
};

export const hashStatusToken = (token: string) => sha256(`status:${token}`);

export const hashCode = (requestId: string, code: string) => sha256(`code:${requestId}:${code}`);

/**
 * Deduplicates open requests without storing who asked: company, type, email and whom the request is
 * about, as a keyed pseudonym. The data subject is part of the key because a parent may ask for each of their children
 * (and for themselves) at once: without it, the second child's request would be taken for a repeat of the
 * first and never handled. A child is told apart by birth date and name, compared without case, accents'
 * composition or extra spaces, so that retyping the same child still counts as a repeat.
 */
export const dedupeKey = (
  pseudonyms: Pseudonyms,
  controllerId: string,
  type: string,
  email: string,
  about?: { readonly name: string; readonly birthDate: string },
) =>
  pseudonyms.of(
    'dedupe',
    `${controllerId}:${type}:${email.toLowerCase()}${
      about === undefined ? '' : `:child:${about.birthDate}:${sameNameKey(about.name)}`
    }`,
  );

const sameNameKey = (name: string) =>
  name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nb');

/** Compares two hex hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

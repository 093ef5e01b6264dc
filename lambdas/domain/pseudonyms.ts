/**
 * Items about a person are found again by a pseudonym of their email address (or client address), never by
 * the address itself. A bare SHA-256 of an address can be matched against any list of addresses by whoever
 * reads a leaked table or backup; a pseudonym under a secret key cannot, unless the key leaks too
 * (GDPR Art. 4(5) and 32(1)(a); issue 17). The key lives in Secrets Manager and is never rotated in
 * place: every stored pseudonym would stop matching (docs/security.md).
 */
import { createHmac } from 'node:crypto';

/**
 * What a pseudonym is for. Each purpose gets its own value for the same input, so a pseudonym copied from
 * one kind of item (a rate-limit counter) cannot be used to look up another (a request).
 */
export type PseudonymPurpose = 'subject' | 'dedupe' | 'rate' | 'national-id';

export interface Pseudonyms {
  /** A stable, keyed, one-way pseudonym of `value` (64 hex digits). */
  of(purpose: PseudonymPurpose, value: string): string;
}

/** The key must be long enough that guessing it is out of the question: 256 bits at least. */
export const MIN_KEY_BYTES = 32;

/** HMAC-SHA-256 under `key`. */
export function keyedPseudonyms(key: Uint8Array): Pseudonyms {
  if (key.byteLength < MIN_KEY_BYTES) {
    throw new Error(`A pseudonym key needs at least ${MIN_KEY_BYTES} bytes; this one has ${key.byteLength}`);
  }
  const secret = Buffer.from(key);
  return {
    of: (purpose, value) => createHmac('sha256', secret).update(`${purpose}:${value}`, 'utf8').digest('hex'),
  };
}

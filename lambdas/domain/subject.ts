import { createHash } from 'node:crypto';

/**
 * Who an item is about, without saying it: SHA-256 of the lower-cased, trimmed email address. Items
 * about a person carry it (contact messages, requests, holds, suppressions), so a request can find
 * everything about its requester through one index without that index holding an address.
 */
export function subjectHash(email: string): string {
  return createHash('sha256').update(`subject:${email.trim().toLowerCase()}`).digest('hex');
}

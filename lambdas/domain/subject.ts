import type { Pseudonyms } from './pseudonyms';

/**
 * Who an item is about, without saying it: the keyed pseudonym of the lower-cased, trimmed email address.
 * Items about a person carry it (contact messages, requests, holds, suppressions, notice consents), so a
 * request can find everything about its requester through one index without that index holding an address.
 */
export function subjectHash(pseudonyms: Pseudonyms, email: string): string {
  return pseudonyms.of('subject', email.trim().toLowerCase());
}

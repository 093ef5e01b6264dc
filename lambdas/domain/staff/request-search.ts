import type { Pseudonyms } from '../pseudonyms';
import { subjectHash } from '../subject';
import * as z from '../zod';

/**
 * What the staff search box asked for: a requester's email address (exact, found through the subject hash,
 * so the index never holds an address and nothing is scanned), or the start of a request id.
 */
export type RequestSearch =
  | { readonly by: 'email'; readonly subjectHash: string }
  | { readonly by: 'id'; readonly prefix: string };

const Email = z.email();

/** `undefined` for an empty search box. */
export function parseRequestSearch(q: string | undefined, pseudonyms: Pseudonyms): RequestSearch | undefined {
  const text = (q ?? '').trim();
  if (text === '') return undefined;
  if (Email.safeParse(text).success) return { by: 'email', subjectHash: subjectHash(pseudonyms, text) };
  return { by: 'id', prefix: text.toLowerCase() };
}

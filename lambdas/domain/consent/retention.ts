/**
 * How long what the banner leaves with us is kept, and how often one client may post it.
 *
 * ASSUMPTION, to confirm with STERK's privacy officer: a consent record is kept 13 months from when we
 * received it. A choice holds 12 months (the banner then asks again, reask.ts), and while the trackers run on
 * it we must be able to show that the visitor consented (GDPR Art. 7(1)); the extra month covers a question or
 * complaint about the last weeks of a choice. A withdrawal or a new choice is a record of its own, kept as
 * long. The daily counts hold no id and no choice of anyone in particular; they are kept two years, so the
 * summary can compare one year with the last.
 */
import type { RateLimit } from '../intake/rate-limits';

export const CONSENT_RECORD_DAYS = 396;

export const CONSENT_COUNTS_DAYS = 731;

/**
 * Posts and erasures per client address (a keyed pseudonym of it, never the address): a visitor makes a
 * choice or two a visit, and a post the banner is unsure arrived is sent again on the next page.
 */
export const CONSENT_CLIENT_LIMIT: RateLimit = { limit: 30, windowSeconds: 600 };

/** The epoch second a record received at `at` is removed by the table's TTL. */
export function recordExpiresAt(at: Date): number {
  return Math.floor(at.getTime() / 1000) + CONSENT_RECORD_DAYS * 86_400;
}

export function countsExpireAt(at: Date): number {
  return Math.floor(at.getTime() / 1000) + CONSENT_COUNTS_DAYS * 86_400;
}

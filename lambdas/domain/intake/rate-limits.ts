/**
 * Limits on how often one email address, or one client address, may submit. Counted in the table, so the
 * limits hold across Lambda instances and locally too; WAF and stage throttling add coarser limits on AWS.
 * A counter must not tell who submitted: the limiter stores `who` only as a keyed pseudonym.
 */
import { TooManyRequestsError } from '../errors';

export interface RateLimiter {
  /**
   * Counts one hit by `who` (an email address or client address, never stored as such) on `counter` in
   * the current window; false once the count is over `limit`.
   */
  hit(counter: string, who: string, limit: number, windowSeconds: number, now: Date): Promise<boolean>;
}

export interface RateLimit {
  readonly limit: number;
  readonly windowSeconds: number;
}

export interface SubmissionLimits {
  readonly perEmail: RateLimit;
  readonly perClient: RateLimit;
}

export const DEFAULT_SUBMISSION_LIMITS: SubmissionLimits = {
  perEmail: { limit: 5, windowSeconds: 3600 },
  perClient: { limit: 30, windowSeconds: 600 },
};

/** Throws `TooManyRequestsError` when this email or client is over its limit for `form`. */
export async function enforceSubmissionLimits(
  limiter: RateLimiter,
  limits: SubmissionLimits,
  who: { readonly form: 'contact' | 'request'; readonly email: string; readonly clientIp?: string },
  now: Date,
): Promise<void> {
  const checks: [string, string, RateLimit][] = [
    [`${who.form}:email`, mailboxOf(who.email), limits.perEmail],
  ];
  if (who.clientIp !== undefined) checks.push([`${who.form}:ip`, who.clientIp, limits.perClient]);
  for (const [counter, by, limit] of checks) {
    if (!(await limiter.hit(counter, by, limit.limit, limit.windowSeconds, now))) {
      throw new TooManyRequestsError(
        'Too many submissions in a short time. Please wait a little and try again.',
        secondsLeftInWindow(limit.windowSeconds, now),
      );
    }
  }
}

/**
 * The mailbox an address delivers to, for counting: case and a `+tag` in the local part are ignored, as
 * most mail providers ignore them, so `Kari+1@example.no` and `kari+2@example.no` count as one address.
 */
export function mailboxOf(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return email.toLowerCase();
  const local = email.slice(0, at);
  const plus = local.indexOf('+');
  return `${plus > 0 ? local.slice(0, plus) : local}${email.slice(at)}`.toLowerCase();
}

/**
 * Code guesses per client address, over every request: a code has a million values and five tries, but
 * one client trying many requests' codes must be slowed down too. A person types a few codes.
 */
export const CODE_ATTEMPT_LIMIT: RateLimit = { limit: 20, windowSeconds: 600 };

/** Throws `TooManyRequestsError` when this client has tried too many codes in the window. */
export async function enforceCodeAttemptLimit(
  limiter: RateLimiter,
  clientIp: string | undefined,
  now: Date,
  limit: RateLimit = CODE_ATTEMPT_LIMIT,
): Promise<void> {
  if (clientIp === undefined) return;
  if (!(await limiter.hit('code:ip', clientIp, limit.limit, limit.windowSeconds, now))) {
    throw new TooManyRequestsError(
      'Too many codes tried in a short time. Please wait a little and try again.',
      secondsLeftInWindow(limit.windowSeconds, now),
    );
  }
}

/** Fixed windows aligned to the epoch, so every instance counts into the same one. */
export function windowStart(windowSeconds: number, now: Date): number {
  const seconds = Math.floor(now.getTime() / 1000);
  return seconds - (seconds % windowSeconds);
}

function secondsLeftInWindow(windowSeconds: number, now: Date): number {
  return Math.max(1, windowStart(windowSeconds, now) + windowSeconds - Math.floor(now.getTime() / 1000));
}

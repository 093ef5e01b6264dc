/**
 * The rules of email verification as pure decisions: whether a typed code verifies a request, and whether
 * a new code may be sent. The callers turn a decision into one conditional write.
 */
import { ValidationError } from '../errors';
import type {
  DuplicateBudget,
  DuplicateRecord,
  RequestRecord,
  StoredRequest,
  VerificationState,
} from './record';
import type { PublicRequestStatus, VerificationOutcome } from './views';

export const VERIFICATION_RULES = {
  /** A code works for this long after it was sent. */
  codeValidHours: 24,
  /** Wrong codes allowed per code; the last one burns it. */
  maxAttempts: 5,
  /** Between two codes asked for with "send me a new code". */
  resendIntervalSeconds: 60,
  maxResends: 5,
  /** The workflow reminds an unverified requester after this many days… */
  reminderAfterDays: 3,
  /** …and closes the request, and tells the requester, after this many. */
  closeAfterDays: 14,
} as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A typed code: six digits, spaces allowed (people copy "123 456"). */
export function normaliseCode(input: unknown): string {
  const code = typeof input === 'string' ? input.replace(/\s/g, '') : '';
  if (!/^\d{6}$/.test(code)) {
    throw new ValidationError('Some fields need another look', {
      code: 'Enter the six digits from the email',
    });
  }
  return code;
}

export function codeExpiry(issuedAt: Date): string {
  return new Date(issuedAt.getTime() + VERIFICATION_RULES.codeValidHours * HOUR_MS).toISOString();
}

export function verificationDeadline(receivedAt: string): string {
  return new Date(Date.parse(receivedAt) + VERIFICATION_RULES.closeAfterDays * DAY_MS).toISOString();
}

export type CodeCheck =
  | Exclude<VerificationOutcome, { readonly kind: 'awaiting-eid' }>
  | { readonly kind: 'matches' };

/**
 * What a code attempt means for a request's current verification state. `matches` still has to be
 * written (the caller marks the request verified); every other outcome is final as it stands, except
 * `wrong-code` and the burning `code-burned`, which use up an attempt.
 */
export function checkCode(
  request: { readonly status: PublicRequestStatus; readonly verification?: VerificationState },
  codeMatches: (codeHash: string) => boolean,
  now: Date,
): CodeCheck {
  if (request.status === 'closed-unverified') return { kind: 'request-closed' };
  // Verified, and perhaps long since answered: the requester proved their address once, that is enough.
  if (request.status !== 'awaiting-verification') return { kind: 'verified' };
  const state = request.verification;
  // No code sent yet (the workflow is about to): nothing can match, and nothing is used up.
  if (state === undefined) return { kind: 'wrong-code', attemptsLeft: VERIFICATION_RULES.maxAttempts };
  if (state.codeHash === undefined || state.attemptsLeft <= 0) return { kind: 'code-burned' };
  if (now.getTime() > Date.parse(state.expiresAt)) return { kind: 'code-expired' };
  if (codeMatches(state.codeHash)) return { kind: 'matches' };
  const attemptsLeft = state.attemptsLeft - 1;
  return attemptsLeft === 0 ? { kind: 'code-burned' } : { kind: 'wrong-code', attemptsLeft };
}

export type ResendCheck =
  | { readonly kind: 'allowed'; readonly issuedBefore: string }
  | { readonly kind: 'already-verified' }
  | { readonly kind: 'request-closed' }
  | { readonly kind: 'too-soon'; readonly retryAfterSeconds: number };

export function checkResend(request: StoredRequest, now: Date): ResendCheck {
  if (request.status === 'closed-unverified') return { kind: 'request-closed' };
  if (request.status !== 'awaiting-verification') return { kind: 'already-verified' };
  const state = request.kind === 'request' ? request.verification : undefined;
  if (state === undefined) return { kind: 'allowed', issuedBefore: now.toISOString() };
  return resendAllowance(
    {
      resends: state.resends,
      issuedAt: state.issuedAt,
      expiresAt: state.expiresAt,
      usable:
        state.codeHash !== undefined &&
        state.attemptsLeft > 0 &&
        now.getTime() <= Date.parse(state.expiresAt),
    },
    now,
  );
}

/** The resend rules over the last code sent, whoever's it is (a request's, or a duplicate's budget). */
export function resendAllowance(
  last: {
    readonly resends: number;
    readonly issuedAt: string;
    readonly expiresAt: string;
    readonly usable: boolean;
  },
  now: Date,
): ResendCheck {
  const issuedBefore = new Date(
    now.getTime() - VERIFICATION_RULES.resendIntervalSeconds * 1000,
  ).toISOString();
  if (last.resends >= VERIFICATION_RULES.maxResends) {
    // Out of new codes: the last one works until it expires, and the workflow's reminder brings a new
    // one. Ask for patience of at least an hour rather than inviting retries that cannot succeed.
    const wait = Math.max(3600, Math.ceil((Date.parse(last.expiresAt) - now.getTime()) / 1000));
    return { kind: 'too-soon', retryAfterSeconds: wait };
  }
  // A code that can no longer be used may be replaced at once; a working one at most once a minute.
  const nextAllowed = Date.parse(last.issuedAt) + VERIFICATION_RULES.resendIntervalSeconds * 1000;
  if (last.usable && now.getTime() < nextAllowed) {
    return { kind: 'too-soon', retryAfterSeconds: Math.ceil((nextAllowed - now.getTime()) / 1000) };
  }
  return { kind: 'allowed', issuedBefore: last.usable ? issuedBefore : now.toISOString() };
}

/** Whether the code in the requester's inbox still works: if so, a new one would only replace it. */
export function codeUsable(request: RequestRecord, now: Date): boolean {
  const state = request.verification;
  return (
    state?.codeHash !== undefined && state.attemptsLeft > 0 && now.getTime() <= Date.parse(state.expiresAt)
  );
}

/** A duplicate's budget of wrong codes and new codes; one stored before budgets existed gets a fresh one. */
export function duplicateBudget(duplicate: DuplicateRecord): DuplicateBudget {
  return (
    duplicate.budget ?? {
      attemptsLeft: VERIFICATION_RULES.maxAttempts,
      resends: 0,
      lastCodeAt: duplicate.receivedAt,
    }
  );
}

/** What the requester sees: a duplicate reads as its own request until its window ends. */
export function publicStatus(request: StoredRequest, now: Date): PublicRequestStatus {
  if (request.kind === 'request') return request.status;
  if (request.verifiedAt !== undefined) return 'verified';
  return now.getTime() > Date.parse(request.verifyBy) ? 'closed-unverified' : 'awaiting-verification';
}

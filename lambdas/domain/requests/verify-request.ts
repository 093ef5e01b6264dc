/**
 * A requester types the emailed code (or opens the emailed link): check it, count the attempt, and on a
 * match mark the request verified and resume its workflow.
 *
 * Every write is conditional on the state that was read, so concurrent attempts cannot share one
 * attempt or both verify; a lost race is decided again on fresh state.
 */
import { ConflictError, NotFoundError } from '../errors';
import { enforceCodeAttemptLimit, type RateLimiter } from '../intake/rate-limits';
import type { DuplicateRecord, RequestRecord, RequestStore, VerificationCallback } from './record';
import { hashCode, sameHash } from './secrets';
import { checkCode, duplicateBudget, normaliseCode, publicStatus, VERIFICATION_RULES } from './verification';
import type { VerificationOutcome } from './views';

export interface VerifyRequestDeps {
  readonly requests: RequestStore;
  readonly callback: VerificationCallback;
  readonly clock: () => Date;
  /** Counts code attempts per client address (enforceCodeAttemptLimit). */
  readonly limiter: RateLimiter;
}

// Every lost race means another attempt was written, and attempts are few: this bound is never reached
// by honest concurrency, only by a flood, which gets a 409 to retry.
const MAX_RACES = VERIFICATION_RULES.maxAttempts + 3;

export async function verifyRequest(
  id: string,
  typedCode: unknown,
  deps: VerifyRequestDeps,
  context: {
    readonly clientIp?: string;
    /** The requester chose ID-porten but goes on without it: the code verifies, staff check identity. */
    readonly withoutEid?: boolean;
  } = {},
): Promise<VerificationOutcome> {
  const code = normaliseCode(typedCode);
  await enforceCodeAttemptLimit(deps.limiter, context.clientIp, deps.clock());
  const stored = await deps.requests.get(id);
  if (stored === undefined) throw new NotFoundError('No such request');
  if (stored.kind === 'duplicate') return verifyThroughDuplicate(stored, code, deps);
  if (pastVerification(stored)) return answerVerified(stored, code);
  return verifyOriginal(stored, code, deps, context.withoutEid === true);
}

const pastVerification = (request: RequestRecord) =>
  request.status !== 'awaiting-verification' && request.status !== 'closed-unverified';

/**
 * A verified request says so only to someone who shows the code that verified it (a second press of the
 * button, say). To anyone else it answers as an unknown id does: an id alone must not tell that a
 * request exists and was confirmed.
 */
function answerVerified(request: RequestRecord, code: string): VerificationOutcome {
  const used = request.verification?.codeHash;
  if (used !== undefined && sameHash(used, hashCode(request.id, code))) return { kind: 'verified' };
  throw new NotFoundError('No such request');
}

async function verifyOriginal(
  first: RequestRecord,
  code: string,
  deps: VerifyRequestDeps,
  withoutEid: boolean,
): Promise<VerificationOutcome> {
  let request = first;
  for (let race = 0; race < MAX_RACES; race++) {
    const now = deps.clock();
    const check = checkCode(request, (hash) => sameHash(hash, hashCode(request.id, code)), now);
    const state = request.verification;
    if (check.kind === 'verified') {
      await resumeIfWaiting(request, deps);
      return check;
    }
    let written = true;
    if (check.kind === 'matches' && state?.codeHash !== undefined && waitsForEid(request, withoutEid)) {
      if (request.mailboxConfirmedAt !== undefined) return { kind: 'awaiting-eid' };
      written = await deps.requests.confirmMailbox(request.id, state.codeHash, now.toISOString());
      if (written) return { kind: 'awaiting-eid' };
    } else if (check.kind === 'matches' && state?.codeHash !== undefined) {
      written = await deps.requests.markVerified(request.id, state.codeHash, now.toISOString());
      if (written) {
        await resumeIfWaiting({ ...request, status: 'verified' }, deps);
        return { kind: 'verified' };
      }
    } else if (
      (check.kind === 'wrong-code' || check.kind === 'code-burned') &&
      state?.codeHash !== undefined &&
      state.attemptsLeft > 0
    ) {
      written = await deps.requests.recordWrongCode(request.id, state.codeHash, state.attemptsLeft);
    }
    if (written && check.kind !== 'matches') return check;
    const fresh = await deps.requests.get(request.id);
    if (fresh?.kind !== 'request') throw new NotFoundError('No such request');
    request = fresh;
  }
  throw new ConflictError('Many attempts at once for this request. Try again in a moment.');
}

/**
 * The code proves the mailbox, ID-porten the person: a request whose requester chose ID-porten is verified
 * when both are done (complete-eid.ts verifies when the code came first).
 */
const waitsForEid = (request: RequestRecord, withoutEid: boolean) =>
  request.verificationChoice === 'eid' && request.eidSignIn === undefined && !withoutEid;

/**
 * A duplicate submission verifies its original: the code came in the original's email. Anyone who knows
 * an address can file a duplicate for it, so the guesses made here spend the duplicate's own attempts
 * (duplicateBudget), never the original's: a stranger cannot burn the requester's code. Its answers
 * depend only on its own budget and the code, so they reveal nothing about the original's progress.
 */
async function verifyThroughDuplicate(
  first: DuplicateRecord,
  code: string,
  deps: VerifyRequestDeps,
): Promise<VerificationOutcome> {
  let duplicate = first;
  for (let race = 0; race < MAX_RACES; race++) {
    const now = deps.clock();
    const status = publicStatus(duplicate, now);
    if (status === 'closed-unverified') return { kind: 'request-closed' };
    const original = await deps.requests.get(duplicate.duplicateOf);
    if (status === 'verified') {
      if (original?.kind !== 'request') throw new NotFoundError('No such request');
      return answerVerified(original, code);
    }
    if (original?.kind !== 'request' || original.status === 'closed-unverified') {
      return { kind: 'request-closed' };
    }
    const budget = duplicateBudget(duplicate);
    const state = original.verification;
    // The original's code (the one that verified it, once it is verified), against this duplicate's
    // attempts; a code the requester burned on their own page stays burned.
    const check = checkCode(
      {
        status: 'awaiting-verification',
        ...(state === undefined
          ? {}
          : { verification: { ...state, attemptsLeft: state.attemptsLeft > 0 ? budget.attemptsLeft : 0 } }),
      },
      (hash) => sameHash(hash, hashCode(original.id, code)),
      now,
    );
    if (check.kind === 'matches' && state?.codeHash !== undefined) {
      const verified =
        original.status !== 'awaiting-verification' ||
        (await deps.requests.markVerified(original.id, state.codeHash, now.toISOString()));
      if (verified) {
        if (original.status === 'awaiting-verification') {
          await resumeIfWaiting({ ...original, status: 'verified' }, deps);
        }
        await deps.requests.markDuplicateVerified(duplicate.id, now.toISOString());
        return { kind: 'verified' };
      }
    } else if ((check.kind === 'wrong-code' || check.kind === 'code-burned') && state !== undefined) {
      if (budget.attemptsLeft <= 0) return { kind: 'code-burned' };
      const spent = { ...budget, attemptsLeft: budget.attemptsLeft - 1 };
      if (await deps.requests.updateDuplicateBudget(duplicate.id, duplicate.budget, spent)) return check;
    } else if (check.kind !== 'matches') {
      return check;
    }
    const fresh = await deps.requests.get(duplicate.id);
    if (fresh?.kind !== 'duplicate') throw new NotFoundError('No such request');
    duplicate = fresh;
  }
  throw new ConflictError('Many attempts at once for this request. Try again in a moment.');
}

export async function resumeIfWaiting(
  request: RequestRecord,
  deps: {
    readonly callback: VerificationCallback;
    readonly requests: RequestStore;
    readonly clock: () => Date;
  },
): Promise<void> {
  if (request.taskToken === undefined || request.resumedAt !== undefined) return;
  // False means the task already ended (resumed by an earlier call, or timed out): nothing left to do.
  await deps.callback.resume(request.taskToken);
  await deps.requests.markResumed(request.id, deps.clock().toISOString());
}

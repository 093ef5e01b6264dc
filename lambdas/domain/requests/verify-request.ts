/**
 * A requester types the emailed code (or opens the emailed link): check it, count the attempt, and on a
 * match mark the request verified and resume its workflow.
 *
 * Every write is conditional on the state that was read, so concurrent attempts cannot share one
 * attempt or both verify; a lost race is decided again on fresh state.
 */
import { ConflictError, NotFoundError } from '../errors';
import type { DuplicateRecord, RequestRecord, RequestStore, VerificationCallback } from './record';
import { hashCode, sameHash } from './secrets';
import { checkCode, normaliseCode, publicStatus, VERIFICATION_RULES } from './verification';
import type { VerificationOutcome } from './views';

export interface VerifyRequestDeps {
  readonly requests: RequestStore;
  readonly callback: VerificationCallback;
  readonly clock: () => Date;
}

// Every lost race means another attempt was written, and attempts are few: this bound is never reached
// by honest concurrency, only by a flood, which gets a 409 to retry.
const MAX_RACES = VERIFICATION_RULES.maxAttempts + 3;

export async function verifyRequest(
  id: string,
  typedCode: unknown,
  deps: VerifyRequestDeps,
): Promise<VerificationOutcome> {
  const code = normaliseCode(typedCode);
  const stored = await deps.requests.get(id);
  if (stored === undefined) throw new NotFoundError('No such request');
  if (stored.kind === 'duplicate') return verifyThroughDuplicate(stored, code, deps);
  return verifyOriginal(stored, code, deps);
}

async function verifyOriginal(
  first: RequestRecord,
  code: string,
  deps: VerifyRequestDeps,
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
    if (check.kind === 'matches' && state?.codeHash !== undefined) {
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
 * A duplicate submission verifies its original: the code came in the original's email. Its own answers
 * depend only on its own state and the code, so they reveal nothing about the original's progress.
 */
async function verifyThroughDuplicate(
  duplicate: DuplicateRecord,
  code: string,
  deps: VerifyRequestDeps,
): Promise<VerificationOutcome> {
  const status = publicStatus(duplicate, deps.clock());
  if (status === 'verified') return { kind: 'verified' };
  if (status === 'closed-unverified') return { kind: 'request-closed' };
  const original = await deps.requests.get(duplicate.duplicateOf);
  if (original?.kind !== 'request') return { kind: 'request-closed' };
  const outcome =
    original.status !== 'awaiting-verification'
      ? // Checked against the code that verified it, with the attempts that code has left.
        await checkAgainstUsedCode(original, code, deps)
      : await verifyOriginal(original, code, deps);
  if (outcome.kind === 'verified') {
    await deps.requests.markDuplicateVerified(duplicate.id, deps.clock().toISOString());
  }
  return outcome;
}

async function checkAgainstUsedCode(
  original: RequestRecord,
  code: string,
  deps: VerifyRequestDeps,
): Promise<VerificationOutcome> {
  const state = original.verification;
  if (state?.codeHash === undefined) return { kind: 'code-burned' };
  const check = checkCode(
    { status: 'awaiting-verification', verification: state },
    (hash) => sameHash(hash, hashCode(original.id, code)),
    deps.clock(),
  );
  if (check.kind === 'matches') return { kind: 'verified' };
  if ((check.kind === 'wrong-code' || check.kind === 'code-burned') && state.attemptsLeft > 0) {
    // Guesses cost attempts here too; a lost race only means someone else used one.
    await deps.requests.recordWrongCode(original.id, state.codeHash, state.attemptsLeft);
  }
  return check;
}

async function resumeIfWaiting(request: RequestRecord, deps: VerifyRequestDeps): Promise<void> {
  if (request.taskToken === undefined || request.resumedAt !== undefined) return;
  // False means the task already ended (resumed by an earlier call, or timed out): nothing left to do.
  await deps.callback.resume(request.taskToken);
  await deps.requests.markResumed(request.id, deps.clock().toISOString());
}

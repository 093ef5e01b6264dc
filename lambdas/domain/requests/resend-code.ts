/**
 * "Send me a new code": issues a fresh one-time code and emails it, at most once a minute and a few times
 * per request. The workflow's task token stays as it is; only the code changes.
 */

import { renderEmail } from '../email/render';
import { NotFoundError } from '../errors';
import type { Mailer } from '../ports/mailer';
import { requestLinks } from './links';
import type { DuplicateRecord, RequestRecord, RequestStore, Secrets } from './record';
import { hashCode, hashStatusToken } from './secrets';
import {
  checkResend,
  codeExpiry,
  codeUsable,
  duplicateBudget,
  publicStatus,
  resendAllowance,
  VERIFICATION_RULES,
} from './verification';
import type { ResendOutcome } from './views';

export interface ResendCodeDeps {
  readonly requests: RequestStore;
  readonly mailer: Mailer;
  readonly mailFrom: string;
  readonly publicBaseUrl: string;
  readonly secrets: Secrets;
  readonly clock: () => Date;
}

export async function resendCode(id: string, deps: ResendCodeDeps): Promise<ResendOutcome> {
  const stored = await deps.requests.get(id);
  if (stored === undefined) throw new NotFoundError('No such request');
  if (stored.kind === 'request') return resendFor(stored, deps);
  return resendThroughDuplicate(stored, deps);
}

/**
 * "Send me a new code" on a duplicate's page. The limits are the duplicate's own, timed from its filing as
 * a new request's are from its first code, so the answers are the ones a new request would give and tell
 * nobody that the address already had a request. The original gets a new code only when the one in its
 * requester's inbox no longer works: a stranger cannot make it replace a working code, nor use up the
 * requester's new codes.
 */
async function resendThroughDuplicate(first: DuplicateRecord, deps: ResendCodeDeps): Promise<ResendOutcome> {
  let duplicate = first;
  for (let race = 0; race < 2; race++) {
    const now = deps.clock();
    const status = publicStatus(duplicate, now);
    if (status === 'verified') return { kind: 'already-verified' };
    if (status === 'closed-unverified') return { kind: 'request-closed' };
    const budget = duplicateBudget(duplicate);
    const expiresAt = codeExpiry(new Date(budget.lastCodeAt));
    const check = resendAllowance(
      {
        resends: budget.resends,
        issuedAt: budget.lastCodeAt,
        expiresAt,
        usable: budget.attemptsLeft > 0 && now.getTime() <= Date.parse(expiresAt),
      },
      now,
    );
    if (check.kind !== 'allowed') return check;
    const renewed = {
      attemptsLeft: VERIFICATION_RULES.maxAttempts,
      resends: budget.resends + 1,
      lastCodeAt: now.toISOString(),
    };
    if (await deps.requests.updateDuplicateBudget(duplicate.id, duplicate.budget, renewed)) {
      const original = await deps.requests.get(duplicate.duplicateOf);
      if (
        original?.kind === 'request' &&
        original.status === 'awaiting-verification' &&
        !codeUsable(original, now)
      ) {
        await resendFor(original, deps);
      }
      return { kind: 'sent' };
    }
    const fresh = await deps.requests.get(duplicate.id);
    if (fresh?.kind !== 'duplicate') throw new NotFoundError('No such request');
    duplicate = fresh;
  }
  return { kind: 'too-soon', retryAfterSeconds: VERIFICATION_RULES.resendIntervalSeconds };
}

async function resendFor(first: RequestRecord, deps: ResendCodeDeps): Promise<ResendOutcome> {
  let request = first;
  for (let race = 0; race < 2; race++) {
    const now = deps.clock();
    const check = checkResend(request, now);
    if (check.kind !== 'allowed') return check;
    const code = deps.secrets.newCode();
    // The email's own status token: its link can then lead back to the status page (see issueVerification).
    const statusToken = deps.secrets.newStatusToken();
    const issued = await deps.requests.issueCode(request.id, {
      codeHash: hashCode(request.id, code),
      issuedAt: now.toISOString(),
      expiresAt: codeExpiry(now),
      attemptsLeft: VERIFICATION_RULES.maxAttempts,
      resends: (request.verification?.resends ?? 0) + 1,
      statusTokenHash: hashStatusToken(statusToken),
      resend: {
        issuedBefore: check.issuedBefore,
        ...(request.verification === undefined ? {} : { previousResends: request.verification.resends }),
      },
    });
    if (issued) {
      const links = requestLinks(deps.publicBaseUrl, request.id, request.lang);
      await deps.mailer.send({
        to: request.requester.email,
        from: deps.mailFrom,
        content: renderEmail({
          kind: 'verification-code',
          lang: request.lang,
          recipientName: request.requester.name,
          requestId: request.id,
          code,
          verifyUrl: links.verifyLink(code, statusToken),
          statusUrl: links.statusUrl(statusToken),
          codeValidHours: VERIFICATION_RULES.codeValidHours,
          // As the receipt says: this code confirms the address; ID-porten confirms the person.
          ...(request.verificationChoice === 'eid' ? { eidChosen: true as const } : {}),
        }),
        tags: { email: 'verification-code' },
      });
      return { kind: 'sent' };
    }
    const fresh = await deps.requests.get(request.id);
    if (fresh?.kind !== 'request') throw new NotFoundError('No such request');
    request = fresh;
  }
  return { kind: 'too-soon', retryAfterSeconds: VERIFICATION_RULES.resendIntervalSeconds };
}

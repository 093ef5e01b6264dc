/**
 * "Send me a new code": issues a fresh one-time code and emails it, at most once a minute and a few times
 * per request. The workflow's task token stays as it is; only the code changes.
 */
import type { Mailer } from '../../adapters/email/mailer';
import { renderEmail } from '../email/render';
import { NotFoundError } from '../errors';
import { requestLinks } from './links';
import type { RequestRecord, RequestStore, Secrets } from './record';
import { hashCode, hashStatusToken } from './secrets';
import { checkResend, codeExpiry, publicStatus, VERIFICATION_RULES } from './verification';
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

  const status = publicStatus(stored, deps.clock());
  if (status === 'verified') return { kind: 'already-verified' };
  if (status === 'closed-unverified') return { kind: 'request-closed' };
  const original = await deps.requests.get(stored.duplicateOf);
  // Once the original is past verification, a new code would be useless; answering "sent" (without
  // sending) keeps its progress hidden from whoever holds the duplicate.
  if (original?.kind !== 'request' || original.status !== 'awaiting-verification') return { kind: 'sent' };
  const outcome = await resendFor(original, deps);
  return outcome.kind === 'too-soon' ? outcome : { kind: 'sent' };
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

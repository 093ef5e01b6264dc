/**
 * The workflow's verification step, run as a callback task: it issues a one-time code, stores the code's
 * hash and the task token together, and emails the code. The workflow then waits until the requester
 * types the code (verify-request.ts resumes it) or the step times out.
 *
 * First run: the receipt, with the code, the verification link and a status link. Later runs (the
 * reminder after a few quiet days): just a fresh code. A retry after a failed send issues a new code,
 * so only the code in the last email works.
 */

import { renderEmail } from '../email/render';
import type { OutgoingEmail } from '../email/schema';
import { NotFoundError } from '../errors';
import { controllerName } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';
import type { Mailer } from '../ports/mailer';
import { requestLinks } from './links';
import type { RequestRecord, RequestStore, Secrets, VerificationCallback } from './record';
import { hashCode, hashStatusToken } from './secrets';
import { codeExpiry, VERIFICATION_RULES } from './verification';

export interface IssueVerificationDeps {
  readonly policy: PolicyDocument;
  readonly requests: RequestStore;
  readonly callback: VerificationCallback;
  readonly mailer: Mailer;
  readonly mailFrom: string;
  readonly publicBaseUrl: string;
  readonly secrets: Secrets;
  readonly clock: () => Date;
}

export type IssueResult = 'code-sent' | 'already-verified' | 'closed';

export async function issueVerification(
  input: { readonly requestId: string; readonly taskToken: string },
  deps: IssueVerificationDeps,
): Promise<IssueResult> {
  const now = deps.clock();
  const at = now.toISOString();
  const code = deps.secrets.newCode();
  // Every email with a code gets its own status token: the page its link opens leads back to the status
  // page, and the token does not have to be kept anywhere but in the requester's inbox.
  const statusToken = deps.secrets.newStatusToken();
  // One write, no read first: the code, the token and (unless a receipt went out before) the receipt mark,
  // with the request as it was for the email. See the end of this function for why the mark is set here.
  const issued = await deps.requests.issueWorkflowCode(input.requestId, {
    codeHash: hashCode(input.requestId, code),
    issuedAt: at,
    expiresAt: codeExpiry(now),
    attemptsLeft: VERIFICATION_RULES.maxAttempts,
    // The reminder starts a new round of codes.
    resends: 0,
    taskToken: input.taskToken,
    statusTokenHash: hashStatusToken(statusToken),
    receiptAt: at,
  });
  if (!issued.issued) {
    const current = issued.request;
    if (current?.kind !== 'request') throw new NotFoundError(`Request ${input.requestId} does not exist`);
    if (current.status === 'closed-unverified') return 'closed';
    // Verified before this step stored its token (or while it was being retried): move on at once.
    await deps.callback.resume(input.taskToken);
    return 'already-verified';
  }
  const { request, receipt: sendReceipt } = issued;

  const links = requestLinks(deps.publicBaseUrl, request.id, request.lang);
  const common = {
    lang: request.lang,
    recipientName: request.requester.name,
    requestId: request.id,
    code,
    verifyUrl: links.verifyLink(code, statusToken),
    statusUrl: links.statusUrl(statusToken),
    codeValidHours: VERIFICATION_RULES.codeValidHours,
    // The code then confirms only the address; both emails say where to sign in with ID-porten.
    ...(request.verificationChoice === 'eid' ? { eidChosen: true as const } : {}),
  };
  const email: OutgoingEmail = sendReceipt
    ? {
        kind: 'request-receipt',
        ...common,
        requestType: request.type,
        ...(request.onBehalfOf === undefined ? {} : { aboutChild: request.onBehalfOf.name }),
        controllerName: controllerName(deps.policy, request.controllerId),
        receivedDate: request.receivedDate,
        dueDate: request.dueDate,
      }
    : { kind: 'verification-code', ...common };
  // The receipt mark went in with the code, before the email: then nothing written after the send can fail,
  // and a retry after a send that went out (the function died before it answered) finds the mark and sends a
  // fresh code, never a second receipt. A send that fails takes the mark back, so the retry sends the
  // receipt. Left open: a function that dies during the send keeps the mark, and the retry's email is the
  // code without the receipt's details (the status page it links to has them); so does a failed send whose
  // mark could not be taken back.
  try {
    await deps.mailer.send({
      to: request.requester.email,
      from: deps.mailFrom,
      content: renderEmail(email),
      tags: { email: email.kind },
    });
  } catch (error) {
    if (sendReceipt) await deps.requests.clearReceiptMark(request.id, at).catch(() => {});
    throw error;
  }
  return 'code-sent';
}

export async function loadRequest(requests: RequestStore, id: string): Promise<RequestRecord> {
  const request = await requests.get(id);
  if (request?.kind !== 'request') throw new NotFoundError(`Request ${id} does not exist`);
  return request;
}

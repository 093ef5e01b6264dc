/**
 * Accepting a data subject request from the website: validate it against the policy, store it once, and
 * start its workflow, which sends the receipt with the one-time code and waits for verification.
 *
 * The answer looks the same whatever happened (new request, duplicate of an open one, honeypot): the
 * caller always gets an id, a due date and a working-looking status link, so the response never tells a
 * stranger whether someone else has asked before.
 */
import { computeDeadlines, endOfDayInstant } from '../deadlines';
import { honeypotFilled } from '../intake/honeypot';
import { submissionLanguage } from '../intake/i18n';
import { parseSubmission } from '../intake/parse';
import { enforceSubmissionLimits, type RateLimiter, type SubmissionLimits } from '../intake/rate-limits';
import { type RequestSubmission, requestSubmissionSchema } from '../intake/submissions';
import type { NoticeConsents } from '../notices/consent';
import { mainController } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';
import type { WorkflowStarter } from '../ports/workflow-starter';
import type { Pseudonyms } from '../pseudonyms';
import { subjectHash } from '../subject';
import type { RequestRecord, RequestStore, Secrets } from './record';
import { dedupeKey, hashStatusToken } from './secrets';
import { VERIFICATION_RULES, verificationDeadline } from './verification';

export interface AcceptRequestDeps {
  readonly policy: PolicyDocument;
  readonly requests: RequestStore;
  readonly workflow: WorkflowStarter;
  readonly limiter: RateLimiter;
  readonly limits: SubmissionLimits;
  readonly secrets: Secrets;
  readonly pseudonyms: Pseudonyms;
  readonly clock: () => Date;
  readonly newId: () => string;
  /** Where a ticked "tell me about policy changes" box is recorded; without it the box is ignored. */
  readonly noticeConsents?: NoticeConsents;
}

export interface AcceptedRequest {
  readonly id: string;
  readonly status: 'awaiting-verification';
  readonly dueAt: string;
  readonly lang: 'nb' | 'en';
  /** The requester's secret for the status page. Returned once, stored only as a hash. */
  readonly statusToken: string;
  /** What happened behind the uniform answer; for logs and metrics only. */
  readonly outcome: 'created' | 'duplicate' | 'honeypot';
}

/**
 * Validates a posted request against the policy on the day it arrives; throws `ValidationError`, worded
 * in the request's own `lang` (bokmål when it has none we know).
 */
export function parseRequestSubmission(
  policy: PolicyDocument,
  input: unknown,
  now: Date,
  options: { readonly eidOffered?: boolean } = {},
): RequestSubmission {
  const lang = submissionLanguage(input);
  return parseSubmission(
    requestSubmissionSchema(policy, computeDeadlines(now).receivedDate, lang, options),
    input,
    lang,
  );
}

/** Stores a validated request once and starts its workflow (see the module comment). */
export async function acceptRequest(
  submission: RequestSubmission,
  context: { readonly clientIp?: string },
  deps: AcceptRequestDeps,
): Promise<AcceptedRequest> {
  const now = deps.clock();
  const deadlines = computeDeadlines(now);
  const id = deps.newId();
  const statusToken = deps.secrets.newStatusToken();
  const lang = submission.lang ?? 'nb';
  const dueAt = endOfDayInstant(deadlines.dueDate);
  const accepted = { id, status: 'awaiting-verification', dueAt, lang, statusToken } as const;
  if (honeypotFilled(submission)) {
    return { ...accepted, outcome: 'honeypot' };
  }
  await enforceSubmissionLimits(
    deps.limiter,
    deps.limits,
    { form: 'request', email: submission.email, clientIp: context.clientIp },
    now,
  );

  const controllerId = submission.controller ?? mainController(deps.policy).id;
  const receivedAt = now.toISOString();
  const common = {
    id,
    type: submission.type,
    controllerId,
    lang,
    receivedAt,
    receivedDate: deadlines.receivedDate,
    dueDate: deadlines.dueDate,
    dueAt,
    status: 'awaiting-verification',
    statusTokenHashes: [hashStatusToken(statusToken)],
  } as const;
  const record: RequestRecord = {
    ...common,
    kind: 'request',
    policyVersion: deps.policy.version,
    requester: {
      name: submission.name,
      email: submission.email,
      ...(submission.phone === undefined ? {} : { phone: submission.phone }),
      ...(submission.birthDate === undefined ? {} : { birthDate: submission.birthDate }),
    },
    ...(submission.onBehalfOf === undefined ? {} : { onBehalfOf: submission.onBehalfOf }),
    ...(submission.details === undefined || submission.details === '' ? {} : { details: submission.details }),
    ...(submission.verification === 'eid' ? { verificationChoice: 'eid' as const } : {}),
  };
  const created = await deps.requests.create(
    record,
    {
      key: dedupeKey(deps.pseudonyms, controllerId, submission.type, submission.email, submission.onBehalfOf),
      until: dueAt,
    },
    subjectHash(deps.pseudonyms, submission.email),
  );
  if (!created.created) {
    await deps.requests.createDuplicate({
      ...common,
      kind: 'duplicate',
      duplicateOf: created.duplicateOf,
      verifyBy: verificationDeadline(receivedAt),
      // As if a code had been sent now, as it is for a new request: the answers must look the same.
      budget: { attemptsLeft: VERIFICATION_RULES.maxAttempts, resends: 0, lastCodeAt: receivedAt },
    });
    // Idempotent, and it heals an original whose own start failed after it was stored.
    await deps.workflow.start(created.duplicateOf);
    return { ...accepted, outcome: 'duplicate' };
  }
  // Only a new request records the consent: a duplicate must leave no trace of its submitter.
  if (submission.policyNotices) await deps.noticeConsents?.record(submission.email, lang, `request:${id}`);
  await deps.workflow.start(id);
  return { ...accepted, outcome: 'created' };
}

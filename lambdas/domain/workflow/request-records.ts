/**
 * How long a privacy request's own record is kept once it is closed: the request, its tasks, findings,
 * decisions and audit trail (GDPR Art. 5(2): we must be able to show how we handled it). The period is the
 * policy's, from its retention rule for the `privacy-requests` category in the system Personvern runs itself
 * (the `internal` connector's), counted from the closing of the request. After it the records are deleted
 * automatically (DynamoDB's TTL on every item of the request). A policy without a period keeps them, as
 * before: never a reason to delete what the policy says to keep.
 */
import { endOfDayInstant, format, osloDate, plusPeriod } from '../calendar';
import { retentionRulesFor } from '../policy/queries';
import { retentionPeriod } from '../policy/retention-period';
import type { PolicyDocument } from '../policy/schema';

export const PRIVACY_REQUESTS_CATEGORY = 'privacy-requests';

/** The last instant the records of a request closed at `closedAt` are kept; undefined when the policy sets no period. */
export function requestRecordsKeptUntil(policy: PolicyDocument, closedAt: Date): Date | undefined {
  const system = policy.systems.find(
    (candidate) => candidate.handling.kind === 'automated' && candidate.handling.connector === 'internal',
  );
  if (system === undefined) return undefined;
  const rule = retentionRulesFor(policy, system.id, PRIVACY_REQUESTS_CATEGORY).find(
    (candidate) => candidate.startsFrom === 'request-closed' && candidate.duration !== null,
  );
  if (rule === undefined) return undefined;
  // Kept through the last day, in Oslo, like every other period here (legal-hold.ts).
  return new Date(endOfDayInstant(format(plusPeriod(osloDate(closedAt), retentionPeriod(rule)))));
}

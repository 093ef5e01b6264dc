/**
 * The end of a request's stored data: `REQUEST_DATA_LIFETIME.keepDaysAfterClose` days after the answer or
 * the refusal, the request workflow deletes what the request stored in the export bucket (collected
 * records, staff uploads, the export ZIP) and the sealed national identity number from ID-porten. The request item, its findings and its audit trail stay: they
 * say what was done, and hold counts and ids, not the data. They are kept for the policy's period for
 * privacy-request records (request-records.ts), and then deleted by the table's TTL, set here.
 */
import type { AuditTrail } from '../audit/trail';
import type { NationalIdEraser } from '../eid/national-id-vault';
import type { PolicyDocument } from '../policy/schema';
import { loadRequest } from '../requests/issue-verification';
import type { RequestStore } from '../requests/record';
import type { RequestObjectStore } from './ports';
import { requestRecordsKeptUntil } from './request-records';

/** Deletes every item of a request (request, tasks, findings, audit trail) once `at` has passed. */
export interface RequestRecordsExpiry {
  expireAfter(requestId: string, at: Date): Promise<number>;
}

export interface PurgeDeps {
  readonly policy: PolicyDocument;
  readonly requests: RequestStore;
  readonly objects: RequestObjectStore;
  readonly records: RequestRecordsExpiry;
  readonly audit: Pick<AuditTrail, 'append'>;
  /** The sealed national identity number from ID-porten, if the requester signed in: it goes with the data. */
  readonly nationalIds: NationalIdEraser;
  readonly clock: () => Date;
}

/** Only a closed request's data is deleted: a purge reaching an open one is a fault, not a shortcut. */
export class RequestStillOpenError extends Error {
  constructor(requestId: string, status: string) {
    super(`Request ${requestId} is ${status}: its data is deleted only after it closes`);
    this.name = 'RequestStillOpenError';
  }
}

/** Deletes everything the closed request stored, and says so in its audit trail. Safe to repeat. */
export async function purgeStep(requestId: string, deps: PurgeDeps) {
  const request = await loadRequest(deps.requests, requestId);
  if (request.status !== 'completed' && request.status !== 'rejected')
    throw new RequestStillOpenError(request.id, request.status);
  const deleted = await deps.objects.deleteAll(request.id);
  await deps.nationalIds.remove(request.id);
  const now = deps.clock();
  const closedAt = new Date(request.completedAt ?? now.toISOString());
  const keptUntil = requestRecordsKeptUntil(deps.policy, closedAt);
  // Written before the expiry is set, so that this event expires with the rest of the trail.
  await deps.audit.append(
    request.id,
    {
      action: 'stored-data-deleted',
      actor: { kind: 'system', id: 'request-workflow' },
      details: { deleted, ...(keptUntil === undefined ? {} : { recordsKeptUntil: keptUntil.toISOString() }) },
    },
    now.toISOString(),
  );
  if (keptUntil !== undefined) await deps.records.expireAfter(request.id, keptUntil);
  // The workflow ends as the request did: Done or Rejected.
  return { deleted, outcome: request.status };
}

/**
 * The end of a request's stored data: `REQUEST_DATA_LIFETIME.keepDaysAfterClose` days after the answer or
 * the refusal, the request workflow deletes what the request stored in the export bucket (collected
 * records, staff uploads, the export ZIP). The request item, its findings and its audit trail stay: they
 * say what was done, and hold counts and ids, not the data.
 */
import type { AuditTrail } from '../audit/trail';
import { loadRequest } from '../requests/issue-verification';
import type { RequestStore } from '../requests/record';
import type { RequestObjectStore } from './ports';

export interface PurgeDeps {
  readonly requests: RequestStore;
  readonly objects: RequestObjectStore;
  readonly audit: Pick<AuditTrail, 'append'>;
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
  await deps.audit.append(
    request.id,
    {
      action: 'stored-data-deleted',
      actor: { kind: 'system', id: 'request-workflow' },
      details: { deleted },
    },
    deps.clock().toISOString(),
  );
  // The workflow ends as the request did: Done or Rejected.
  return { deleted, outcome: request.status };
}

/**
 * The workflow's last word on a requester who never typed the code: the request closes, leaves the open
 * requests, and stops blocking a new submission of the same request.
 */

import { loadRequest } from './issue-verification';
import type { RequestStore } from './record';
import { dedupeKey } from './secrets';

export async function closeUnverified(
  requestId: string,
  deps: { readonly requests: RequestStore; readonly clock: () => Date },
): Promise<'closed' | 'verified-meanwhile'> {
  const request = await loadRequest(deps.requests, requestId);
  if (request.status === 'closed-unverified') return 'closed';
  const closed = await deps.requests.closeUnverified(
    request.id,
    deps.clock().toISOString(),
    dedupeKey(request.controllerId, request.type, request.requester.email),
  );
  return closed ? 'closed' : 'verified-meanwhile';
}

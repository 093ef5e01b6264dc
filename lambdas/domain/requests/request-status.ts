/**
 * The requester's status view, behind the secret token from the receipt. A missing or wrong token gets
 * the same NotFoundError as an id that does not exist, so the page never confirms that a request exists.
 */
import { NotFoundError } from '../errors';
import { controllerName } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';
import type { RequestStore } from './record';
import { hashStatusToken, sameHash } from './secrets';
import { publicStatus } from './verification';
import type { RequestStatusView } from './views';

export interface RequestStatusDeps {
  readonly policy: PolicyDocument;
  readonly requests: RequestStore;
  readonly clock: () => Date;
}

export async function requestStatus(
  id: string,
  token: string | undefined,
  deps: RequestStatusDeps,
): Promise<RequestStatusView> {
  const stored = await deps.requests.get(id);
  const presented = hashStatusToken(token ?? '');
  const known = stored?.statusTokenHashes.some((hash) => sameHash(hash, presented)) ?? false;
  if (stored === undefined || token === undefined || token === '' || !known) {
    throw new NotFoundError('No such request');
  }
  return {
    id: stored.id,
    type: stored.type,
    status: publicStatus(stored, deps.clock()),
    lang: stored.lang,
    controllerName: controllerName(deps.policy, stored.controllerId),
    receivedDate: stored.receivedDate,
    dueDate: stored.dueDate,
  };
}

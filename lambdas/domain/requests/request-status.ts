/**
 * The requester's status view, behind the secret token from the receipt. A missing or wrong token gets
 * the same NotFoundError as an id that does not exist, so the page never confirms that a request exists.
 */
import { NotFoundError } from '../errors';
import { controllerName } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';
import type { RequestStore, StoredRequest } from './record';
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
  const aboutChild = await childOf(stored, deps.requests);
  return {
    id: stored.id,
    type: stored.type,
    status: publicStatus(stored, deps.clock()),
    lang: stored.lang,
    ...(aboutChild === undefined ? {} : { aboutChild }),
    controllerName: controllerName(deps.policy, stored.controllerId),
    receivedDate: stored.receivedDate,
    dueDate: stored.dueDate,
    ...eidOf(stored),
  };
}

/** A duplicate shows no sign-in: nothing of the original's progress may show through it. */
function eidOf(stored: StoredRequest): Pick<RequestStatusView, 'eid'> {
  if (stored.kind !== 'request' || stored.verificationChoice !== 'eid') return {};
  return {
    eid: {
      chosen: true,
      ...(stored.eidSignIn === undefined ? {} : { signedInLevel: stored.eidSignIn.level }),
    },
  };
}

/**
 * A duplicate stores no name, but its page must look like the original's, or whoever filed it would learn
 * that the request already existed. The duplicate key includes the child, so the original's child is the
 * one the duplicate's sender typed.
 */
async function childOf(stored: StoredRequest, requests: RequestStore): Promise<string | undefined> {
  if (stored.kind === 'request') return stored.onBehalfOf?.name;
  const original = await requests.get(stored.duplicateOf);
  return original?.kind === 'request' ? original.onBehalfOf?.name : undefined;
}

/**
 * The workflow's last word on a requester who never typed the code: the request closes, leaves the open
 * requests, stops blocking a new submission of the same request, and the requester is told, once.
 */

import type { NationalIdEraser } from '../eid/national-id-vault';
import { renderEmail } from '../email/render';
import { controllerName } from '../policy/queries';
import type { PolicyDocument } from '../policy/schema';
import type { Mailer } from '../ports/mailer';
import type { Pseudonyms } from '../pseudonyms';
import { loadRequest } from './issue-verification';
import type { RequestStore } from './record';
import { dedupeKey } from './secrets';

export interface CloseUnverifiedDeps {
  readonly policy: PolicyDocument;
  readonly requests: RequestStore;
  readonly mailer: Mailer;
  readonly mailFrom: string;
  readonly publicBaseUrl: string;
  readonly pseudonyms: Pseudonyms;
  /** A sign-in without the code leaves a sealed number behind: it goes when the request closes. */
  readonly nationalIds: NationalIdEraser;
  readonly clock: () => Date;
}

export async function closeUnverified(
  requestId: string,
  deps: CloseUnverifiedDeps,
): Promise<'closed' | 'verified-meanwhile'> {
  const request = await loadRequest(deps.requests, requestId);
  if (request.status === 'verified') return 'verified-meanwhile';
  if (request.status === 'awaiting-verification') {
    const closed = await deps.requests.closeUnverified(
      request.id,
      deps.clock().toISOString(),
      dedupeKey(
        deps.pseudonyms,
        request.controllerId,
        request.type,
        request.requester.email,
        request.onBehalfOf,
      ),
    );
    if (!closed) return 'verified-meanwhile';
  }
  // Always, not only when a sign-in was read: a sign-in racing this close may have sealed its number just
  // before its own write was refused (complete-eid.ts removes it too). Deleting nothing costs nothing.
  await deps.nationalIds.remove(request.id);
  // Closed now, or by an earlier run whose email failed: the notice goes out once.
  if (request.closedNoticeSentAt === undefined) {
    await deps.mailer.send({
      to: request.requester.email,
      from: deps.mailFrom,
      content: renderEmail({
        kind: 'request-closed-unverified',
        lang: request.lang,
        recipientName: request.requester.name,
        requestId: request.id,
        controllerName: controllerName(deps.policy, request.controllerId),
        requestFormUrl: `${deps.publicBaseUrl.replace(/\/$/, '')}/forms/request?lang=${request.lang}`,
      }),
      tags: { email: 'request-closed-unverified' },
    });
    await deps.requests.markClosedNoticeSent(request.id, deps.clock().toISOString());
  }
  return 'closed';
}

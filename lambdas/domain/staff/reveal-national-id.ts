/**
 * Staff see the national identity number from ID-porten only on demand (docs/id-porten.md section 4):
 * with a reason, for a request of a company they handle, and recorded in the request's audit trail before
 * the number is opened, so no view escapes the trail even when the opening fails.
 */
import type { AuditTrail } from '../audit/trail';
import type { NationalIdVault } from '../eid/national-id-vault';
import { NotFoundError, ValidationError } from '../errors';
import type { RequestStore } from '../requests/record';
import * as z from '../zod';
import { type StaffMember, visibleTo } from './access';

export interface RevealNationalIdDeps {
  readonly requests: RequestStore;
  readonly vault: Pick<NationalIdVault, 'reveal'>;
  readonly audit: Pick<AuditTrail, 'append'>;
  readonly clock: () => Date;
}

/** Why staff need the number: to check identity, or to find the person in a system keyed on it. */
const RevealBody = z.object({
  reason: z.enum(['identity-check', 'manual-collection'], {
    error: 'Say why: identity-check or manual-collection',
  }),
  taskId: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_.-]{1,200}$/, 'A task id'))),
});

export async function revealNationalId(
  requestId: string,
  /** Read only once the request is known to be this person's to see (access.ts, `visibleTo`). */
  body: () => unknown,
  staff: StaffMember,
  deps: RevealNationalIdDeps,
): Promise<{ nationalId: string }> {
  const stored = await deps.requests.get(requestId);
  const request = visibleTo(staff, stored?.kind === 'request' ? stored : undefined, 'request');
  const parsed = RevealBody.safeParse(body());
  if (!parsed.success) {
    throw new ValidationError(
      'Seeing the national identity number needs a reason',
      Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.') || 'body', issue.message])),
    );
  }
  if (request.eidSignIn === undefined)
    throw new NotFoundError('This request was not signed in with ID-porten');
  await deps.audit.append(
    request.id,
    {
      action: 'national-id-viewed',
      actor: { kind: 'staff', id: staff.username },
      details: {
        reason: parsed.data.reason,
        ...(parsed.data.taskId === undefined ? {} : { taskId: parsed.data.taskId }),
      },
    },
    deps.clock().toISOString(),
  );
  const nationalId = await deps.vault.reveal(request.id);
  if (nationalId === undefined) throw new NotFoundError('The national identity number is no longer stored');
  return { nationalId };
}

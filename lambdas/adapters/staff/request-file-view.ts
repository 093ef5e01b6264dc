/**
 * `GET /staff/requests/{id}`: a staff member opening a request file, in the order privacy asks for. Another
 * company's request answers like one that does not exist; the view is recorded in the request's audit
 * trail before anything is returned, and shows in the timeline it returns; the legal holds about the
 * requester are looked up only for the privacy officer. Kept out of the handler so that order can be read,
 * and tested, on its own.
 */
import type { AuditTrail } from '../../domain/audit/trail';
import { NotFoundError } from '../../domain/errors';
import { osloDate } from '../../domain/oslo-date';
import type { PolicyDocument } from '../../domain/policy/schema';
import type { Pseudonyms } from '../../domain/pseudonyms';
import { isPrivacyOfficer, NO_SUCH_REQUEST, type StaffMember, visibleTo } from '../../domain/staff/access';
import { holdViews } from '../../domain/staff/holds';
import { requestDetail } from '../../domain/staff/request-views';
import { subjectHash } from '../../domain/subject';
import type { HoldStore } from '../../domain/workflow/ports';
import type { DynamoStaffQueries } from '../store/dynamo-staff-queries';

export interface RequestFileViewDeps {
  readonly policy: PolicyDocument;
  readonly queries: Pick<DynamoStaffQueries, 'requestFile'>;
  readonly audit: Pick<AuditTrail, 'append'>;
  readonly holds: Pick<HoldStore, 'listForSubject'>;
  readonly pseudonyms: Pseudonyms;
  readonly clock?: () => Date;
}

export function requestFileView(deps: RequestFileViewDeps) {
  const clock = deps.clock ?? (() => new Date());
  return async (staff: StaffMember, requestId: string) => {
    const file = await deps.queries.requestFile(requestId);
    if (file === undefined) throw new NotFoundError(NO_SUCH_REQUEST);
    // Another company's request answers like one that does not exist.
    visibleTo(staff, file.request, 'request');
    const viewed = await deps.audit.append(
      file.request.id,
      { action: 'request-viewed', actor: { kind: 'staff', id: staff.username } },
      clock().toISOString(),
    );
    const { request } = file;
    const now = clock();
    // Holds are the privacy officer's register and may concern another company's dispute: only they see them.
    const aboutRequester = isPrivacyOfficer(staff)
      ? await deps.holds.listForSubject(subjectHash(deps.pseudonyms, request.requester.email))
      : [];
    return requestDetail(
      {
        request,
        tasks: file.tasks,
        findings: file.findings,
        retention: file.retention,
        events: [...file.events, viewed],
        holds: holdViews(aboutRequester, osloDate(now)),
      },
      deps.policy,
      now,
    );
  };
}

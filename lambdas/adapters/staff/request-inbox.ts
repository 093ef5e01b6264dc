/**
 * `GET /staff/requests`: the staff inbox, and the two ways it can show personal data, both audited on the
 * requests concerned. A search by email address is a lookup of a person, so each request it finds records
 * who searched; a row about a child names the child, so each such row shown records who saw it. Kept out
 * of the handler so what is audited, and when, can be read and tested on its own.
 */
import type { AuditTrail } from '../../domain/audit/trail';
import type { PolicyDocument } from '../../domain/policy/schema';
import type { Pseudonyms } from '../../domain/pseudonyms';
import { type StaffMember, visibleAmong } from '../../domain/staff/access';
import { parseRequestSearch } from '../../domain/staff/request-search';
import { matchesFilters, type RequestRow, requestRow } from '../../domain/staff/request-views';
import type { DynamoStaffQueries } from '../store/dynamo-staff-queries';
import type { DynamoStaffTasks } from '../store/dynamo-staff-tasks';

export interface RequestInboxDeps {
  readonly policy: PolicyDocument;
  readonly queries: Pick<DynamoStaffQueries, 'listRequests' | 'requestsAbout'>;
  readonly tasks: Pick<DynamoStaffTasks, 'listOpen'>;
  readonly audit: Pick<AuditTrail, 'append'>;
  readonly pseudonyms: Pseudonyms;
  readonly clock?: () => Date;
}

/** The query string as API Gateway hands it over: `controller`, `type`, `status` and `q`. */
export type InboxQuery = Readonly<Record<string, string | undefined>>;

export function requestInbox(deps: RequestInboxDeps) {
  const clock = deps.clock ?? (() => new Date());
  return async (staff: StaffMember, filters: InboxQuery): Promise<RequestRow[]> => {
    const visible = visibleAmong(
      staff.controllers,
      deps.policy.controllers.map((c) => c.id),
    );
    const search = parseRequestSearch(filters.q, deps.pseudonyms);
    const [requests, open] = await Promise.all([
      search?.by === 'email'
        ? deps.queries.requestsAbout(search.subjectHash, visible)
        : deps.queries.listRequests(visible),
      deps.tasks.listOpen(visible),
    ]);
    const now = clock();
    const actor = { kind: 'staff', id: staff.username } as const;
    if (search?.by === 'email') {
      for (const request of requests) {
        await deps.audit.append(request.id, { action: 'found-by-email-search', actor }, now.toISOString());
      }
    }
    const rows = requests
      .map((request) => requestRow(request, open, now))
      .filter((row) =>
        matchesFilters(row, {
          ...(filters.controller ? { controller: filters.controller } : {}),
          ...(filters.type ? { type: filters.type } : {}),
          ...(filters.status ? { status: filters.status } : {}),
          ...(search?.by === 'id' ? { q: search.prefix } : {}),
        }),
      );
    // A row about a child shows the child's name: that is a view of personal data, so it is audited.
    const named = rows.filter((row) => row.childName !== undefined);
    await Promise.all(
      named.map((row) => deps.audit.append(row.id, { action: 'named-in-inbox', actor }, now.toISOString())),
    );
    return rows;
  };
}

/**
 * The staff inbox, with the real audit trail on dynalite and the requests in memory (the test table has no
 * index by company; the queries are tested in dynamo-staff-queries.test.ts): the caller's companies'
 * requests only, filtered; a search by email address audited on each request it finds, and a row naming a
 * child audited on that request, while an ordinary listing records nothing.
 */
import { requestInbox } from '../../../lambdas/adapters/staff/request-inbox';
import { DynamoAuditTrail } from '../../../lambdas/adapters/store/dynamo-audit-trail';
import type { RequestRecord } from '../../../lambdas/domain/requests/record';
import { subjectHash } from '../../../lambdas/domain/subject';
import { sterkPolicy } from '../../domain/policy/sterk-fixture';
import { testPseudonyms } from '../../support/pseudonyms';
import { useTestTables } from '../store/dynalite-table';
import { HASLE_STAFF, KARI, requestRecord } from './fixtures';

const NOW = new Date('2026-03-03T10:00:00.000Z');
const CHILD = { name: 'Ola Nordmann', birthDate: '2015-05-01', relationship: 'guardian' } as const;

describe('Function: requestInbox', () => {
  let audit: DynamoAuditTrail;
  let inbox: ReturnType<typeof requestInbox>;

  /** What the trails of the stored requests hold, as `request: action by whom`. */
  async function audited(): Promise<string[]> {
    const ids = ['r-kari', 'r-ola', 'r-erasure', 'r-helse'];
    const trails = await Promise.all(ids.map((id) => audit.list(id)));
    return trails.flat().map((event) => `${event.requestId}: ${event.action} by ${event.actor.id}`);
  }

  useTestTables(async (database, table) => {
    audit = new DynamoAuditTrail(database.documents, table);
    const at = (day: number) => ({
      receivedAt: `2026-03-0${day}T09:00:00.000Z`,
      receivedDate: `2026-03-0${day}`,
    });
    const stored: RequestRecord[] = [
      requestRecord('r-helse', { ...at(4), controllerId: 'sterk-helse' }),
      requestRecord('r-erasure', {
        ...at(3),
        type: 'erasure',
        requester: { name: 'Per Hansen', email: 'per@example.no' },
      }),
      requestRecord('r-ola', { ...at(2), onBehalfOf: CHILD }),
      requestRecord('r-kari', at(1)),
    ];
    const visible = (companies: readonly string[]) =>
      stored.filter((request) => companies.includes(request.controllerId));
    inbox = requestInbox({
      policy: sterkPolicy(),
      // As the store answers: newest first, only the companies asked for.
      queries: {
        listRequests: async (companies) => visible(companies),
        requestsAbout: async (subject, companies) =>
          visible(companies).filter((r) => subjectHash(testPseudonyms, r.requester.email) === subject),
      },
      tasks: { listOpen: async () => [] },
      audit,
      pseudonyms: testPseudonyms,
      clock: () => NOW,
    });
  });

  it('lists the caller’s companies’ requests and audits only the row naming a child', async () => {
    // Act
    const rows = await inbox(HASLE_STAFF, {});

    // Assess
    expect(rows.map((row) => row.id)).toEqual(['r-erasure', 'r-ola', 'r-kari']);
    expect(await audited()).toEqual(['r-ola: named-in-inbox by siri']);
  });

  it('audits each request a search by email address finds, as a lookup of that person', async () => {
    // Act
    const rows = await inbox(HASLE_STAFF, { q: KARI });

    // Assess
    expect(rows.map((row) => row.id).sort()).toEqual(['r-kari', 'r-ola']);
    expect((await audited()).sort()).toEqual([
      'r-kari: found-by-email-search by siri',
      'r-ola: found-by-email-search by siri',
      'r-ola: named-in-inbox by siri',
    ]);
  });

  it('filters by type and by the start of an id, and audits nothing when no child is shown', async () => {
    // Act
    const byType = await inbox(HASLE_STAFF, { type: 'erasure' });
    const byId = await inbox(HASLE_STAFF, { q: 'R-KA' });

    // Assess
    expect(byType.map((row) => row.id)).toEqual(['r-erasure']);
    expect(byId.map((row) => row.id)).toEqual(['r-kari']);
    expect(await audited()).toEqual([]);
  });
});

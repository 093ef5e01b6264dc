import { DynamoRequests } from '../../../lambdas/adapters/store/dynamo-requests';
import { DynamoStaffQueries } from '../../../lambdas/adapters/store/dynamo-staff-queries';
import type { RequestRecord } from '../../../lambdas/domain/requests/record';
import { subjectHash } from '../../../lambdas/domain/subject';
import { testPseudonyms } from '../../support/pseudonyms';
import { useTestTables } from './dynalite-table';

const KARI = 'kari@example.no';

function requestRecord(id: string, controllerId: string, email: string, receivedAt: string): RequestRecord {
  return {
    kind: 'request',
    id,
    type: 'access',
    controllerId,
    lang: 'nb',
    receivedAt,
    receivedDate: receivedAt.slice(0, 10),
    dueDate: '2026-04-02',
    dueAt: '2026-04-02T21:59:59.999Z',
    status: 'awaiting-verification',
    statusTokenHashes: [`status-${id}`],
    policyVersion: '1.0.0',
    requester: { name: 'Kari Nordmann', email },
  };
}

describe('Class: DynamoStaffQueries', () => {
  let queries: DynamoStaffQueries;
  let requests: DynamoRequests;

  useTestTables(async (database, table) => {
    queries = new DynamoStaffQueries(database.documents, table);
    requests = new DynamoRequests(database.documents, table);
  });

  describe('Method: requestsAbout', () => {
    it("finds one person's requests in the companies asked for, newest first, and nobody else's", async () => {
      // Prepare
      const create = (record: RequestRecord) =>
        requests.create(
          record,
          { key: `dedupe-${record.id}`, until: record.dueAt },
          subjectHash(testPseudonyms, record.requester.email),
        );
      await create(requestRecord('r-old', 'sterk-hasle', KARI, '2026-03-01T09:00:00.000Z'));
      await create(requestRecord('r-new', 'sterk-helse', KARI, '2026-03-05T09:00:00.000Z'));
      await create(
        requestRecord('r-other-company', 'sterk-helse-og-trening', KARI, '2026-03-06T09:00:00.000Z'),
      );
      await create(
        requestRecord('r-someone-else', 'sterk-hasle', 'ola@example.no', '2026-03-07T09:00:00.000Z'),
      );

      // Act
      const found = await queries.requestsAbout(subjectHash(testPseudonyms, KARI), [
        'sterk-hasle',
        'sterk-helse',
      ]);

      // Assess
      expect(found.map((request) => request.id)).toEqual(['r-new', 'r-old']);
      expect(found.every((request) => !('subjectHash' in request))).toBe(true);
    });

    it('finds nothing for an address nobody filed with', async () => {
      // Act
      const found = await queries.requestsAbout(subjectHash(testPseudonyms, 'nobody@example.no'), [
        'sterk-hasle',
      ]);

      // Assess
      expect(found).toEqual([]);
    });
  });
});

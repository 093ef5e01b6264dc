/**
 * What the staff routes' adapter tests share: a request as intake stores it, stored through the real
 * request store, and the people who look at it (a company's staff member and the privacy officer).
 */
import { DynamoRequests } from '../../../lambdas/adapters/store/dynamo-requests';
import type { RequestRecord } from '../../../lambdas/domain/requests/record';
import type { StaffMember } from '../../../lambdas/domain/staff/access';
import { subjectHash } from '../../../lambdas/domain/subject';
import { testPseudonyms } from '../../support/pseudonyms';
import type { TestDatabase } from '../store/dynalite-table';

export const KARI = 'kari@example.no';

/** Sees STERK Hasle's requests only. */
export const HASLE_STAFF: StaffMember = { username: 'siri', controllers: ['sterk-hasle'] };
export const OTHER_COMPANY_STAFF: StaffMember = { username: 'per', controllers: ['sterk-helse'] };
export const PRIVACY_OFFICER: StaffMember = { username: 'pia', controllers: 'all' };

export function requestRecord(id: string, overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    kind: 'request',
    id,
    type: 'access',
    controllerId: 'sterk-hasle',
    lang: 'nb',
    receivedAt: '2026-03-02T09:00:00.000Z',
    receivedDate: '2026-03-02',
    dueDate: '2026-04-02',
    dueAt: '2026-04-02T21:59:59.999Z',
    status: 'verified',
    statusTokenHashes: [`status-${id}`],
    policyVersion: '1.0.0',
    requester: { name: 'Kari Nordmann', email: KARI },
    ...overrides,
  } as RequestRecord;
}

/** Stores the request as intake does, with its subject link. */
export async function storeRequest(database: TestDatabase, table: string, record: RequestRecord) {
  await new DynamoRequests(database.documents, table).create(
    record,
    { key: `dedupe-${record.id}`, until: record.dueAt },
    subjectHash(testPseudonyms, record.requester.email),
  );
}

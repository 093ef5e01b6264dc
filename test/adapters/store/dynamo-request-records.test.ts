import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditTrail } from '../../../lambdas/adapters/store/dynamo-audit-trail';
import { DynamoRequestRecords } from '../../../lambdas/adapters/store/dynamo-request-records';
import { keys } from '../../../lambdas/adapters/store/keys';
import { verifyChain } from '../../../lambdas/domain/audit/chain';
import { type TestDatabase, useTestTables } from './dynalite-table';

const REQUEST = 'req-01JA2B3C4D';
const KEPT_UNTIL = new Date('2029-03-16T22:59:59.999Z');
const EPOCH = Math.ceil(KEPT_UNTIL.getTime() / 1000);

describe('Class: DynamoRequestRecords', () => {
  let database: TestDatabase;
  let table: string;
  let records: DynamoRequestRecords;
  let audit: DynamoAuditTrail;

  useTestTables(async (started, name) => {
    database = started;
    table = name;
    records = new DynamoRequestRecords(database.documents, table);
    audit = new DynamoAuditTrail(database.documents, table);
  });

  const put = (item: Record<string, unknown>) =>
    database.documents.send(new PutCommand({ TableName: table, Item: item }));

  it('sets the TTL on every item of the request, and on nothing else', async () => {
    // Prepare
    await put({ ...keys.request(REQUEST), kind: 'request', id: REQUEST, status: 'completed' });
    await put({ pk: keys.request(REQUEST).pk, sk: 'TASK#t-1', kind: 'task', taskId: 't-1' });
    await audit.append(
      REQUEST,
      { action: 'request.viewed', actor: { kind: 'staff', id: 's-1' } },
      '2026-03-02T09:00:00.000Z',
    );
    await put({ ...keys.request('req-other'), kind: 'request', id: 'req-other' });

    // Act
    const set = await records.expireAfter(REQUEST, KEPT_UNTIL);

    // Assess
    const items = await database.allItems(table);
    const mine = items.filter((item) => item.pk === keys.request(REQUEST).pk);
    expect(set).toBe(3);
    expect(mine.map((item) => item.expiresAt)).toEqual([EPOCH, EPOCH, EPOCH]);
    expect(items.find((item) => item.pk === keys.request('req-other').pk)?.expiresAt).toBeUndefined();
  });

  it('keeps an earlier expiry an item already has', async () => {
    // Prepare
    const sooner = EPOCH - 86_400;
    await put({ pk: keys.request(REQUEST).pk, sk: 'CODE', kind: 'code', expiresAt: sooner });

    // Act
    const set = await records.expireAfter(REQUEST, KEPT_UNTIL);

    // Assess
    expect(set).toBe(0);
    expect((await database.allItems(table))[0]?.expiresAt).toBe(sooner);
  });

  it('lets an event appended after the expiry was set expire with the rest of the trail', async () => {
    // Prepare
    await audit.append(
      REQUEST,
      { action: 'stored-data-deleted', actor: { kind: 'system', id: 'request-workflow' } },
      '2026-03-30T09:00:00.000Z',
    );
    await records.expireAfter(REQUEST, KEPT_UNTIL);

    // Act: a member of staff looks at the closed request a year later.
    await audit.append(
      REQUEST,
      { action: 'request.viewed', actor: { kind: 'staff', id: 's-1' } },
      '2027-03-30T09:00:00.000Z',
    );

    // Assess
    const items = await database.allItems(table);
    expect(items.map((item) => [item.sk, item.expiresAt])).toEqual([
      [keys.auditEvent(REQUEST, 1).sk, EPOCH],
      [keys.auditEvent(REQUEST, 2).sk, EPOCH],
    ]);
  });

  it('leaves the audit trail verifiable: the TTL is storage, not part of the events', async () => {
    // Prepare
    await audit.append(
      REQUEST,
      { action: 'request.viewed', actor: { kind: 'staff', id: 's-1' } },
      '2026-03-02T09:00:00.000Z',
    );
    await audit.append(
      REQUEST,
      { action: 'stored-data-deleted', actor: { kind: 'system', id: 'request-workflow' } },
      '2026-03-30T09:00:00.000Z',
    );

    // Act
    await records.expireAfter(REQUEST, KEPT_UNTIL);
    const events = await audit.list(REQUEST);

    // Assess
    expect(events).toHaveLength(2);
    expect(verifyChain(REQUEST, events)).toEqual({ ok: true, length: 2 });
  });
});

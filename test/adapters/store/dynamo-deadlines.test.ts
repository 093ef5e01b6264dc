import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDeadlines } from '../../../lambdas/adapters/store/dynamo-deadlines';
import { keys } from '../../../lambdas/adapters/store/keys';
import type { Extension } from '../../../lambdas/domain/staff/extend-deadline';
import { type TestDatabase, useTestTables } from './dynalite-table';

const A = 'sterk-helse';
const B = 'sterk-hasle';
const UP_TO = '2026-03-17T22:59:59.999Z';

/** A request item as intake and verification leave it; `open` adds the index attribute. */
function requestItem(id: string, controllerId: string, dueAt: string, open: boolean) {
  return {
    ...keys.request(id),
    kind: 'request',
    id,
    type: 'access',
    controllerId,
    lang: 'nb',
    receivedAt: '2026-02-10T09:00:00.000Z',
    receivedDate: '2026-02-10',
    dueDate: dueAt.slice(0, 10),
    dueAt,
    status: open ? 'verified' : 'completed',
    stage: open ? 'review' : 'completed',
    requester: { name: 'Kari Nordmann', email: 'kari@example.no' },
    ...(open ? { openController: controllerId } : {}),
  };
}

const extension: Extension = {
  originalDueDate: '2026-03-10',
  dueDate: '2026-05-11',
  dueAt: '2026-05-11T21:59:59.999Z',
  extendedAt: '2026-03-01T10:00:00.000Z',
  extendedBy: 'personvernombud',
  extensionReason: 'Arkivet må hentes fram.',
};

describe('Class: DynamoDeadlines', () => {
  let database: TestDatabase;
  let table: string;
  let store: DynamoDeadlines;

  useTestTables(async (started, name) => {
    database = started;
    table = name;
    store = new DynamoDeadlines(database.documents, table);
  });

  async function put(item: Record<string, unknown>): Promise<void> {
    await database.documents.send(new PutCommand({ TableName: table, Item: item }));
  }

  it('reads only the open requests of one controller due by the bound, with 10,000 closed requests present', async () => {
    // Prepare
    const closed = Array.from({ length: 10_000 }, (_, i) =>
      requestItem(`closed-${i}`, i % 2 === 0 ? A : B, '2026-03-05T22:59:59.999Z', false),
    );
    const batches: (typeof closed)[] = [];
    for (let i = 0; i < closed.length; i += 25) batches.push(closed.slice(i, i + 25));
    for (let i = 0; i < batches.length; i += 16) {
      await Promise.all(
        batches.slice(i, i + 16).map((batch) =>
          database.documents.send(
            new BatchWriteCommand({
              RequestItems: { [table]: batch.map((Item) => ({ PutRequest: { Item } })) },
            }),
          ),
        ),
      );
    }
    const inWindow = ['2026-03-01T22:59:59.999Z', '2026-03-10T22:59:59.999Z', UP_TO];
    for (const [i, dueAt] of inWindow.entries()) await put(requestItem(`open-${i}`, A, dueAt, true));
    await put(requestItem('later', A, '2026-03-18T22:59:59.999Z', true));
    await put(requestItem('other-company', B, '2026-03-10T22:59:59.999Z', true));

    // Act
    const rows = await store.openDueBy(A, UP_TO);

    // Assess
    expect(rows.map((r) => r.id)).toEqual(['open-0', 'open-1', 'open-2']);
    expect(store.itemsRead).toBe(3);
    // Only what a digest shows is read: no requester, no index keys.
    expect(rows[0]).toEqual({
      id: 'open-0',
      type: 'access',
      receivedAt: '2026-02-10T09:00:00.000Z',
      dueDate: '2026-03-01',
      stage: 'review',
    });
  }, 120_000);

  it('extends once: sets the new due date and moves the request in the index, keeping it open', async () => {
    // Prepare
    await put(requestItem('r1', A, '2026-03-10T22:59:59.999Z', true));

    // Act
    const first = await store.extend('r1', extension);
    const second = await store.extend('r1', { ...extension, extensionReason: 'Igjen' });

    // Assess
    expect(first).toBe(true);
    expect(second).toBe(false);
    const item = await database.rawItem(table, keys.request('r1'));
    expect(item).toMatchObject({
      dueDate: '2026-05-11',
      dueAt: '2026-05-11T21:59:59.999Z',
      originalDueDate: '2026-03-10',
      extendedAt: extension.extendedAt,
      extendedBy: 'personvernombud',
      extensionReason: 'Arkivet må hentes fram.',
      openController: A,
    });
    expect(await store.openDueBy(A, UP_TO)).toEqual([]);
    expect((await store.openDueBy(A, '2026-05-11T21:59:59.999Z')).map((r) => r.id)).toEqual(['r1']);
  });

  it.each([
    ['a closed request', requestItem('r1', A, '2026-03-10T22:59:59.999Z', false)],
    [
      'a request due on another date than the one read',
      requestItem('r1', A, '2026-03-11T22:59:59.999Z', true),
    ],
  ])('refuses to extend %s', async (_case, item) => {
    // Prepare
    await put(item);

    // Act
    const extended = await store.extend('r1', extension);

    // Assess
    expect(extended).toBe(false);
    expect((await database.rawItem(table, keys.request('r1')))?.extendedAt).toBeUndefined();
  });

  it('records a sent digest per controller, day and recipient', async () => {
    // Prepare
    const key = { controllerId: A, date: '2026-03-10', recipient: 'contact' } as const;
    const at = '2026-03-10T06:00:01.000Z';
    const until = '2026-03-10T06:05:01.000Z';

    // Act
    const first = await store.claim(key, at, until);
    await store.markSent(key, at);

    // Assess
    expect(first).toBe('claimed');
    expect(await store.claim(key, '2026-03-10T09:00:00.000Z', '2026-03-10T09:05:00.000Z')).toBe('sent');
    expect(await store.claim({ ...key, recipient: 'privacy-officer' }, at, until)).toBe('claimed');
    expect(await store.claim({ ...key, date: '2026-03-11' }, at, until)).toBe('claimed');
  });

  it('lets one run claim a digest at a time, until its lease runs out or it gives the claim up', async () => {
    // Prepare
    const key = { controllerId: A, date: '2026-03-12', recipient: 'contact' } as const;
    await store.claim(key, '2026-03-12T06:00:00.000Z', '2026-03-12T06:05:00.000Z');

    // Act
    const concurrent = await Promise.all([
      store.claim(key, '2026-03-12T06:01:00.000Z', '2026-03-12T06:06:00.000Z'),
      store.claim(key, '2026-03-12T06:01:00.000Z', '2026-03-12T06:06:00.000Z'),
    ]);
    const afterLease = await store.claim(key, '2026-03-12T06:05:01.000Z', '2026-03-12T06:10:01.000Z');
    await store.release(key);
    const afterRelease = await store.claim(key, '2026-03-12T06:05:02.000Z', '2026-03-12T06:10:02.000Z');

    // Assess
    expect(concurrent).toEqual(['busy', 'busy']);
    expect(afterLease).toBe('claimed');
    expect(afterRelease).toBe('claimed');
  });
});

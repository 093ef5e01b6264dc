import { DeleteCommand, type DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoRequests } from '../../../lambdas/adapters/store/dynamo-requests';
import { keys } from '../../../lambdas/adapters/store/keys';
import type { CodeIssue, DuplicateRecord, RequestRecord } from '../../../lambdas/domain/requests/record';
import { type TestDatabase, useTestTables } from './dynalite-table';

const CONTROLLER = 'sterk-helse-og-trening';
const RECEIVED_AT = '2026-03-02T09:00:00.000Z';
const DUE_AT = '2026-04-02T21:59:59.999Z';

function requestRecord(id: string, overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    kind: 'request',
    id,
    type: 'access',
    controllerId: CONTROLLER,
    lang: 'nb',
    receivedAt: RECEIVED_AT,
    receivedDate: '2026-03-02',
    dueDate: '2026-04-02',
    dueAt: DUE_AT,
    status: 'awaiting-verification',
    statusTokenHashes: ['status-hash-1'],
    policyVersion: '1.0.0',
    requester: { name: 'Kari Nordmann', email: 'kari@example.no' },
    ...overrides,
  };
}

function duplicateRecord(id: string, duplicateOf: string): DuplicateRecord {
  return {
    kind: 'duplicate',
    id,
    duplicateOf,
    type: 'access',
    controllerId: CONTROLLER,
    lang: 'en',
    receivedAt: '2026-03-03T10:00:00.000Z',
    receivedDate: '2026-03-03',
    dueDate: '2026-04-03',
    dueAt: '2026-04-03T21:59:59.999Z',
    status: 'awaiting-verification',
    statusTokenHashes: ['status-hash-dup'],
    verifyBy: '2026-03-10T10:00:00.000Z',
  };
}

function codeIssue(overrides: Partial<CodeIssue> = {}): CodeIssue {
  return {
    codeHash: 'code-hash-1',
    issuedAt: '2026-03-02T09:00:05.000Z',
    expiresAt: '2026-03-03T09:00:05.000Z',
    attemptsLeft: 5,
    resends: 0,
    ...overrides,
  };
}

const lock = { key: 'dedupe-key-1', until: DUE_AT };

describe('Class: DynamoRequests', () => {
  let database: TestDatabase;
  let table: string;
  let store: DynamoRequests;

  useTestTables(async (started, name) => {
    database = started;
    table = name;
    store = new DynamoRequests(database.documents, table);
  });

  /** A stored request with its first code, as the workflow's first step leaves it. */
  async function awaitingWithCode(id: string, issue: Partial<CodeIssue> = {}): Promise<void> {
    await store.create(requestRecord(id), { key: `dedupe-${id}`, until: DUE_AT }, 'subject-1');
    await store.issueCode(id, codeIssue({ taskToken: `task-${id}`, ...issue }));
  }

  /** A store whose calls to DynamoDB are listed by command, in order. */
  function countingStore(): { store: DynamoRequests; calls: string[] } {
    const calls: string[] = [];
    const client = {
      send: (command: { constructor: { name: string } }) => {
        calls.push(command.constructor.name);
        return database.documents.send(command as never);
      },
    } as unknown as DynamoDBDocumentClient;
    return { store: new DynamoRequests(client, table), calls };
  }

  describe('DynamoDB calls on the intake path', () => {
    it('creates a request with two writes and no read: the lock, then the request', async () => {
      // Prepare
      const counted = countingStore();

      // Act
      await counted.store.create(requestRecord('req-1'), lock, 'subject-1');

      // Assess
      expect(counted.calls).toEqual(['PutCommand', 'PutCommand']);
    });

    it('takes an ended lock with its one write, and reads a lock only when the write is refused', async () => {
      // Prepare
      await store.create(requestRecord('req-1'), { key: lock.key, until: '2026-03-01T00:00:00.000Z' }, 's');
      await store.create(requestRecord('req-2'), { key: 'dedupe-key-2', until: DUE_AT }, 'subject-1');
      const counted = countingStore();

      // Act
      await counted.store.create(requestRecord('req-3'), lock, 'subject-1');
      const afterEnded = [...counted.calls];
      counted.calls.length = 0;
      await counted.store.create(requestRecord('req-4'), { key: 'dedupe-key-2', until: DUE_AT }, 's');

      // Assess
      expect(afterEnded).toEqual(['PutCommand', 'PutCommand']);
      // The refused lock write, the lock, the holder's request.
      expect(counted.calls).toEqual(['PutCommand', 'GetCommand', 'GetCommand']);
    });

    it("issues the workflow's code, its token and the receipt mark with one call", async () => {
      // Prepare
      await store.create(requestRecord('req-1'), lock, 'subject-1');
      const counted = countingStore();

      // Act
      const issued = await counted.store.issueWorkflowCode('req-1', {
        ...codeIssue(),
        taskToken: 'task-1',
        statusTokenHash: 'status-hash-2',
        receiptAt: '2026-03-02T09:00:05.000Z',
      });

      // Assess
      expect(issued).toMatchObject({ issued: true, receipt: true, request: { id: 'req-1' } });
      expect(counted.calls).toEqual(['UpdateCommand']);
    });
  });

  describe('Method: create', () => {
    it('stores the request and returns it unchanged from get', async () => {
      // Prepare
      const expected = requestRecord('req-1', {
        details: 'Alt dere har om meg',
        onBehalfOf: { name: 'Ola Nordmann', birthDate: '2015-05-17', relationship: 'guardian' },
      });

      // Act
      const result = await store.create(expected, lock, 'subject-1');
      const stored = await store.get('req-1');

      // Assess
      expect(result).toEqual({ created: true });
      expect(stored).toEqual(expected);
    });

    it('answers a second request with the same dedupe key with the id of the first, and does not store it', async () => {
      // Prepare
      await store.create(requestRecord('req-1'), lock, 'subject-1');

      // Act
      const result = await store.create(requestRecord('req-2'), lock, 'subject-1');

      // Assess
      expect(result).toEqual({ created: false, duplicateOf: 'req-1' });
      expect(await store.get('req-2')).toBeUndefined();
      expect(await database.rawItem(table, keys.duplicateLock(lock.key))).toMatchObject({
        requestId: 'req-1',
      });
    });

    it('stores requests with different dedupe keys side by side', async () => {
      // Prepare
      await store.create(requestRecord('req-1'), lock, 'subject-1');

      // Act
      const result = await store.create(
        requestRecord('req-2'),
        { key: 'dedupe-key-2', until: DUE_AT },
        'subject-1',
      );

      // Assess
      expect(result).toEqual({ created: true });
      expect(await store.get('req-2')).toMatchObject({ id: 'req-2' });
    });

    it('waits for a lock whose request is still being written, and then calls it a duplicate', async () => {
      // Prepare: the first submission has taken the lock; its request is written 300 ms later.
      await store.create(requestRecord('req-1'), lock, 'subject-1');
      const first = await database.rawItem(table, keys.request('req-1'));
      await database.documents.send(new DeleteCommand({ TableName: table, Key: keys.request('req-1') }));
      const moments = requestRecord('req-2', { receivedAt: '2026-03-02T09:00:00.500Z' });
      setTimeout(() => void database.documents.send(new PutCommand({ TableName: table, Item: first })), 300);

      // Act
      const result = await store.create(moments, lock, 'subject-1');

      // Assess
      expect(result).toEqual({ created: false, duplicateOf: 'req-1' });
    });

    it('takes over a fresh lock whose request never comes (its writer failed), instead of losing the submission', async () => {
      // Prepare: a lock left by a create whose request write failed; its client is retrying at once.
      await store.create(requestRecord('req-1'), lock, 'subject-1');
      await database.documents.send(new DeleteCommand({ TableName: table, Key: keys.request('req-1') }));
      const retry = requestRecord('req-2', { receivedAt: '2026-03-02T09:00:00.500Z' });

      // Act
      const result = await store.create(retry, lock, 'subject-1');

      // Assess
      expect(result).toEqual({ created: true });
      expect(await store.get('req-2')).toMatchObject({ id: 'req-2' });
      expect(await database.rawItem(table, keys.duplicateLock(lock.key))).toMatchObject({
        requestId: 'req-2',
      });
    });

    it('takes over an old lock whose request was never written, without waiting', async () => {
      // Prepare: a lock left by a create that crashed before writing its request.
      await store.create(requestRecord('req-1'), lock, 'subject-1');
      await database.documents.send(new DeleteCommand({ TableName: table, Key: keys.request('req-1') }));
      const later = requestRecord('req-2', { receivedAt: '2026-03-02T09:05:00.000Z' });
      const started = Date.now();

      // Act
      const result = await store.create(later, lock, 'subject-1');

      // Assess
      expect(result).toEqual({ created: true });
      expect(Date.now() - started).toBeLessThan(1_500);
      expect(await database.rawItem(table, keys.duplicateLock(lock.key))).toMatchObject({
        requestId: 'req-2',
      });
    });

    it('takes over a lock whose request has stopped blocking duplicates', async () => {
      // Prepare
      await store.create(
        requestRecord('req-1'),
        { key: lock.key, until: '2026-03-05T00:00:00.000Z' },
        'subject-1',
      );
      const later = requestRecord('req-2', { receivedAt: '2026-03-05T00:00:00.001Z' });

      // Act
      const result = await store.create(later, lock, 'subject-1');

      // Assess
      expect(result).toEqual({ created: true });
      expect(await database.rawItem(table, keys.duplicateLock(lock.key))).toMatchObject({
        requestId: 'req-2',
        until: DUE_AT,
      });
    });

    it('still blocks duplicates at the instant the lock ends', async () => {
      // Prepare
      await store.create(
        requestRecord('req-1'),
        { key: lock.key, until: '2026-03-05T00:00:00.000Z' },
        'subject-1',
      );
      const later = requestRecord('req-2', { receivedAt: '2026-03-05T00:00:00.000Z' });

      // Act
      const result = await store.create(later, lock, 'subject-1');

      // Assess
      expect(result).toEqual({ created: false, duplicateOf: 'req-1' });
    });

    it('gives the lock an expiry a day after it ends, for TTL', async () => {
      // Act
      await store.create(requestRecord('req-1'), lock, 'subject-1');

      // Assess
      const item = await database.rawItem(table, keys.duplicateLock(lock.key));
      expect(item?.expiresAt).toBe(Math.floor(Date.parse(DUE_AT) / 1000) + 86_400);
    });
  });

  describe('Methods: createDuplicate and get', () => {
    it('stores a duplicate and returns it without its TTL attribute', async () => {
      // Prepare
      await store.create(requestRecord('req-1'), lock, 'subject-1');
      const duplicate = duplicateRecord('req-2', 'req-1');

      // Act
      await store.createDuplicate(duplicate);

      // Assess
      expect(await store.get('req-2')).toEqual(duplicate);
      const raw = await database.rawItem(table, keys.request('req-2'));
      expect(raw?.expiresAt).toBe(Math.floor(Date.parse(duplicate.verifyBy) / 1000) + 86_400);
    });

    it('never overwrites an existing item with a duplicate', async () => {
      // Prepare
      await store.create(requestRecord('req-1'), lock, 'subject-1');

      // Act
      const attempt = store.createDuplicate(duplicateRecord('req-1', 'req-0'));

      // Assess
      await expect(attempt).rejects.toThrow();
      expect(await store.get('req-1')).toMatchObject({ kind: 'request' });
    });

    it('returns undefined for an id that does not exist', async () => {
      // Act
      const stored = await store.get('req-unknown');

      // Assess
      expect(stored).toBeUndefined();
    });

    it('fails loudly on a stored request of an unknown type, naming the field and not the person', async () => {
      // Prepare
      await database.documents.send(
        new PutCommand({
          TableName: table,
          Item: { ...keys.request('req-1'), ...requestRecord('req-1'), type: 'teleportation' },
        }),
      );

      // Act
      const read = store.get('req-1');

      // Assess
      await expect(read).rejects.toThrow(
        /^A stored request item has an unexpected shape: type: Invalid option: expected one of "access"\|/,
      );
      await expect(read).rejects.toThrow(expect.objectContaining({ name: 'StoredItemShapeError' }));
      const message = await read.catch((error: Error) => error.message);
      expect(message).not.toMatch(/teleportation|Kari|kari@example\.no/);
    });
  });

  describe('Method: issueCode', () => {
    it('stores the code, the task token and another status token hash on an awaiting request', async () => {
      // Prepare
      await store.create(requestRecord('req-1'), lock, 'subject-1');

      // Act
      const issued = await store.issueCode(
        'req-1',
        codeIssue({ taskToken: 'task-1', statusTokenHash: 'status-hash-2' }),
      );

      // Assess
      expect(issued).toBe(true);
      expect(await store.get('req-1')).toMatchObject({
        taskToken: 'task-1',
        statusTokenHashes: ['status-hash-1', 'status-hash-2'],
        verification: {
          codeHash: 'code-hash-1',
          issuedAt: '2026-03-02T09:00:05.000Z',
          expiresAt: '2026-03-03T09:00:05.000Z',
          attemptsLeft: 5,
          resends: 0,
        },
      });
    });

    it('refuses a code for a request that is no longer awaiting verification', async () => {
      // Prepare
      await awaitingWithCode('req-1');
      await store.markVerified('req-1', 'code-hash-1', '2026-03-02T09:10:00.000Z');

      // Act
      const issued = await store.issueCode('req-1', codeIssue({ codeHash: 'code-hash-2' }));

      // Assess
      expect(issued).toBe(false);
      expect(await store.get('req-1')).toMatchObject({ verification: { codeHash: 'code-hash-1' } });
    });

    it('refuses a code for a request that does not exist, without creating it', async () => {
      // Act
      const issued = await store.issueCode('req-unknown', codeIssue());

      // Assess
      expect(issued).toBe(false);
      expect(await store.get('req-unknown')).toBeUndefined();
    });

    it('accepts a resend while the code read before is still the current one', async () => {
      // Prepare
      await awaitingWithCode('req-1');

      // Act
      const issued = await store.issueCode(
        'req-1',
        codeIssue({
          codeHash: 'code-hash-2',
          issuedAt: '2026-03-02T09:01:10.000Z',
          resends: 1,
          resend: { issuedBefore: '2026-03-02T09:00:10.000Z', previousResends: 0 },
        }),
      );

      // Assess
      expect(issued).toBe(true);
      expect(await store.get('req-1')).toMatchObject({
        taskToken: 'task-req-1',
        verification: { codeHash: 'code-hash-2', resends: 1 },
      });
    });

    it('refuses a resend when another resend got there first', async () => {
      // Prepare
      await awaitingWithCode('req-1');
      const resend = (codeHash: string) =>
        codeIssue({
          codeHash,
          resends: 1,
          resend: { issuedBefore: '2026-03-02T09:00:10.000Z', previousResends: 0 },
        });
      await store.issueCode('req-1', resend('code-hash-2'));

      // Act
      const issued = await store.issueCode('req-1', resend('code-hash-3'));

      // Assess
      expect(issued).toBe(false);
      expect(await store.get('req-1')).toMatchObject({ verification: { codeHash: 'code-hash-2' } });
    });

    it('refuses a resend when the current code was issued after issuedBefore', async () => {
      // Prepare
      await awaitingWithCode('req-1');

      // Act
      const issued = await store.issueCode(
        'req-1',
        codeIssue({
          codeHash: 'code-hash-2',
          resends: 1,
          resend: { issuedBefore: '2026-03-02T09:00:04.999Z', previousResends: 0 },
        }),
      );

      // Assess
      expect(issued).toBe(false);
      expect(await store.get('req-1')).toMatchObject({ verification: { codeHash: 'code-hash-1' } });
    });

    it('refuses a first resend once the workflow has issued a code', async () => {
      // Prepare: the resend read the request before any code existed.
      await awaitingWithCode('req-1');

      // Act
      const issued = await store.issueCode(
        'req-1',
        codeIssue({
          codeHash: 'code-hash-2',
          resends: 1,
          resend: { issuedBefore: '2026-03-02T09:00:05.000Z' },
        }),
      );

      // Assess
      expect(issued).toBe(false);
    });

    it('accepts a first resend while no code exists yet', async () => {
      // Prepare
      await store.create(requestRecord('req-1'), lock, 'subject-1');

      // Act
      const issued = await store.issueCode(
        'req-1',
        codeIssue({ resends: 1, resend: { issuedBefore: '2026-03-02T09:00:05.000Z' } }),
      );

      // Assess
      expect(issued).toBe(true);
      expect(await store.get('req-1')).toMatchObject({ verification: { resends: 1 } });
    });
  });

  describe('Method: recordWrongCode', () => {
    it('uses up one attempt of the current code', async () => {
      // Prepare
      await awaitingWithCode('req-1');

      // Act
      const recorded = await store.recordWrongCode('req-1', 'code-hash-1', 5);

      // Assess
      expect(recorded).toBe(true);
      expect(await store.get('req-1')).toMatchObject({ verification: { attemptsLeft: 4 } });
    });

    it('refuses an attempt at a code that has been replaced', async () => {
      // Prepare
      await awaitingWithCode('req-1');

      // Act
      const recorded = await store.recordWrongCode('req-1', 'code-hash-old', 5);

      // Assess
      expect(recorded).toBe(false);
      expect(await store.get('req-1')).toMatchObject({ verification: { attemptsLeft: 5 } });
    });

    it('lets exactly one of 20 concurrent attempts with the same count through', async () => {
      // Prepare
      await awaitingWithCode('req-1');

      // Act
      const results = await Promise.all(
        Array.from({ length: 20 }, () => store.recordWrongCode('req-1', 'code-hash-1', 5)),
      );

      // Assess
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store.get('req-1')).toMatchObject({ verification: { attemptsLeft: 4 } });
    });
  });

  describe('Method: markVerified', () => {
    it('marks the request verified and puts it in the index of open requests', async () => {
      // Prepare
      await awaitingWithCode('req-1');
      await awaitingWithCode('req-2');

      // Act
      const verified = await store.markVerified('req-1', 'code-hash-1', '2026-03-02T09:10:00.000Z');

      // Assess
      expect(verified).toBe(true);
      expect(await store.get('req-1')).toMatchObject({
        status: 'verified',
        verifiedAt: '2026-03-02T09:10:00.000Z',
      });
      expect(await store.get('req-1')).not.toHaveProperty('openController');
      expect(await database.openRequestIds(table, CONTROLLER)).toEqual(['req-1']);
    });

    it('refuses a code that is not the current one', async () => {
      // Prepare
      await awaitingWithCode('req-1');

      // Act
      const verified = await store.markVerified('req-1', 'code-hash-old', '2026-03-02T09:10:00.000Z');

      // Assess
      expect(verified).toBe(false);
      expect(await store.get('req-1')).toMatchObject({ status: 'awaiting-verification' });
      expect(await database.openRequestIds(table, CONTROLLER)).toEqual([]);
    });

    it('refuses a burned code', async () => {
      // Prepare
      await awaitingWithCode('req-1', { attemptsLeft: 1 });
      await store.recordWrongCode('req-1', 'code-hash-1', 1);

      // Act
      const verified = await store.markVerified('req-1', 'code-hash-1', '2026-03-02T09:10:00.000Z');

      // Assess
      expect(verified).toBe(false);
      expect(await store.get('req-1')).toMatchObject({ status: 'awaiting-verification' });
    });

    it('verifies only once', async () => {
      // Prepare
      await awaitingWithCode('req-1');
      await store.markVerified('req-1', 'code-hash-1', '2026-03-02T09:10:00.000Z');

      // Act
      const again = await store.markVerified('req-1', 'code-hash-1', '2026-03-02T09:11:00.000Z');

      // Assess
      expect(again).toBe(false);
      expect(await store.get('req-1')).toMatchObject({ verifiedAt: '2026-03-02T09:10:00.000Z' });
    });
  });

  describe('Methods: markDuplicateVerified, clearReceiptMark and markResumed', () => {
    it('marks a duplicate verified, but never an original', async () => {
      // Prepare
      await awaitingWithCode('req-1');
      await store.createDuplicate(duplicateRecord('req-2', 'req-1'));

      // Act
      await store.markDuplicateVerified('req-2', '2026-03-03T11:00:00.000Z');
      await store.markDuplicateVerified('req-1', '2026-03-03T11:00:00.000Z');

      // Assess
      expect(await store.get('req-2')).toMatchObject({
        status: 'verified',
        verifiedAt: '2026-03-03T11:00:00.000Z',
      });
      expect(await store.get('req-1')).toMatchObject({ status: 'awaiting-verification' });
      expect(await store.get('req-1')).not.toHaveProperty('verifiedAt');
    });

    it('forgets the task token once the workflow is resumed', async () => {
      // Prepare
      await awaitingWithCode('req-1');

      // Act
      await store.markResumed('req-1', '2026-03-02T09:10:01.000Z');

      // Assess
      const stored = await store.get('req-1');
      expect(stored).toMatchObject({ resumedAt: '2026-03-02T09:10:01.000Z' });
      expect(stored).not.toHaveProperty('taskToken');
    });

    it('does not create an item for an id that does not exist', async () => {
      // Act
      await store.clearReceiptMark('req-unknown', '2026-03-02T09:00:06.000Z');
      await store.markResumed('req-unknown', '2026-03-02T09:00:06.000Z');

      // Assess
      expect(await store.get('req-unknown')).toBeUndefined();
    });
  });

  describe('Method: closeUnverified', () => {
    it('closes an awaiting request, forgets its token and code, and frees its duplicate lock', async () => {
      // Prepare
      await store.create(requestRecord('req-1'), lock, 'subject-1');
      await store.issueCode('req-1', codeIssue({ taskToken: 'task-1' }));

      // Act
      const closed = await store.closeUnverified('req-1', '2026-03-09T09:00:00.000Z', lock.key);

      // Assess
      expect(closed).toBe(true);
      const stored = await store.get('req-1');
      expect(stored).toMatchObject({ status: 'closed-unverified', closedAt: '2026-03-09T09:00:00.000Z' });
      expect(stored).not.toHaveProperty('taskToken');
      expect(stored).not.toHaveProperty('verification.codeHash');
      expect(await database.rawItem(table, keys.duplicateLock(lock.key))).toBeUndefined();
      expect(await store.create(requestRecord('req-2'), lock, 'subject-1')).toEqual({ created: true });
    });

    it('leaves a lock that already points at a newer request', async () => {
      // Prepare: req-1's lock ran out and req-2 took it over.
      await store.create(
        requestRecord('req-1'),
        { key: lock.key, until: '2026-03-05T00:00:00.000Z' },
        'subject-1',
      );
      await store.issueCode('req-1', codeIssue());
      await store.create(
        requestRecord('req-2', { receivedAt: '2026-03-06T00:00:00.000Z' }),
        lock,
        'subject-1',
      );

      // Act
      const closed = await store.closeUnverified('req-1', '2026-03-09T09:00:00.000Z', lock.key);

      // Assess
      expect(closed).toBe(true);
      expect(await database.rawItem(table, keys.duplicateLock(lock.key))).toMatchObject({
        requestId: 'req-2',
      });
    });

    it('answers false and changes nothing when the request was verified meanwhile', async () => {
      // Prepare
      await store.create(requestRecord('req-1'), lock, 'subject-1');
      await store.issueCode('req-1', codeIssue({ taskToken: 'task-1' }));
      await store.markVerified('req-1', 'code-hash-1', '2026-03-08T09:00:00.000Z');

      // Act
      const closed = await store.closeUnverified('req-1', '2026-03-09T09:00:00.000Z', lock.key);

      // Assess
      expect(closed).toBe(false);
      expect(await store.get('req-1')).toMatchObject({ status: 'verified', taskToken: 'task-1' });
      expect(await database.openRequestIds(table, CONTROLLER)).toEqual(['req-1']);
      expect(await database.rawItem(table, keys.duplicateLock(lock.key))).toMatchObject({
        requestId: 'req-1',
      });
    });
  });
});

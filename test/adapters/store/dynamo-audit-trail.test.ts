import { ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  type QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { AuditTrailBusyError, DynamoAuditTrail } from '../../../lambdas/adapters/store/dynamo-audit-trail';
import { keys } from '../../../lambdas/adapters/store/keys';
import {
  type AuditEventInput,
  InvalidAuditEventError,
  verifyChain,
} from '../../../lambdas/domain/audit/chain';
import { type TestDatabase, useTestTables } from './dynalite-table';

const REQUEST = 'req-01J9ZK3T6Q';
const AT = '2026-03-02T09:00:00.000Z';

const view: AuditEventInput = { action: 'request.viewed', actor: { kind: 'staff', id: 'staff-7' } };
const decision: AuditEventInput = {
  action: 'request.decision.recorded',
  actor: { kind: 'staff', id: 'staff-7' },
  details: { decision: 'approved', systems: 3, partial: false },
};

const minutesAfter = (minutes: number) => new Date(Date.parse(AT) + minutes * 60_000).toISOString();

/** A client that runs `before` ahead of every Put it is asked to send, as a racing writer would. */
function racingClient(
  documents: DynamoDBDocumentClient,
  before: () => Promise<void>,
): { client: DynamoDBDocumentClient; puts: () => number } {
  let puts = 0;
  const client = {
    send: async (command: unknown) => {
      if (command instanceof PutCommand) {
        puts += 1;
        await before();
      }
      return documents.send(command as PutCommand);
    },
  } as unknown as DynamoDBDocumentClient;
  return { client, puts: () => puts };
}

describe('Class: DynamoAuditTrail', () => {
  let database: TestDatabase;
  let table: string;
  let trail: DynamoAuditTrail;

  useTestTables(async (started, name) => {
    database = started;
    table = name;
    trail = new DynamoAuditTrail(database.documents, table);
  });

  async function rawItem(seq: number) {
    const { Item } = await database.documents.send(
      new GetCommand({ TableName: table, Key: keys.auditEvent(REQUEST, seq), ConsistentRead: true }),
    );
    return Item;
  }

  describe('Method: append', () => {
    it('stores the first event in the request’s partition under AUDIT#00000001, and nothing else', async () => {
      // Act
      const event = await trail.append(REQUEST, view, AT);

      // Assess
      expect(event).toMatchObject({
        requestId: REQUEST,
        seq: 1,
        at: AT,
        action: 'request.viewed',
        details: {},
      });
      expect(keys.auditEvent(REQUEST, 1)).toEqual({ pk: `REQUEST#${REQUEST}`, sk: 'AUDIT#00000001' });
      expect(await rawItem(1)).toEqual({ pk: `REQUEST#${REQUEST}`, sk: 'AUDIT#00000001', ...event });
    });

    it('chains each event onto the request’s last one', async () => {
      // Prepare
      const first = await trail.append(REQUEST, view, AT);

      // Act
      const second = await trail.append(REQUEST, decision, minutesAfter(1));

      // Assess
      expect(second.seq).toBe(2);
      expect(second.prevHash).toBe(first.hash);
      expect(second.details).toEqual({ decision: 'approved', systems: 3, partial: false });
      expect(await rawItem(2)).toMatchObject({ sk: 'AUDIT#00000002', hash: second.hash });
    });

    it('keeps the trails of two requests apart', async () => {
      // Act
      await trail.append(REQUEST, view, AT);
      const other = await trail.append('req-other', view, AT);
      await trail.append(REQUEST, decision, minutesAfter(1));

      // Assess
      expect(other.seq).toBe(1);
      expect((await trail.list(REQUEST)).map((event) => event.seq)).toEqual([1, 2]);
      expect(verifyChain('req-other', await trail.list('req-other'))).toEqual({ ok: true, length: 1 });
    });

    it('makes 20 concurrent appends to one request a chain of 20 without gaps', async () => {
      // Act
      const appended = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          trail.append(REQUEST, { ...view, details: { writer: i } }, minutesAfter(i)),
        ),
      );

      // Assess
      const events = await trail.list(REQUEST);
      expect(verifyChain(REQUEST, events)).toEqual({ ok: true, length: 20 });
      expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(appended.map((event) => event.seq).sort((a, b) => a - b)).toEqual(
        events.map((event) => event.seq),
      );
      expect(new Set(events.map((event) => event.details?.writer)).size).toBe(20);
      for (const event of appended) expect(events[event.seq - 1]).toEqual(event);
    });

    it('reads again and chains onto the winner when another writer took the seq first', async () => {
      // Prepare
      const rival = new DynamoAuditTrail(database.documents, table);
      let raced = false;
      const { client, puts } = racingClient(database.documents, async () => {
        if (raced) return;
        raced = true;
        await rival.append(REQUEST, view, AT);
      });
      const racing = new DynamoAuditTrail(client, table, { backoffMs: 1 });

      // Act
      const event = await racing.append(REQUEST, decision, minutesAfter(1));

      // Assess
      expect(puts()).toBe(2);
      expect(event.seq).toBe(2);
      const events = await trail.list(REQUEST);
      expect(events.map((stored) => stored.action)).toEqual(['request.viewed', 'request.decision.recorded']);
      expect(verifyChain(REQUEST, events)).toEqual({ ok: true, length: 2 });
    });

    it('gives up with AuditTrailBusyError after maxAttempts lost races, leaving the chain intact', async () => {
      // Prepare
      const rival = new DynamoAuditTrail(database.documents, table);
      const { client, puts } = racingClient(database.documents, async () => {
        await rival.append(REQUEST, view, AT);
      });
      const racing = new DynamoAuditTrail(client, table, { maxAttempts: 3, backoffMs: 1 });

      // Act
      const act = racing.append(REQUEST, decision, minutesAfter(1));

      // Assess
      await expect(act).rejects.toThrow(AuditTrailBusyError);
      await expect(act).rejects.toThrow(/kept changing \(3 attempts\)/);
      expect(puts()).toBe(3);
      const events = await trail.list(REQUEST);
      expect(events.map((stored) => stored.action)).toEqual([
        'request.viewed',
        'request.viewed',
        'request.viewed',
      ]);
      expect(verifyChain(REQUEST, events)).toEqual({ ok: true, length: 3 });
    });

    it('writes nothing for an event the trail must not hold', async () => {
      // Act
      const act = trail.append(
        REQUEST,
        { ...view, details: { email: 'kari@example.no', note: { a: 1 } } } as never,
        AT,
      );

      // Assess
      await expect(act).rejects.toThrow(InvalidAuditEventError);
      expect(await trail.list(REQUEST)).toEqual([]);
    });

    it('lets errors other than a lost race through', async () => {
      // Prepare
      const missing = new DynamoAuditTrail(database.documents, 'NoSuchTable');

      // Act
      const act = missing.append(REQUEST, view, AT);

      // Assess
      await expect(act).rejects.toThrow(ResourceNotFoundException);
    });
  });

  describe('Method: list', () => {
    it('returns nothing for a request without events', async () => {
      // Act
      const events = await trail.list('req-unknown');

      // Assess
      expect(events).toEqual([]);
    });

    it('returns the events oldest first, without the request’s other items', async () => {
      // Prepare
      await database.documents.send(
        new PutCommand({
          TableName: table,
          Item: { ...keys.request(REQUEST), kind: 'request', id: REQUEST },
        }),
      );
      await database.documents.send(
        new PutCommand({
          TableName: table,
          Item: { pk: `REQUEST#${REQUEST}`, sk: 'TASK#t-1', kind: 'task' },
        }),
      );
      const appended = [];
      for (let i = 0; i < 3; i++)
        appended.push(await trail.append(REQUEST, i === 1 ? decision : view, minutesAfter(i)));

      // Act
      const events = await trail.list(REQUEST);

      // Assess
      expect(events).toEqual(appended);
    });

    it('reads every page of a long trail', async () => {
      // Prepare
      for (let i = 0; i < 10; i++) await trail.append(REQUEST, view, minutesAfter(i));
      const queries: QueryCommand[] = [];
      const counting = {
        send: (command: QueryCommand) => {
          queries.push(command);
          return database.documents.send(command);
        },
      } as unknown as DynamoDBDocumentClient;
      const paged = new DynamoAuditTrail(counting, table, { pageSize: 3 });

      // Act
      const events = await paged.list(REQUEST);

      // Assess
      expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(verifyChain(REQUEST, events)).toEqual({ ok: true, length: 10 });
      expect(queries.length).toBeGreaterThanOrEqual(4);
      expect(queries.slice(1).every((query) => query.input.ExclusiveStartKey !== undefined)).toBe(true);
    });

    it('returns a stored item as it is, so verification sees any attribute added by hand', async () => {
      // Prepare
      await trail.append(REQUEST, view, AT);
      const stored = await rawItem(1);
      await database.documents.send(new PutCommand({ TableName: table, Item: { ...stored, note: 'added' } }));

      // Act
      const events = await trail.list(REQUEST);

      // Assess
      expect(events[0]).toMatchObject({ note: 'added' });
      expect(verifyChain(REQUEST, events)).toEqual({
        ok: false,
        brokenAt: 1,
        reason: expect.stringMatching(/^event 1 was altered/),
      });
    });
  });
});

/**
 * The requester's downloads in the audit trail, on dynalite with the real trail: one event per download,
 * by the actor `requester`, at its time, and with nothing else about the requester.
 */
import { requesterAudit } from '../../../lambdas/adapters/audit/requester-audit';
import { DynamoAuditTrail } from '../../../lambdas/adapters/store/dynamo-audit-trail';
import { startTestDatabase, type TestDatabase } from '../store/dynalite-table';

let database: TestDatabase;

beforeAll(async () => {
  database = await startTestDatabase();
});

afterAll(async () => {
  await database.stop();
});

describe('Function: requesterAudit', () => {
  it('appends each download to the request’s trail as the requester, at its time', async () => {
    // Prepare
    const trail = new DynamoAuditTrail(database.documents, await database.newTable());
    const times = [new Date('2026-03-02T09:00:00.000Z'), new Date('2026-03-02T09:05:00.000Z')];
    const audit = requesterAudit(trail, () => times.shift() ?? new Date());

    // Act
    await audit('r-1', 'export-downloaded');
    await audit('r-1', 'export-downloaded');

    // Assess
    const events = await trail.list('r-1');
    expect(events.map(({ action, actor, at, details }) => ({ action, actor, at, details }))).toEqual([
      {
        action: 'export-downloaded',
        actor: { kind: 'requester', id: 'requester' },
        at: '2026-03-02T09:00:00.000Z',
        details: {},
      },
      {
        action: 'export-downloaded',
        actor: { kind: 'requester', id: 'requester' },
        at: '2026-03-02T09:05:00.000Z',
        details: {},
      },
    ]);
  });
});

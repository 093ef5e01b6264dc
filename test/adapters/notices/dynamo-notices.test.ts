import { DynamoNotices } from '../../../lambdas/adapters/notices/dynamo-notices';
import { recipientKey } from '../../../lambdas/domain/notices/recipients';
import type { NewDelivery } from '../../../lambdas/domain/notices/start';
import { testPseudonyms } from '../../support/pseudonyms';
import { type TestDatabase, useTestTables } from '../store/dynalite-table';

const VERSION = '2.0.0';
const kari = recipientKey(testPseudonyms, 'kari@example.no');
const ola = recipientKey(testPseudonyms, 'ola@example.no');
const delivery = (to: string, email: string, status: NewDelivery['status'] = 'queued'): NewDelivery => ({
  version: VERSION,
  to,
  email,
  lang: 'nb',
  source: 'list',
  status,
  queuedAt: '2026-12-01T09:00:00.000Z',
});
const key = (to: string) => ({ version: VERSION, to });

describe('Class: DynamoNotices', () => {
  let database: TestDatabase;
  let store: DynamoNotices;
  let table: string;

  useTestTables(async (started, name) => {
    database = started;
    table = name;
    store = new DynamoNotices(database.documents, table);
  });

  it('records deliveries in batches and lists their statuses', async () => {
    // Prepare
    const many = Array.from({ length: 60 }, (_, i) =>
      delivery(recipientKey(testPseudonyms, `p${i}@example.no`), `p${i}@example.no`),
    );

    // Act
    await store.createDeliveries([...many, delivery(kari, 'kari@example.no', 'suppressed')]);
    const statuses = await store.deliveryStatuses(VERSION);

    // Assess
    expect(statuses.size).toBe(61);
    expect(statuses.get(kari)).toBe('suppressed');
    expect([...statuses.values()].filter((s) => s === 'queued')).toHaveLength(60);
  });

  it('lets one message claim a delivery; another copy waits until the claim runs out; the holder may claim again', async () => {
    // Prepare
    await store.createDeliveries([delivery(kari, 'kari@example.no')]);
    const now = '2026-12-01T10:00:00.000Z';
    const until = '2026-12-01T10:01:00.000Z';

    // Act
    const first = await store.claim(key(kari), 'm-1', now, until, 'h1');
    const rival = await store.claim(key(kari), 'm-2', now, until, 'h2');
    const again = await store.claim(key(kari), 'm-1', now, until, 'h3');
    const later = await store.claim(
      key(kari),
      'm-2',
      '2026-12-01T10:02:00.000Z',
      '2026-12-01T10:03:00.000Z',
      'h4',
    );
    await store.markSent(key(kari), 'm-2', '2026-12-01T10:02:01.000Z');
    const afterSent = await store.claim(
      key(kari),
      'm-3',
      '2026-12-01T11:00:00.000Z',
      '2026-12-01T11:01:00.000Z',
      'h5',
    );
    const { deliveries } = await store.load([key(kari)]);

    // Assess
    expect([first, rival, again, later, afterSent]).toEqual([true, false, true, true, false]);
    expect(deliveries[0]).toMatchObject({ status: 'sent', attempts: 3, email: 'kari@example.no' });
    expect(await store.tokenMatches(key(kari), 'h4')).toBe(true);
    expect(await store.tokenMatches(key(kari), 'h2')).toBe(false);
  });

  it('never turns a sent delivery into a failure, and replays a failed one once', async () => {
    // Prepare
    await store.createDeliveries([delivery(kari, 'kari@example.no'), delivery(ola, 'ola@example.no')]);
    await store.markSent(key(kari), 'm-1', '2026-12-01T10:00:00.000Z');
    await store.markFailure(key(ola), 'failed', 'ServiceUnavailable', '2026-12-01T10:00:00.000Z');

    // Act
    await store.markFailure(key(kari), 'failed', 'late report', '2026-12-01T10:00:01.000Z');
    const replays = [
      await store.requeueForReplay(key(ola), '2026-12-01T11:00:00.000Z'),
      await store.requeueForReplay(key(ola), '2026-12-01T11:00:01.000Z'),
      await store.requeueForReplay(key(kari), '2026-12-01T11:00:02.000Z'),
    ];
    const statuses = await store.deliveryStatuses(VERSION);

    // Assess
    expect(statuses.get(kari)).toBe('sent');
    expect(statuses.get(ola)).toBe('queued');
    // The second replay finds it pending (its letter is sent again, not lost); a sent one is dropped.
    expect(replays).toEqual([true, true, false]);
  });

  it('keeps one run of a version at a time, until its lease runs out', async () => {
    // Act
    const first = await store.lockRun(
      VERSION,
      'run-1',
      '2026-12-01T10:00:00.000Z',
      '2026-12-01T10:10:00.000Z',
    );
    const second = await store.lockRun(
      VERSION,
      'run-2',
      '2026-12-01T10:01:00.000Z',
      '2026-12-01T10:11:00.000Z',
    );
    const expired = await store.lockRun(
      VERSION,
      'run-3',
      '2026-12-01T10:20:00.000Z',
      '2026-12-01T10:30:00.000Z',
    );
    await store.unlockRun(VERSION, 'run-1');
    const stillHeld = await store.lockRun(
      VERSION,
      'run-4',
      '2026-12-01T10:21:00.000Z',
      '2026-12-01T10:31:00.000Z',
    );
    await store.unlockRun(VERSION, 'run-3');
    const free = await store.lockRun(
      VERSION,
      'run-5',
      '2026-12-01T10:22:00.000Z',
      '2026-12-01T10:32:00.000Z',
    );

    // Assess
    expect([first, second, expired, stillHeld, free]).toEqual([true, false, true, false, true]);
  });

  it('suppresses an unsubscribed or bounced person, and records consents and their withdrawal', async () => {
    // Prepare
    await store.recordConsent(kari, {
      email: 'kari@example.no',
      lang: 'en',
      policyVersion: '1.0.0',
      givenAt: '2026-11-25T09:00:00.000Z',
      givenVia: 'contact:msg-1',
    });
    await store.recordConsent(ola, {
      email: 'ola@example.no',
      lang: 'nb',
      policyVersion: '1.0.0',
      givenAt: '2026-11-25T09:00:00.000Z',
      givenVia: 'request:req-1',
    });

    // Act
    await store.recordOptOut(kari, VERSION, '2026-12-02T10:00:00.000Z');
    await store.recordEmailSuppression(ola, 'bounce', '2026-12-02T10:00:00.000Z');
    const withdrawn = await store.withdrawConsent(kari, '2026-12-02T10:00:00.000Z', 'unsubscribe-link:2.0.0');
    const twice = await store.withdrawConsent(kari, '2026-12-02T10:00:01.000Z', 'unsubscribe-link:2.0.0');
    const blocked = await store.blocked([kari, ola, recipientKey(testPseudonyms, 'new@example.no')]);
    const subscribers = await store.subscribers();

    // Assess
    expect([...blocked].sort()).toEqual([kari, ola].sort());
    expect([withdrawn, twice]).toEqual([true, false]);
    expect(subscribers).toEqual([{ email: 'ola@example.no', lang: 'nb', source: 'consent' }]);
    const consent = await database.rawItem(table, { pk: 'NOTICE-SUBSCRIBERS', sk: kari });
    expect(consent).toMatchObject({
      policyVersion: '1.0.0',
      givenVia: 'contact:msg-1',
      withdrawnVia: 'unsubscribe-link:2.0.0',
    });
  });
});

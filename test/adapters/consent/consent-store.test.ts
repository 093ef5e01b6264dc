import { DynamoConsentStore } from '../../../lambdas/adapters/consent/dynamo-consent-store';
import { keys } from '../../../lambdas/adapters/store/keys';
import type { ConsentStore, StoredConsentRecord } from '../../../lambdas/domain/consent/record';
import { countNames } from '../../../lambdas/domain/consent/summary';
import type { ConsentCountsStore } from '../../../lambdas/domain/consent/summary-view';
import { InMemoryConsentStore } from '../../support/consent-memory-store';
import { type TestDatabase, useTestTables } from '../store/dynalite-table';

/**
 * DynamoConsentStore on dynalite, and the in-memory fake the domain tests use
 * (test/support/consent-memory-store.ts) held to the same cases; what only the table shows (keys, kinds, TTL)
 * is checked on the adapter alone.
 */

type Store = ConsentStore & ConsentCountsStore;

function aRecord(overrides: Partial<StoredConsentRecord> = {}): StoredConsentRecord {
  return {
    consentKey: 'k'.repeat(43),
    recordId: 'r'.repeat(22),
    choices: { analytics: true, marketing: false },
    action: 'custom',
    policyVersion: '1.1.0',
    bannerVersion: '1.0a1b2c3d4e',
    decidedAt: '2026-12-06T10:00:00.000Z',
    recordedAt: '2026-12-06T10:00:05.000Z',
    expiresAt: 1_830_000_000,
    ...overrides,
  };
}

function consentStoreContract(store: () => Store): void {
  describe('Contract: ConsentStore', () => {
    it('stores a record once: a second create of the same key is refused and changes nothing', async () => {
      // Prepare
      const record = aRecord();

      // Act
      const first = await store().create(record);
      const second = await store().create({ ...record, choices: { analytics: false, marketing: false } });

      // Assess
      expect([first, second]).toEqual([true, false]);
      expect(await store().get(record.consentKey, record.recordId)).toEqual(record);
    });

    it('lets a record be claimed for counting once', async () => {
      // Prepare
      const record = aRecord();
      await store().create(record);

      // Act
      const claims = [
        await store().claimCount(record.consentKey, record.recordId, '2026-12-06T10:00:05.000Z'),
        await store().claimCount(record.consentKey, record.recordId, '2026-12-06T10:00:06.000Z'),
        await store().claimCount(record.consentKey, 'never-stored', '2026-12-06T10:00:06.000Z'),
      ];

      // Assess
      expect(claims).toEqual([true, false, false]);
    });

    it("lists and erases one consent id's records and no other's", async () => {
      // Prepare
      await store().create(aRecord());
      await store().create(aRecord({ recordId: 's'.repeat(22) }));
      await store().create(aRecord({ consentKey: 'o'.repeat(43) }));

      // Act
      const listed = await store().list('k'.repeat(43));
      const erased = await store().erase('k'.repeat(43));

      // Assess
      expect(listed.map((r) => r.recordId).sort()).toEqual(['r'.repeat(22), 's'.repeat(22)]);
      expect(erased).toBe(2);
      expect(await store().list('k'.repeat(43))).toEqual([]);
      expect(await store().list('o'.repeat(43))).toHaveLength(1);
      expect(await store().erase('k'.repeat(43))).toBe(0);
    });

    it('adds to the counts of a day and reads the days of a span, both ends included', async () => {
      // Prepare
      const accept = countNames({ action: 'accept-all', choices: { analytics: true, marketing: true } });
      const reject = countNames({ action: 'reject-all', choices: { analytics: false, marketing: false } });

      // Act
      await store().addToDay('2026-12-05', accept, 1_900_000_000);
      await store().addToDay('2026-12-06', accept, 1_900_000_000);
      await store().addToDay('2026-12-06', reject, 1_900_000_000);
      await store().addToDay('2026-12-08', reject, 1_900_000_000);

      // Assess
      expect(await store().days('2026-12-06', '2026-12-08')).toEqual([
        {
          date: '2026-12-06',
          counts: {
            decisions: 2,
            'action:accept-all': 1,
            'action:reject-all': 1,
            'purpose:analytics:granted': 1,
            'purpose:marketing:granted': 1,
            'purpose:analytics:denied': 1,
            'purpose:marketing:denied': 1,
          },
        },
        {
          date: '2026-12-08',
          counts: {
            decisions: 1,
            'action:reject-all': 1,
            'purpose:analytics:denied': 1,
            'purpose:marketing:denied': 1,
          },
        },
      ]);
    });
  });
}

describe('Adapter: DynamoConsentStore (dynalite)', () => {
  let database: TestDatabase;
  let table = '';
  let store: DynamoConsentStore;
  useTestTables((db, name) => {
    database = db;
    table = name;
    store = new DynamoConsentStore(db.documents, name);
  });

  consentStoreContract(() => store);

  it('keys a record by the consent key, with its kind and TTL, and a day by its date in one partition', async () => {
    // Prepare
    const record = aRecord();

    // Act
    await store.create(record);
    await store.claimCount(record.consentKey, record.recordId, '2026-12-06T10:00:05.000Z');
    await store.addToDay('2026-12-06', ['decisions'], 1_900_000_000);

    // Assess
    expect(await database.rawItem(table, keys.consentRecord(record.consentKey, record.recordId))).toEqual({
      ...keys.consentRecord(record.consentKey, record.recordId),
      kind: 'consent-record',
      ...record,
      countedAt: '2026-12-06T10:00:05.000Z',
    });
    expect(await database.rawItem(table, keys.consentDay('2026-12-06'))).toEqual({
      pk: 'CONSENT-COUNTS',
      sk: 'DAY#2026-12-06',
      kind: 'consent-day',
      date: '2026-12-06',
      decisions: 1,
      expiresAt: 1_900_000_000,
    });
  });
});

describe('Fake: InMemoryConsentStore', () => {
  let store: InMemoryConsentStore;
  beforeEach(() => {
    store = new InMemoryConsentStore();
  });

  consentStoreContract(() => store);
});

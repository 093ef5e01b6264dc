import { DynamoNotices } from '../../../lambdas/adapters/notices/dynamo-notices';
import { InternalConnector } from '../../../lambdas/adapters/store/internal-connector';
import { recipientKey } from '../../../lambdas/domain/notices/recipients';
import { testPseudonyms } from '../../support/pseudonyms';
import { type TestDatabase, useTestTables } from './dynalite-table';

const KARI = { email: 'Kari.Nordmann@example.no' };
const to = recipientKey(testPseudonyms, KARI.email);

describe('Class: InternalConnector, change notices', () => {
  let database: TestDatabase;
  let table: string;
  let connector: InternalConnector;
  let notices: DynamoNotices;

  useTestTables(async (started, name) => {
    database = started;
    table = name;
    connector = new InternalConnector(database.documents, table, testPseudonyms);
    notices = new DynamoNotices(database.documents, table);
    await notices.recordConsent(to, {
      email: 'kari.nordmann@example.no',
      lang: 'nb',
      policyVersion: '1.0.0',
      givenAt: '2026-11-25T10:00:00.000Z',
      givenVia: 'contact:m-1',
    });
    await notices.createDeliveries([
      {
        version: '2.0.0',
        to,
        email: 'kari.nordmann@example.no',
        lang: 'nb',
        source: 'consent',
        status: 'queued',
        queuedAt: '2026-12-01T08:00:00.000Z',
      },
    ]);
    await notices.recordOptOut(to, '2.0.0', '2026-12-02T08:00:00.000Z');
  });

  it('gives an access request the consent with its policy version, the notice sent and the opt-out', async () => {
    // Act
    const collected = await connector.collect(KARI);

    // Assess
    const records = collected.records['policy-change-notices'] ?? [];
    expect(records.map((r) => r.kind).sort()).toEqual([
      'notice-consent',
      'notice-delivery',
      'notice-suppression',
    ]);
    expect(records.find((r) => r.kind === 'notice-consent')).toMatchObject({
      email: 'kari.nordmann@example.no',
      policyVersion: '1.0.0',
      givenVia: 'contact:m-1',
    });
    expect(records.find((r) => r.kind === 'notice-delivery')).toMatchObject({
      policyVersion: '2.0.0',
      status: 'queued',
    });
    expect(collected.categories).toContain('email');
    expect(JSON.stringify(records)).not.toMatch(/token/i);
  });

  it('erases the consent and the notices (they hold the address) but keeps the opt-out, which holds only a hash', async () => {
    // Act
    const outcome = await connector.erase(KARI);

    // Assess
    expect(outcome).toEqual({ erased: true, recordCount: 2 });
    const left = await connector.collect(KARI);
    expect((left.records['policy-change-notices'] ?? []).map((r) => r.kind)).toEqual(['notice-suppression']);
    expect(JSON.stringify(await database.allItems(table))).not.toContain('kari.nordmann');
  });
});

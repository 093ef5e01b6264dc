import { DynamoContactMessages } from '../../../lambdas/adapters/store/dynamo-contact-messages';
import { testPseudonyms } from '../../support/pseudonyms';
import { type TestDatabase, useTestTables } from './dynalite-table';

const NOW = new Date('2026-12-06T09:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('Class: DynamoContactMessages, the daily confirmation claim', () => {
  let database: TestDatabase;
  let tableName: string;
  let messages: DynamoContactMessages;

  useTestTables(async (started, table) => {
    database = started;
    tableName = table;
    messages = new DynamoContactMessages(database.documents, table, testPseudonyms);
  });

  it('gives the mailbox to the first message and refuses the next while the claim lasts', async () => {
    // Act
    const first = await messages.claimConfirmation('kari@example.no', 'msg-1', later(DAY_MS), NOW);
    const second = await messages.claimConfirmation(
      'kari@example.no',
      'msg-2',
      later(2 * DAY_MS),
      later(1000),
    );

    // Assess
    expect([first, second]).toEqual([true, false]);
  });

  it('lets the message holding the claim claim again, so a retried step still sends', async () => {
    // Prepare
    await messages.claimConfirmation('kari@example.no', 'msg-1', later(DAY_MS), NOW);

    // Act
    const again = await messages.claimConfirmation('kari@example.no', 'msg-1', later(DAY_MS), later(5000));

    // Assess
    expect(again).toBe(true);
  });

  it('gives the mailbox to a new message once the claim has ended, before TTL removes it', async () => {
    // Prepare
    await messages.claimConfirmation('kari@example.no', 'msg-1', later(DAY_MS), NOW);

    // Act
    const next = await messages.claimConfirmation(
      'kari@example.no',
      'msg-2',
      later(2 * DAY_MS),
      later(DAY_MS),
    );

    // Assess
    expect(next).toBe(true);
  });

  it('keeps mailboxes apart, and keeps no address in the claim', async () => {
    // Act
    const kari = await messages.claimConfirmation('kari@example.no', 'msg-1', later(DAY_MS), NOW);
    const ola = await messages.claimConfirmation('ola@example.no', 'msg-2', later(DAY_MS), NOW);

    // Assess
    expect([kari, ola]).toEqual([true, true]);
    expect(JSON.stringify(await database.allItems(tableName))).not.toMatch(/kari|ola/);
  });
});

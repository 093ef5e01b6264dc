/**
 * The request intake with and without an Idempotency-Key, on dynalite with Powertools' real records: a
 * replay answers with the first status link without accepting twice, the record keeps the token only
 * sealed, and a bot's submission leaves no record at all.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  type AcceptRequest,
  idempotentRequestIntake,
} from '../../../lambdas/adapters/idempotency/idempotent-request-intake';
import type { RequestSubmission } from '../../../lambdas/domain/intake/submissions';
import { lambdaContext } from '../../support/api-event';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startTestDatabase,
  type TestDatabase,
} from '../store/dynalite-table';

const KEY = '2f6c1a9e-6a4b-4c1e-9a53-3f1f0b6f7d21';
const submission = {
  type: 'access',
  name: 'Kari Nordmann',
  email: 'kari@example.no',
  lang: 'en',
} as RequestSubmission;

let database: TestDatabase;
let client: DynamoDBClient;

beforeAll(async () => {
  database = await startTestDatabase();
  client = new DynamoDBClient({
    endpoint: database.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
});

afterAll(async () => {
  client.destroy();
  await database.stop();
});

/** An intake on a fresh table whose acceptance counts its calls and mints a new token each time. */
async function intakeOnNewTable() {
  const tableName = await database.newTable();
  const accepted: RequestSubmission[] = [];
  const accept: AcceptRequest = async (received) => {
    accepted.push(received);
    return {
      id: `r-${accepted.length}`,
      status: 'awaiting-verification',
      dueAt: '2026-02-01T22:59:59.999Z',
      lang: 'en',
      statusToken: `status-token-${accepted.length}-${'x'.repeat(30)}`,
      outcome: 'created',
    };
  };
  return { tableName, accepted, intake: idempotentRequestIntake(accept, { client, tableName }) };
}

describe('Function: idempotentRequestIntake', () => {
  it('answers a replay with the first answer, status token included, and accepts only once', async () => {
    // Prepare
    const { intake, accepted } = await intakeOnNewTable();

    // Act
    const first = await intake(submission, { idempotencyKey: KEY }, lambdaContext('post-request'));
    const replay = await intake(submission, { idempotencyKey: KEY }, lambdaContext('post-request'));

    // Assess
    expect(accepted).toHaveLength(1);
    expect({ ...replay, sealedToken: undefined }).toEqual({ ...first, sealedToken: undefined });
    expect(replay.statusToken).toBe(first.statusToken);
  });

  it('keeps the status token in the record only sealed', async () => {
    // Prepare
    const { intake, tableName } = await intakeOnNewTable();

    // Act
    const answer = await intake(submission, { idempotencyKey: KEY }, lambdaContext('post-request'));

    // Assess
    const items = await database.allItems(tableName);
    expect(items).toHaveLength(1);
    expect(items[0]?.pk).toBe('IDEMPOTENCY#post-request');
    expect(JSON.stringify(items)).not.toContain(answer.statusToken);
    expect(JSON.stringify(items)).not.toContain(KEY);
  });

  it('refuses the same key with another submission', async () => {
    // Prepare
    const { intake } = await intakeOnNewTable();
    await intake(submission, { idempotencyKey: KEY }, lambdaContext('post-request'));

    // Act
    const reused = intake(
      { ...submission, type: 'erasure' } as RequestSubmission,
      { idempotencyKey: KEY },
      lambdaContext('post-request'),
    );

    // Assess
    await expect(reused).rejects.toMatchObject({ statusCode: 422, code: 'idempotency_key_reused' });
  });

  it('accepts every submission without a key, and keeps no record of them', async () => {
    // Prepare
    const { intake, accepted, tableName } = await intakeOnNewTable();

    // Act
    const first = await intake(submission, { clientIp: '192.0.2.1' }, lambdaContext('post-request'));
    const second = await intake(submission, { clientIp: '192.0.2.1' }, lambdaContext('post-request'));

    // Assess
    expect(accepted).toHaveLength(2);
    expect(first.id).not.toBe(second.id);
    expect(await database.allItems(tableName)).toEqual([]);
  });

  it('leaves no record for a filled honeypot, even with a key', async () => {
    // Prepare
    const { intake, accepted, tableName } = await intakeOnNewTable();
    const bot = { ...submission, website: 'https://spam.example' } as RequestSubmission;

    // Act
    await intake(bot, { idempotencyKey: KEY }, lambdaContext('post-request'));

    // Assess
    expect(accepted).toEqual([bot]);
    expect(await database.allItems(tableName)).toEqual([]);
  });
});

/**
 * The national identity number from ID-porten, sealed (crypto/national-id-envelope.ts) in its own item
 * (dynamo-national-ids.ts), on dynalite and the local KMS stand-in through the real SDK clients: it opens
 * again for its own request only; a changed IV, tag, ciphertext or wrapped key, or the item copied onto
 * another request, does not open; the table never holds the number or the data key in clear.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidCiphertextException, KMSClient } from '@aws-sdk/client-kms';
import {
  DynamoNationalIdEraser,
  DynamoNationalIds,
} from '../../../lambdas/adapters/store/dynamo-national-ids';
import { keys } from '../../../lambdas/adapters/store/keys';
import { type LocalKms, startKms } from '../../../local/emulators/kms';
import type { CfnTemplate } from '../../../local/template/types';
import { LOCAL_CREDENTIALS, LOCAL_REGION, startTestDatabase, type TestDatabase } from './dynalite-table';

const KEY_ARN = 'arn:aws:kms:eu-north-1:000000000000:NationalIdKey';
const PID = '14838512470';
const template: CfnTemplate = {
  Resources: {
    NationalIdKey: {
      Type: 'AWS::KMS::Key',
      Properties: {
        KeyPolicy: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::000000000000:root' },
              Action: 'kms:*',
              Resource: '*',
            },
          ],
        },
      },
    },
  },
};

let db: TestDatabase;
let kms: LocalKms;
let client: KMSClient;
let directory: string;
let table: string;
let vault: DynamoNationalIds;

beforeAll(async () => {
  db = await startTestDatabase();
  directory = await mkdtemp(join(tmpdir(), 'personvern-national-id-'));
  kms = await startKms({ port: 0, directory: join(directory, 'kms'), fresh: true, template });
  client = new KMSClient({
    region: LOCAL_REGION,
    endpoint: kms.endpoint,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await kms.stop();
  await db.stop();
  await rm(directory, { recursive: true, force: true });
});

beforeEach(async () => {
  table = await db.newTable();
  vault = new DynamoNationalIds(db.documents, table, client, KEY_ARN, () => new Date('2026-12-06T10:00:00Z'));
});

/** Rewrites one attribute of the stored item, as a tampering reader of the table could. */
async function tamper(requestId: string, change: (item: Record<string, unknown>) => Record<string, unknown>) {
  const item = (await db.rawItem(table, keys.nationalId(requestId))) ?? {};
  const { PutCommand } = await import('@aws-sdk/lib-dynamodb');
  await db.documents.send(new PutCommand({ TableName: table, Item: change(item) }));
}

const flip = (base64: string) => {
  const bytes = Buffer.from(base64, 'base64');
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  return bytes.toString('base64');
};

describe('Class: DynamoNationalIds (on dynalite and the local KMS)', () => {
  it('seals the number beside its request and opens it again, with nothing in clear in the table', async () => {
    // Act
    await vault.store('req-1', PID);
    const opened = await vault.reveal('req-1');

    // Assess
    expect(opened).toBe(PID);
    const raw = await db.rawItem(table, keys.nationalId('req-1'));
    expect(raw).toMatchObject({
      pk: 'REQUEST#req-1',
      sk: 'NATIONAL-ID',
      kind: 'national-id',
      keyArn: expect.stringContaining('NationalIdKey'),
    });
    expect(JSON.stringify(raw)).not.toContain(PID);
    expect(await vault.reveal('req-2')).toBeUndefined();
  });

  it.each([
    ['IV', (item: Record<string, unknown>) => ({ ...item, iv: flip(String(item.iv)) })],
    ['tag', (item: Record<string, unknown>) => ({ ...item, tag: flip(String(item.tag)) })],
    [
      'the ciphertext',
      (item: Record<string, unknown>) => ({ ...item, ciphertext: flip(String(item.ciphertext)) }),
    ],
  ])('refuses to open a number whose %s was changed', async (_part, change) => {
    // Prepare
    await vault.store('req-1', PID);
    await tamper('req-1', change);

    // Act and assess
    await expect(vault.reveal('req-1')).rejects.toThrow(/authenticate|Unsupported state/i);
  });

  it('refuses to open a wrapped key that was changed, or an item copied onto another request', async () => {
    // Prepare
    await vault.store('req-1', PID);
    const original = (await db.rawItem(table, keys.nationalId('req-1'))) ?? {};
    await tamper('req-1', (item) => ({ ...item, wrappedKey: flip(String(item.wrappedKey)) }));
    await tamper('req-2', () => ({ ...original, ...keys.nationalId('req-2') }));

    // Act and assess: KMS refuses the changed key; the copy's encryption context names another request
    await expect(vault.reveal('req-1')).rejects.toBeInstanceOf(InvalidCiphertextException);
    await expect(vault.reveal('req-2')).rejects.toBeInstanceOf(InvalidCiphertextException);
  });

  it('is erased without the key: the eraser needs no KMS at all', async () => {
    // Prepare
    await vault.store('req-1', PID);

    // Act
    await new DynamoNationalIdEraser(db.documents, table).remove('req-1');
    await new DynamoNationalIdEraser(db.documents, table).remove('req-unknown');

    // Assess
    expect(await db.rawItem(table, keys.nationalId('req-1'))).toBeUndefined();
    expect(await vault.reveal('req-1')).toBeUndefined();
  });
});

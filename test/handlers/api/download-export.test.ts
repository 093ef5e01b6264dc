/**
 * `POST /requests/{id}/download` with the real handler on dynalite and the local S3: an export that is
 * gone answers 410 in the requester's language and leaves the emailed code usable, and an error from S3
 * that is not a 404 stays a fault (500) instead of passing for "gone".
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { jest } from '@jest/globals';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { keys } from '../../../lambdas/adapters/store/keys';
import { hashCode, hashStatusToken } from '../../../lambdas/domain/requests/secrets';
import type { RunningEmulator } from '../../../local/emulators/emulator';
import { startS3 } from '../../../local/emulators/s3';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startTestDatabase,
  type TestDatabase,
} from '../../adapters/store/dynalite-table';
import { apiEvent, lambdaContext } from '../../support/api-event';

const BUCKET = 'personvern-exports';
const TOKEN = 'a'.repeat(43);
const CODE = '482913';
const HOUR = 3_600_000;

let database: TestDatabase;
let table: string;
let s3Emulator: RunningEmulator;
let directory: string;
let s3: S3Client;
let handler: typeof import('../../../lambdas/handlers/api/download-export').handler;
let counter = 0;

beforeAll(async () => {
  database = await startTestDatabase();
  table = await database.newTable();
  directory = await mkdtemp(join(tmpdir(), 'personvern-download-'));
  s3Emulator = await startS3({ directory, fresh: true, port: 0, buckets: [BUCKET] });
  s3 = new S3Client({
    endpoint: s3Emulator.endpoint,
    region: LOCAL_REGION,
    forcePathStyle: true,
    credentials: LOCAL_CREDENTIALS,
  });
  Object.assign(process.env, {
    TABLE_NAME: table,
    PUBLIC_BASE_URL: 'https://personvern.example/v1',
    MAIL_FROM: 'personvern@sterk.example',
    SES_CONFIGURATION_SET: 'personvern',
    EXPORT_BUCKET: BUCKET,
    EXPORT_FILE_PREFIX: 'sterk',
    AWS_ENDPOINT_URL_DYNAMODB: database.endpoint,
    AWS_ENDPOINT_URL_S3: s3Emulator.endpoint,
    // Nothing may be emailed in these tests: a send would fail against this closed port.
    AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:9',
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
  });
  ({ handler } = await import('../../../lambdas/handlers/api/download-export'));
});

afterEach(() => {
  jest.restoreAllMocks();
});

afterAll(async () => {
  s3.destroy();
  await s3Emulator.stop();
  await rm(directory, { recursive: true, force: true });
  await database.stop();
});

/** A completed access request with an emailed download code (CODE) waiting to be typed. */
async function answeredRequest(extra: Record<string, unknown> = {}): Promise<string> {
  const id = `r-download-${Date.now()}-${counter++}`;
  const now = Date.now();
  await database.documents.send(
    new PutCommand({
      TableName: table,
      Item: {
        ...keys.request(id),
        kind: 'request',
        id,
        type: 'access',
        controllerId: 'sterk-helse-og-trening',
        lang: 'en',
        receivedAt: new Date(now - 20 * 24 * HOUR).toISOString(),
        // A request row has its deadline; the store refuses one without (adapters/store/item-schemas.ts).
        receivedDate: new Date(now - 20 * 24 * HOUR).toISOString().slice(0, 10),
        dueDate: new Date(now + 10 * 24 * HOUR).toISOString().slice(0, 10),
        dueAt: new Date(now + 10 * 24 * HOUR).toISOString(),
        status: 'completed',
        stage: 'completed',
        statusTokenHashes: [hashStatusToken(TOKEN)],
        policyVersion: '1.0.0',
        requester: { name: 'Kari Nordmann', email: 'kari@example.no' },
        download: {
          codeHash: hashCode(id, `download:${CODE}`),
          issuedAt: new Date(now - 60_000).toISOString(),
          expiresAt: new Date(now + HOUR / 2).toISOString(),
          attemptsLeft: 5,
          resends: 0,
        },
        ...extra,
      },
    }),
  );
  return id;
}

async function putExport(id: string): Promise<void> {
  await s3.send(
    new PutObjectCommand({ Bucket: BUCKET, Key: `requests/${id}/export.zip`, Body: 'PK zip bytes' }),
  );
}

function download(id: string, body: Record<string, unknown>, accept = 'application/json') {
  return handler(
    apiEvent({
      method: 'POST',
      resource: '/requests/{id}/download',
      path: `/requests/${id}/download`,
      pathParameters: { id },
      query: { token: TOKEN },
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify(body),
    }),
    lambdaContext('download-export'),
  ) as Promise<APIGatewayProxyResult>;
}

const errorOf = (result: APIGatewayProxyResult) =>
  (JSON.parse(result.body) as { error: { code: string; message: string } }).error;

/** Counts the HeadObject calls every S3 client makes from now on, and lets them through. */
function countHeadObjects(): { count: () => number } {
  const send = S3Client.prototype.send;
  let heads = 0;
  jest.spyOn(S3Client.prototype, 'send').mockImplementation(function (this: S3Client, command: unknown) {
    if (command instanceof HeadObjectCommand) heads++;
    return (send as (c: unknown) => Promise<unknown>).call(this, command);
  } as typeof S3Client.prototype.send);
  return { count: () => heads };
}

describe('Handler: download-export', () => {
  it('answers 410 when the export is no longer in S3, and the code still works once it is back', async () => {
    // Prepare
    const id = await answeredRequest();

    // Act
    const gone = await download(id, { code: CODE });
    await putExport(id);
    const ready = await download(id, { code: CODE });

    // Assess
    expect(gone.statusCode).toBe(410);
    expect(errorOf(gone)).toEqual({
      code: 'export_gone',
      message: expect.stringContaining('no longer available'),
    });
    expect(ready.statusCode).toBe(200);
    const { url } = JSON.parse(ready.body) as { url: string };
    expect([...new URL(url).searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
    expect((await fetch(url)).status).toBe(200);
  });

  it('says it on the page in the requester’s language', async () => {
    // Prepare
    const id = await answeredRequest();

    // Act
    const page = await download(id, { code: CODE, lang: 'nb' }, 'text/html');

    // Assess
    expect(page.statusCode).toBe(410);
    expect(page.body).toContain('Filen er ikke lenger tilgjengelig');
    expect(page.body).toContain('<html lang="nb"');
  });

  it('answers 410 from the recorded expiry without asking S3 and without emailing a code', async () => {
    // Prepare
    const id = await answeredRequest({
      exportFile: {
        key: 'ignored',
        bytes: 12,
        builtAt: new Date(Date.now() - 15 * 24 * HOUR).toISOString(),
        expiresAt: new Date(Date.now() - 24 * HOUR).toISOString(),
      },
    });
    await putExport(id);
    const heads = countHeadObjects();

    // Act
    const asked = await download(id, {});
    const typed = await download(id, { code: CODE });

    // Assess
    expect([asked.statusCode, typed.statusCode]).toEqual([410, 410]);
    expect(errorOf(asked).code).toBe('export_gone');
    expect(heads.count()).toBe(0);
  });

  it('keeps a 403 from S3 a fault (500, nothing said about the export) and does not use up the code', async () => {
    // Prepare
    const id = await answeredRequest();
    await putExport(id);
    const send = S3Client.prototype.send;
    jest.spyOn(S3Client.prototype, 'send').mockImplementation(function (this: S3Client, command: unknown) {
      if (command instanceof HeadObjectCommand) {
        return Promise.reject(
          new S3ServiceException({
            name: 'AccessDenied',
            $fault: 'client',
            $metadata: { httpStatusCode: 403 },
            message: 'Access Denied',
          }),
        );
      }
      return (send as (c: unknown) => Promise<unknown>).call(this, command);
    } as typeof S3Client.prototype.send);

    // Act
    const denied = await download(id, { code: CODE });
    jest.restoreAllMocks();
    const afterwards = await download(id, { code: CODE });

    // Assess
    expect(denied.statusCode).toBe(500);
    expect(denied.body).not.toContain('export_gone');
    expect(afterwards.statusCode).toBe(200);
  });

  describe('caps the codes it emails', () => {
    const today = () => new Date().toISOString().slice(0, 10);
    const sent = (codes: Record<string, unknown>) => ({
      download: {
        codeHash: 'used',
        issuedAt: new Date(Date.now() - HOUR).toISOString(),
        expiresAt: new Date(Date.now() - HOUR / 2).toISOString(),
        attemptsLeft: 5,
        resends: 0,
        ...codes,
      },
    });

    it('sends no more than ten a day, saying when the next can be had, and emails nothing', async () => {
      // Prepare: were an email sent, the closed SES port would make this a 500
      const id = await answeredRequest(sent({ day: today(), codesToday: 10, codesInAll: 10 }));

      // Act
      const result = await download(id, {});

      // Assess
      expect(result.statusCode).toBe(429);
      const error = JSON.parse(result.body).error as { code: string; retryAfterSeconds: number };
      expect(error.code).toBe('no_more_codes');
      expect(error.retryAfterSeconds).toBeGreaterThan(0);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(24 * 3600);
    });

    it('sends no more than thirty in all, and says so in the page’s language', async () => {
      // Prepare
      const id = await answeredRequest(sent({ day: '2020-01-01', codesToday: 3, codesInAll: 30 }));

      // Act
      const json = await download(id, {});
      const page = await download(id, { lang: 'nb' }, 'text/html');

      // Assess
      expect(json.statusCode).toBe(429);
      expect(JSON.parse(json.body).error).toEqual({ code: 'no_more_codes', message: expect.any(String) });
      expect(page.statusCode).toBe(429);
      expect(page.body).toContain('ta kontakt med oss');
    });
  });
});

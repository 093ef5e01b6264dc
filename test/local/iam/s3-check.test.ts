/**
 * IAM on the local S3, with the real SDK and presigner signing as the functions do (their own access keys):
 * a call the role does not grant is refused with S3's 403 AccessDenied and logged with the function, action and
 * resource; a presigned URL acts as the function that signed it; the shared local key is not checked; and a
 * missing key answers 404 only to a caller allowed to list the bucket, 403 to any other, as S3 does.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { RunningEmulator } from '../../../local/emulators/emulator';
import { startS3 } from '../../../local/emulators/s3';
import { IamAuthorizer } from '../../../local/iam/authorizer';
import { functionAccessKeyId } from '../../../local/iam/credentials';
import type { Denial } from '../../../local/iam/proxy';
import { s3IamCheck } from '../../../local/iam/s3-check';
import { readExecutionRoles } from '../../../local/template/iam';
import type { CfnTemplate } from '../../../local/template/types';

const BUCKET = 'exports';
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;

/** A role per function, written as CDK synthesizes grantBucket's statements (lib/constructs/bucket-grants.ts). */
const role = (statements: Record<string, unknown>[]) => ({
  Type: 'AWS::IAM::Role',
  Properties: {
    AssumeRolePolicyDocument: {},
    Policies: [{ PolicyName: 'grants', PolicyDocument: { Version: '2012-10-17', Statement: statements } }],
  },
});
const fn = (roleId: string) => ({
  Type: 'AWS::Lambda::Function',
  Properties: { Role: { 'Fn::GetAtt': [roleId, 'Arn'] } },
});
const template: CfnTemplate = {
  Resources: {
    // Reads exports and may list `requests/`: a missing export is 404.
    ReaderRole: role([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET_ARN}/requests/*` },
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: BUCKET_ARN,
        Condition: { StringLike: { 's3:prefix': ['requests/*'] } },
      },
    ]),
    Reader: fn('ReaderRole'),
    // Reads exports but may not list: a missing export is 403.
    BlindRole: role([{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET_ARN}/requests/*` }]),
    Blind: fn('BlindRole'),
    // Writes uploads only.
    WriterRole: role([{ Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET_ARN}/uploads/*` }]),
    Writer: fn('WriterRole'),
  },
} as unknown as CfnTemplate;

let directory: string;
let emulator: RunningEmulator;
const denials: Denial[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'personvern-s3-iam-'));
  emulator = await startS3({
    directory,
    fresh: true,
    port: 0,
    buckets: [BUCKET],
    credentials: ['local', ...['Reader', 'Blind', 'Writer'].map(functionAccessKeyId)].map((accessKeyId) => ({
      accessKeyId,
      secretAccessKey: 'local',
    })),
    authorize: s3IamCheck({
      authorizer: new IamAuthorizer(readExecutionRoles(template)),
      onDenied: (denial) => denials.push(denial),
    }),
  });
  await as('local').send(
    new PutObjectCommand({ Bucket: BUCKET, Key: 'requests/r-1/export.zip', Body: 'zip' }),
  );
});

afterAll(async () => {
  await emulator.stop();
  await rm(directory, { recursive: true, force: true });
});

beforeEach(() => {
  denials.length = 0;
});

/** A client signing as a function (its access key id), or with the shared local key. */
function as(caller: 'Reader' | 'Blind' | 'Writer' | 'local'): S3Client {
  return new S3Client({
    endpoint: emulator.endpoint,
    region: 'eu-north-1',
    forcePathStyle: true,
    credentials: {
      accessKeyId: caller === 'local' ? 'local' : functionAccessKeyId(caller),
      secretAccessKey: 'local',
    },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
  });
}

async function failure(
  promise: Promise<unknown>,
): Promise<{ name: string; status?: number; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (!(error instanceof S3ServiceException)) throw error;
    return { name: error.name, status: error.$metadata.httpStatusCode, message: error.message };
  }
  throw new Error('The call succeeded');
}

describe('calls signed by a function', () => {
  it('lets through what the role grants', async () => {
    const object = await as('Blind').send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'requests/r-1/export.zip' }),
    );
    expect(await object.Body?.transformToString()).toBe('zip');
    await as('Writer').send(new PutObjectCommand({ Bucket: BUCKET, Key: 'uploads/r-1/a.csv', Body: 'a' }));
    expect(denials).toEqual([]);
  });

  it("refuses what it does not with S3's 403 AccessDenied, and says which function, action and object", async () => {
    const refused = await failure(
      as('Writer').send(new PutObjectCommand({ Bucket: BUCKET, Key: 'requests/r-1/export.zip', Body: 'x' })),
    );
    expect(refused).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(refused.message).toContain(
      `is not authorized to perform: s3:PutObject on resource: ${BUCKET_ARN}/requests/r-1/export.zip`,
    );
    expect(denials).toEqual([
      expect.objectContaining({
        functionLogicalId: 'Writer',
        role: 'WriterRole',
        action: 's3:PutObject',
        resource: `${BUCKET_ARN}/requests/r-1/export.zip`,
      }),
    ]);
    // The object is untouched.
    const object = await as('local').send(
      new GetObjectCommand({ Bucket: BUCKET, Key: 'requests/r-1/export.zip' }),
    );
    expect(await object.Body?.transformToString()).toBe('zip');
  });

  it('checks a listing against the s3:prefix condition of the ListBucket grant', async () => {
    const listed = await as('Reader').send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'requests/r-1/' }),
    );
    expect(listed.Contents?.map((o) => o.Key)).toEqual(['requests/r-1/export.zip']);
    expect(
      await failure(as('Reader').send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'uploads/' }))),
    ).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    });
    expect(denials[0]).toMatchObject({ action: 's3:ListBucket', resource: BUCKET_ARN });
  });

  it('refuses a batch delete when any one of its keys is not granted', async () => {
    const refused = await failure(
      as('Writer').send(
        new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: 'uploads/r-1/a.csv' }] } }),
      ),
    );
    expect(refused).toMatchObject({ name: 'AccessDenied', status: 403 });
    expect(denials[0]).toMatchObject({
      action: 's3:DeleteObject',
      resource: `${BUCKET_ARN}/uploads/r-1/a.csv`,
    });
  });

  it('does not check the shared local key (tests, set-up)', async () => {
    await as('local').send(new PutObjectCommand({ Bucket: BUCKET, Key: 'anything/x', Body: 'x' }));
    expect(denials).toEqual([]);
  });
});

describe('presigned URLs act as the function that signed them', () => {
  it('serves a GET signed by a function allowed to read, and refuses one signed by a function that is not', async () => {
    const key = 'requests/r-1/export.zip';
    const allowed = await getSignedUrl(as('Reader'), new GetObjectCommand({ Bucket: BUCKET, Key: key }), {
      expiresIn: 60,
    });
    const got = await fetch(allowed);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe('zip');
    const refused = await getSignedUrl(as('Writer'), new GetObjectCommand({ Bucket: BUCKET, Key: key }), {
      expiresIn: 60,
    });
    const answer = await fetch(refused);
    expect(answer.status).toBe(403);
    expect(await answer.text()).toContain('<Code>AccessDenied</Code>');
    expect(denials).toEqual([
      expect.objectContaining({ functionLogicalId: 'Writer', action: 's3:GetObject' }),
    ]);
  });

  it('refuses a presigned PUT outside what the signer may write', async () => {
    const url = await getSignedUrl(
      as('Writer'),
      new PutObjectCommand({ Bucket: BUCKET, Key: 'requests/r-2/x' }),
      {
        expiresIn: 60,
      },
    );
    expect((await fetch(url, { method: 'PUT', body: 'x' })).status).toBe(403);
    const ok = await getSignedUrl(
      as('Writer'),
      new PutObjectCommand({ Bucket: BUCKET, Key: 'uploads/r-2/x' }),
      {
        expiresIn: 60,
      },
    );
    expect((await fetch(ok, { method: 'PUT', body: 'x' })).status).toBe(200);
  });
});

describe('a missing key: 404 with ListBucket, 403 without', () => {
  const missing = 'requests/r-9/export.zip';

  it('answers 404 NotFound / NoSuchKey to a caller that may list the prefix', async () => {
    expect(
      await failure(as('Reader').send(new HeadObjectCommand({ Bucket: BUCKET, Key: missing }))),
    ).toMatchObject({
      name: 'NotFound',
      status: 404,
    });
    expect(
      await failure(as('Reader').send(new GetObjectCommand({ Bucket: BUCKET, Key: missing }))),
    ).toMatchObject({
      name: 'NoSuchKey',
      status: 404,
    });
    expect(denials).toEqual([]);
  });

  it('answers 403 AccessDenied to a caller that may read but not list', async () => {
    expect(
      await failure(as('Blind').send(new HeadObjectCommand({ Bucket: BUCKET, Key: missing }))),
    ).toMatchObject({
      status: 403,
    });
    expect(
      await failure(as('Blind').send(new GetObjectCommand({ Bucket: BUCKET, Key: missing }))),
    ).toMatchObject({
      name: 'AccessDenied',
      status: 403,
    });
    expect(denials[0]).toMatchObject({
      functionLogicalId: 'Blind',
      action: 's3:ListBucket',
      resource: BUCKET_ARN,
    });
  });

  it('still answers 404 to the shared local key', async () => {
    expect(
      await failure(as('local').send(new HeadObjectCommand({ Bucket: BUCKET, Key: missing }))),
    ).toMatchObject({
      status: 404,
    });
  });
});

/**
 * The respond step's export on the local S3: built from the request's findings and decisions, with what the
 * connectors collected and what staff uploaded, stored under the request's own key; and never with another
 * request's object, whatever a finding names.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { requestExport } from '../../../lambdas/adapters/export/request-export';
import { S3CollectedData } from '../../../lambdas/adapters/s3/collected-data';
import type { RequestRecord } from '../../../lambdas/domain/requests/record';
import { CollectedDataMismatchError } from '../../../lambdas/domain/workflow/collected-match';
import type { Finding } from '../../../lambdas/domain/workflow/findings';
import type { RunningEmulator } from '../../../local/emulators/emulator';
import { startS3 } from '../../../local/emulators/s3';
import { accessRequest, finding } from '../../domain/export/fixtures';
import { sterkPolicy } from '../../domain/policy/sterk-fixture';
import { unzip } from './unzip';

const BUCKET = 'personvern-exports';
const KMS_KEY = 'arn:aws:kms:eu-north-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
/** A staff upload's key as domain/staff/uploads.ts makes it: request, system, a UUID, the file name. */
const uploadKey = (requestId: string) =>
  `uploads/${requestId}/brp-systems/0d6f1c2a-1b2c-4d3e-8f9a-0123456789ab-profile.pdf`;

describe('Function: requestExport (s3rver)', () => {
  let directory: string;
  let emulator: RunningEmulator;
  let client: S3Client;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'personvern-request-export-'));
    emulator = await startS3({ directory, fresh: true, port: 0, buckets: [BUCKET] });
    client = new S3Client({
      endpoint: emulator.endpoint,
      region: 'eu-north-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    client.destroy();
    await emulator.stop();
    await rm(directory, { recursive: true, force: true });
  });

  /** The builder over fixed findings, with no retention decisions. */
  function builder(findings: Finding[]) {
    return requestExport({
      client,
      bucket: BUCKET,
      dataKeyArn: KMS_KEY,
      policy: sterkPolicy(),
      findings: { list: async () => findings },
      retention: { get: async () => undefined },
      clock: () => new Date('2026-11-25T12:00:00Z'),
    });
  }

  it('stores the export under the request’s key, with the collected records and the upload', async () => {
    // Prepare
    const request = accessRequest('en', { id: 'r-export-1' }) as unknown as RequestRecord;
    await new S3CollectedData(client, BUCKET, KMS_KEY).write('r-export-1', 'mailchimp', {
      categories: ['email'],
      records: { member: [{ email: 'kari@example.no', status: 'subscribed' }] },
    });
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: uploadKey('r-export-1'),
        Body: 'PDF',
      }),
    );
    const build = builder([
      finding('pasientsky', 'no-data'),
      finding('brp-systems', 'staff-upload', ['name'], {
        objectKey: uploadKey('r-export-1'),
      }),
      finding('melin-convene-medical', 'no-data'),
      finding('mailchimp', 'connector', ['email'], { recordCount: 1 }),
      finding('personvern', 'no-data'),
    ]);

    // Act
    const built = await build(request);

    // Assess
    expect(built.key).toBe('requests/r-export-1/export.zip');
    const { Body } = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: built.key }));
    const zip = Buffer.from((await Body?.transformToByteArray()) ?? []);
    expect(built.bytes).toBe(zip.length);
    const entries = unzip(zip);
    expect(entries.map((entry) => entry.path)).toEqual([
      'index.html',
      'data.json',
      'mailchimp/member.csv',
      'uploads/brp-systems/profile.pdf',
    ]);
    expect(entries[2]?.data.toString()).toContain('kari@example.no');
  });

  it('refuses an upload of another request, and stores no export', async () => {
    // Prepare
    const request = accessRequest('en', { id: 'r-export-2' }) as unknown as RequestRecord;
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: uploadKey('r-other'),
        Body: 'PDF',
      }),
    );
    const build = builder([
      finding('pasientsky', 'no-data'),
      finding('brp-systems', 'staff-upload', ['name'], {
        objectKey: uploadKey('r-other'),
      }),
      finding('melin-convene-medical', 'no-data'),
      finding('mailchimp', 'no-data'),
      finding('personvern', 'no-data'),
    ]);

    // Act
    const building = build(request);

    // Assess
    await expect(building).rejects.toBeInstanceOf(CollectedDataMismatchError);
    await expect(
      client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: 'requests/r-export-2/export.zip' })),
    ).rejects.toThrow();
  });
});

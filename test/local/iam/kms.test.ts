/**
 * KMS where the template uses its customer managed key, with the real synthesized template: S3 with SSE-KMS
 * (the exports bucket), SQS with a KMS key (the change-notice queue) and Secrets Manager with a customer key
 * (the Mailchimp secret). The functions' grants as they are pass; with one kms:* grant taken out, the local
 * S3 and the SQS check refuse the call as AWS does; the key policy is evaluated as KMS evaluates it (its
 * root-account statement trusts the role's policies; a statement naming the role grants on its own) and
 * kms:ViaService is the calling service's.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { KmsAccessDenied, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { RunningEmulator } from '../../../local/emulators/emulator';
import { startS3 } from '../../../local/emulators/s3';
import { type LocalSqs, startSqs, templateQueues } from '../../../local/emulators/sqs';
import { IamAuthorizer } from '../../../local/iam/authorizer';
import { functionAccessKeyId } from '../../../local/iam/credentials';
import { type Denial, type IamProxy, startIamProxy } from '../../../local/iam/proxy';
import { accessChecks } from '../../../local/iam/requests';
import { type S3IamCheck, s3IamCheck } from '../../../local/iam/s3-check';
import { readEncryption } from '../../../local/template/encryption';
import { readExecutionRoles } from '../../../local/template/iam';
import { localResolver } from '../../../local/template/resources';
import { synthTemplate } from '../../../local/template/synth';
import type { CfnTemplate } from '../../../local/template/types';
import { withoutGrant } from '../../support/template-grants';

let template: CfnTemplate;
const idOf = (prefix: string, type = 'AWS::Lambda::Function') => {
  const id = Object.keys(template.Resources).find(
    (key) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(key) && template.Resources[key]?.Type === type,
  );
  if (id === undefined) throw new Error(`No ${type} ${prefix} in the template`);
  return id;
};
/** The authorizer the local stack builds from a template: its roles and its keys' key policies. */
const authorizerOf = (source: CfnTemplate) =>
  new IamAuthorizer(readExecutionRoles(source), readEncryption(source).keyPolicies);

const keyArn = () => `arn:aws:kms:eu-north-1:000000000000:key/${idOf('EncryptionKey', 'AWS::KMS::Key')}`;

beforeAll(() => {
  template = synthTemplate();
}, 120_000);

describe('reading the template’s encryption', () => {
  it('finds the SSE-KMS bucket, the encrypted queues and secret, and the key policy', () => {
    // Act
    const encryption = readEncryption(template);

    // Assess
    const bucket = localResolver(template.Resources).ref(idOf('ExportsBucket', 'AWS::S3::Bucket'));
    expect(encryption.buckets.get(bucket)).toEqual({ keyArn: keyArn(), bucketKey: true });
    const queue = `arn:aws:sqs:eu-north-1:000000000000:${idOf('ChangeNoticesQueue', 'AWS::SQS::Queue')}`;
    expect(encryption.queues.get(queue)).toBe(keyArn());
    const secret = idOf('RequestWorkflowMailchimpCredentials', 'AWS::SecretsManager::Secret');
    expect(encryption.secrets.get(`arn:aws:secretsmanager:eu-north-1:000000000000:secret:${secret}`)).toBe(
      keyArn(),
    );
    expect(JSON.stringify(encryption.keyPolicies.get(keyArn()))).toContain(
      '"arn:aws:iam::000000000000:root"',
    );
    // The handlers' form of the key's ARN (DATA_KEY_ARN) names the same key.
    expect(
      encryption.keyArnOf(`arn:aws:kms:eu-north-1:000000000000:${idOf('EncryptionKey', 'AWS::KMS::Key')}`),
    ).toBe(keyArn());
  });
});

describe('the key policy and kms:ViaService', () => {
  const secretRead = () => {
    const secret = idOf('RequestWorkflowMailchimpCredentials', 'AWS::SecretsManager::Secret');
    return accessChecks(
      'secretsmanager',
      {
        method: 'POST',
        url: '/',
        headers: { 'x-amz-target': 'secretsmanager.GetSecretValue' },
        body: JSON.stringify({ SecretId: secret }),
      },
      { encryption: readEncryption(template) },
    );
  };

  it('asks kms:Decrypt via Secrets Manager for a secret read, which the collector’s grants allow', async () => {
    // Prepare
    const collector = idOf('RequestWorkflowCollectFromSystem');
    const checks = secretRead();

    // Act
    const decisions = await Promise.all(
      checks.map((check) => authorizerOf(template).authorize(collector, check)),
    );

    // Assess
    expect(checks.map((check) => check.action)).toEqual(['secretsmanager:GetSecretValue', 'kms:Decrypt']);
    expect(checks[1]?.conditions?.['kms:ViaService']).toBe('secretsmanager.eu-north-1.amazonaws.com');
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true]);
  });

  it('lets the key policy’s statement naming the role grant Decrypt via Secrets Manager only', async () => {
    // Prepare: no kms:Decrypt in the role's own policies; the key policy names the role, via Secrets Manager.
    const collector = idOf('RequestWorkflowCollectFromSystem');
    const authorizer = authorizerOf(withoutGrant(template, collector, 'kms:Decrypt'));
    const [, viaSecrets] = secretRead();
    const viaS3 = {
      ...viaSecrets,
      action: 'kms:Decrypt',
      resource: keyArn(),
      conditions: { 'kms:ViaService': 's3.eu-north-1.amazonaws.com', 'kms:CallerAccount': '000000000000' },
    };

    // Act
    if (viaSecrets === undefined) throw new Error('A secret read asks KMS for nothing');
    const secrets = await authorizer.authorize(collector, viaSecrets);
    const s3 = await authorizer.authorize(collector, viaS3);

    // Assess
    expect(secrets.allowed).toBe(true);
    expect(s3.allowed).toBe(false);
    expect(s3.message).toMatch(/because no identity-based policy allows the kms:Decrypt action$/);
  });

  it('grants nothing on the key when the key policy does not trust the account, whatever the role allows', async () => {
    // Prepare: the key policy without its root-account `kms:*` statement.
    const keyless = structuredClone(template);
    const policy = keyless.Resources[idOf('EncryptionKey', 'AWS::KMS::Key')]?.Properties?.KeyPolicy as {
      Statement: { Action: unknown }[];
    };
    policy.Statement = policy.Statement.filter((statement) => statement.Action !== 'kms:*');
    const sender = idOf('ChangeNoticesStartNotice');
    const check = { action: 'kms:GenerateDataKey', resource: keyArn() };

    // Act
    const decision = await authorizerOf(keyless).authorize(sender, check);
    const asDeployed = await authorizerOf(template).authorize(sender, check);

    // Assess
    expect(asDeployed.allowed).toBe(true);
    expect(decision.allowed).toBe(false);
    expect(decision.message).toMatch(
      /because no resource-based policy allows the kms:GenerateDataKey action$/,
    );
  });
});

describe('S3 with SSE-KMS (the exports bucket)', () => {
  let directory: string;
  let emulator: RunningEmulator;
  let check: S3IamCheck;
  const denials: Denial[] = [];
  let bucket: string;
  const use = (source: CfnTemplate) => {
    check = s3IamCheck({
      authorizer: authorizerOf(source),
      onDenied: (denial) => denials.push(denial),
      encryption: readEncryption(source),
    });
  };
  const client = (functionId: string) =>
    new S3Client({
      endpoint: emulator.endpoint,
      region: 'eu-north-1',
      forcePathStyle: true,
      credentials: { accessKeyId: functionAccessKeyId(functionId), secretAccessKey: 'local' },
      // As the functions' presigning client (lambdas/adapters/s3/presign.ts): no checksum of an empty body.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      maxAttempts: 1,
    });

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'personvern-kms-'));
    bucket = localResolver(template.Resources).ref(idOf('ExportsBucket', 'AWS::S3::Bucket'));
    use(template);
    emulator = await startS3({
      directory,
      fresh: true,
      port: 0,
      buckets: [bucket],
      credentials: [
        { accessKeyId: 'local', secretAccessKey: 'local' },
        ...[idOf('StaffUploadUrl'), idOf('RequestsDownloadExport')].map((id) => ({
          accessKeyId: functionAccessKeyId(id),
          secretAccessKey: 'local',
        })),
      ],
      authorize: (wire, store) => check(wire, store),
    });
    const local = new S3Client({
      endpoint: emulator.endpoint,
      region: 'eu-north-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await local.send(new PutObjectCommand({ Bucket: bucket, Key: 'requests/r-1/export.zip', Body: 'zip' }));
    local.destroy();
  });

  afterAll(async () => {
    await emulator.stop();
    await rm(directory, { recursive: true, force: true });
  });

  beforeEach(() => {
    denials.length = 0;
  });

  /** A presigned PUT as the staff upload function signs one (lambdas/adapters/s3/presign.ts), and its use. */
  async function upload(): Promise<Response> {
    const functionId = idOf('StaffUploadUrl');
    const dataKey = `arn:aws:kms:eu-north-1:000000000000:${idOf('EncryptionKey', 'AWS::KMS::Key')}`;
    const body = Buffer.from('Medlem siden 2019.\n');
    const url = await getSignedUrl(
      client(functionId),
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'uploads/r-1/brp.txt',
        ContentType: 'text/plain',
        ContentLength: body.length,
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: dataKey,
      }),
      { expiresIn: 900, signableHeaders: new Set(['content-type', 'content-length']) },
    );
    return fetch(url, {
      method: 'PUT',
      headers: {
        'content-type': 'text/plain',
        'x-amz-server-side-encryption': 'aws:kms',
        'x-amz-server-side-encryption-aws-kms-key-id': dataKey,
      },
      body,
    });
  }

  const download = async () =>
    fetch(
      await getSignedUrl(
        client(idOf('RequestsDownloadExport')),
        new GetObjectCommand({ Bucket: bucket, Key: 'requests/r-1/export.zip' }),
        { expiresIn: 60 },
      ),
    );

  it('accepts the staff upload’s presigned PUT and the download’s presigned GET with the grants as they are', async () => {
    // Prepare
    use(template);

    // Act
    const put = await upload();
    const get = await download();

    // Assess
    expect(put.status).toBe(200);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('zip');
    expect(denials).toEqual([]);
  });

  it('refuses the presigned PUT when the signer may not kms:GenerateDataKey, as S3 does', async () => {
    // Prepare
    use(withoutGrant(template, idOf('StaffUploadUrl'), 'kms:GenerateDataKey'));

    // Act
    const put = await upload();

    // Assess
    expect(put.status).toBe(403);
    const text = await put.text();
    expect(text).toContain('<Code>AccessDenied</Code>');
    expect(text).toContain(`is not authorized to perform: kms:GenerateDataKey on resource: ${keyArn()}`);
    expect(denials).toEqual([
      expect.objectContaining({
        functionLogicalId: idOf('StaffUploadUrl'),
        action: 'kms:GenerateDataKey',
        resource: keyArn(),
      }),
    ]);
  });

  it('refuses the presigned GET when the signer may not kms:Decrypt', async () => {
    // Prepare
    use(withoutGrant(template, idOf('RequestsDownloadExport'), 'kms:Decrypt'));

    // Act
    const get = await download();

    // Assess
    expect(get.status).toBe(403);
    expect(await get.text()).toContain(`is not authorized to perform: kms:Decrypt on resource: ${keyArn()}`);
    expect(denials.map((denial) => denial.action)).toEqual(['kms:Decrypt']);
  });
});

describe('SQS with a KMS key (the change-notice queue)', () => {
  let sqs: LocalSqs;
  const proxies: IamProxy[] = [];
  const denials: Denial[] = [];

  beforeAll(async () => {
    sqs = await startSqs({ port: 0, queues: templateQueues(template.Resources) });
  });

  afterAll(async () => {
    await Promise.all(proxies.map((proxy) => proxy.close()));
    await sqs.stop();
  });

  async function send(source: CfnTemplate): Promise<unknown> {
    const proxy = await startIamProxy({
      service: 'sqs',
      target: sqs.endpoint,
      authorizer: authorizerOf(source),
      context: { encryption: readEncryption(source) },
      onDenied: (denial) => denials.push(denial),
    });
    proxies.push(proxy);
    const client = new SQSClient({
      endpoint: proxy.url,
      region: 'eu-north-1',
      credentials: {
        accessKeyId: functionAccessKeyId(idOf('ChangeNoticesStartNotice')),
        secretAccessKey: 'local',
      },
      maxAttempts: 1,
    });
    try {
      return await client.send(
        new SendMessageCommand({
          QueueUrl: sqs.queues.get(idOf('ChangeNoticesQueue', 'AWS::SQS::Queue'))?.url,
          MessageBody: '{}',
        }),
      );
    } catch (error) {
      return error;
    } finally {
      client.destroy();
    }
  }

  it('lets the notice starter send with its grants as they are, and answers KmsAccessDenied without kms:Decrypt', async () => {
    // Act
    const sent = await send(template);
    const refused = await send(withoutGrant(template, idOf('ChangeNoticesStartNotice'), 'kms:Decrypt'));

    // Assess
    expect(sent).toEqual(expect.objectContaining({ MessageId: expect.any(String) }));
    expect(refused).toBeInstanceOf(KmsAccessDenied);
    expect((refused as Error).message).toContain(
      `is not authorized to perform: kms:Decrypt on resource: ${keyArn()}`,
    );
    expect(denials).toEqual([
      expect.objectContaining({ functionLogicalId: idOf('ChangeNoticesStartNotice'), action: 'kms:Decrypt' }),
    ]);
  });
});

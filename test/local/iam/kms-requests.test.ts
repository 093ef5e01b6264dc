/**
 * A function's own KMS calls under the local IAM check, with a small hand-written template in the shape of the
 * national-id key's grants: GenerateDataKey and Decrypt map to kms:* on the key as policies name it (for
 * Decrypt the key the blob names), with the encryption context as condition keys; a grant conditioned on
 * `kms:EncryptionContext:purpose` allows that context only; a key policy that does not trust the account
 * grants nothing; and a refusal reaches the real KMSClient as KMS's AccessDeniedException.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { type LocalKms, startKms } from '../../../local/emulators/kms';
import { functionAccessKeyId } from '../../../local/iam/credentials';
import { templateAuthorizer } from '../../../local/iam/enforcement';
import { type Denial, deniedAnswer, type IamProxy, startIamProxy } from '../../../local/iam/proxy';
import { accessChecks, UnmappedRequestError, type WireRequest } from '../../../local/iam/requests';
import { readEncryption } from '../../../local/template/encryption';
import type { CfnTemplate } from '../../../local/template/types';

const arn = (rest: string) => `arn:aws:kms:eu-north-1:000000000000:${rest}`;
const KEY = arn('key/NationalIdKey');
const OTHER_KEY = arn('key/OtherKey');
const LOCKED_KEY = arn('key/LockedKey');
const DELEGATED_KEY = arn('key/DelegatedKey');
/** What a handler's environment holds for the key (the local template's Fn::GetAtt Arn). */
const HANDLER_KEY = arn('NationalIdKey');
const CONTEXT = { purpose: 'national-id', requestId: 'r-1' };
/** KMS's AccessDeniedException is not a modelled error of the SDK: it arrives as a service error by that name. */
const ACCESS_DENIED = { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } };

const trustingTheAccount = {
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::000000000000:root' },
  Action: 'kms:*',
  Resource: '*',
};
const key = (statements: unknown[]) => ({
  Type: 'AWS::KMS::Key',
  Properties: { KeyPolicy: { Version: '2012-10-17', Statement: statements } },
});
const role = (name: string, statements: unknown[]) => ({
  [`${name}Role`]: { Type: 'AWS::IAM::Role', Properties: {} },
  [`${name}Policy`]: {
    Type: 'AWS::IAM::Policy',
    Properties: {
      Roles: [{ Ref: `${name}Role` }],
      PolicyDocument: { Version: '2012-10-17', Statement: statements },
    },
  },
  [name]: { Type: 'AWS::Lambda::Function', Properties: { Role: { 'Fn::GetAtt': [`${name}Role`, 'Arn'] } } },
});
const forNationalId = { StringEquals: { 'kms:EncryptionContext:purpose': 'national-id' } };

const template: CfnTemplate = {
  Resources: {
    NationalIdKey: key([trustingTheAccount]),
    OtherKey: key([trustingTheAccount]),
    // A key policy naming only an administrator: the account's IAM policies cannot grant its use.
    LockedKey: key([
      { ...trustingTheAccount, Principal: { AWS: 'arn:aws:iam::000000000000:role/KeyAdmin' } },
    ]),
    // A key policy naming the role itself grants on its own, here for the national-id context only.
    DelegatedKey: key([
      {
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::000000000000:role/ArchiveRole' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: forNationalId,
      },
    ]),
    ...role('EidCallback', [
      {
        Effect: 'Allow',
        Action: 'kms:GenerateDataKey',
        Resource: { 'Fn::GetAtt': ['NationalIdKey', 'Arn'] },
        Condition: forNationalId,
      },
      { Effect: 'Allow', Action: 'kms:GenerateDataKey', Resource: { 'Fn::GetAtt': ['LockedKey', 'Arn'] } },
    ]),
    ...role('RevealNationalId', [
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: { 'Fn::GetAtt': ['NationalIdKey', 'Arn'] },
        Condition: {
          ...forNationalId,
          'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['purpose', 'requestId'] },
        },
      },
    ]),
    // May decrypt under another key only.
    ...role('Archive', [
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': ['OtherKey', 'Arn'] } },
    ]),
  },
};

const encryption = readEncryption(template);
const wire = (operation: string, body: unknown): WireRequest => ({
  method: 'POST',
  url: '/',
  headers: { 'x-amz-target': `TrentService.${operation}` },
  body: JSON.stringify(body),
});

let directory: string;
let kms: LocalKms;
let proxy: IamProxy;
const denials: Denial[] = [];
const clients: KMSClient[] = [];

const client = (accessKeyId: string, endpoint = proxy.url) => {
  const made = new KMSClient({
    region: 'eu-north-1',
    endpoint,
    credentials: { accessKeyId, secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  clients.push(made);
  return made;
};
const asFunction = (functionLogicalId: string) => client(functionAccessKeyId(functionLogicalId));

/** A data key made by the test itself (the shared local key is not checked), under `keyId`. */
const sealed = async (keyId = HANDLER_KEY, context: Record<string, string> = CONTEXT) => {
  const made = await client('local', kms.endpoint).send(
    new GenerateDataKeyCommand({ KeyId: keyId, KeySpec: 'AES_256', EncryptionContext: context }),
  );
  return Buffer.from(made.CiphertextBlob ?? []);
};

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'personvern-kms-iam-'));
  kms = await startKms({ port: 0, directory, fresh: true, template });
  proxy = await startIamProxy({
    service: 'kms',
    target: kms.endpoint,
    authorizer: templateAuthorizer(template),
    context: { encryption },
    onDenied: (denial) => denials.push(denial),
  });
});

afterAll(async () => {
  for (const made of clients) made.destroy();
  await proxy.close();
  await kms.stop();
  await rm(directory, { recursive: true, force: true });
});

beforeEach(() => {
  denials.length = 0;
});

describe('KMS calls as IAM actions, resources and condition keys', () => {
  it('maps GenerateDataKey to kms:GenerateDataKey on the key as policies name it, with the context', () => {
    // Act
    const checks = accessChecks(
      'kms',
      wire('GenerateDataKey', { KeyId: HANDLER_KEY, KeySpec: 'AES_256', EncryptionContext: CONTEXT }),
      { encryption },
    );

    // Assess
    expect(checks).toEqual([
      {
        action: 'kms:GenerateDataKey',
        resource: KEY,
        conditions: {
          'kms:CallerAccount': '000000000000',
          'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT',
          'kms:EncryptionContext:purpose': 'national-id',
          'kms:EncryptionContext:requestId': 'r-1',
          'kms:EncryptionContextKeys': ['purpose', 'requestId'],
        },
      },
    ]);
  });

  it('maps Decrypt to kms:Decrypt on the key the blob names, whatever KeyId says', async () => {
    // Prepare
    const blob = (await sealed()).toString('base64');

    // Act
    const claimingOther = accessChecks(
      'kms',
      wire('Decrypt', { CiphertextBlob: blob, KeyId: OTHER_KEY, EncryptionContext: CONTEXT }),
      { encryption },
    );
    const withoutKeyId = accessChecks('kms', wire('Decrypt', { CiphertextBlob: blob }), { encryption });
    const garbage = accessChecks(
      'kms',
      wire('Decrypt', { CiphertextBlob: Buffer.from('x').toString('base64'), KeyId: KEY }),
    );

    // Assess
    expect(claimingOther).toEqual([
      expect.objectContaining({
        action: 'kms:Decrypt',
        resource: KEY,
        conditions: expect.objectContaining({ 'kms:EncryptionContext:requestId': 'r-1' }),
      }),
    ]);
    expect(withoutKeyId).toEqual([expect.objectContaining({ action: 'kms:Decrypt', resource: KEY })]);
    expect(withoutKeyId[0]?.conditions).not.toHaveProperty('kms:EncryptionContextKeys');
    // Names no key: nothing to authorize, and the stand-in answers InvalidCiphertextException as KMS does.
    expect(garbage).toEqual([]);
  });

  it('refuses to guess the action of an operation it does not know', () => {
    expect(() => accessChecks('kms', wire('ReEncrypt', { DestinationKeyId: KEY }))).toThrow(
      UnmappedRequestError,
    );
  });
});

describe('the national-id grants, evaluated with the key policy', () => {
  it('lets EidCallback make a data key for the national-id purpose, and refuses another purpose', async () => {
    // Prepare
    const eid = asFunction('EidCallback');

    // Act
    const made = await eid.send(
      new GenerateDataKeyCommand({ KeyId: HANDLER_KEY, KeySpec: 'AES_256', EncryptionContext: CONTEXT }),
    );
    const otherPurpose = eid.send(
      new GenerateDataKeyCommand({
        KeyId: HANDLER_KEY,
        KeySpec: 'AES_256',
        EncryptionContext: { purpose: 'export', requestId: 'r-1' },
      }),
    );
    const noContext = eid.send(new GenerateDataKeyCommand({ KeyId: HANDLER_KEY, KeySpec: 'AES_256' }));

    // Assess
    expect(made.KeyId).toBe(KEY);
    await expect(otherPurpose).rejects.toMatchObject(ACCESS_DENIED);
    await expect(noContext).rejects.toMatchObject(ACCESS_DENIED);
    expect(denials.map((denial) => [denial.functionLogicalId, denial.action, denial.resource])).toEqual([
      ['EidCallback', 'kms:GenerateDataKey', KEY],
      ['EidCallback', 'kms:GenerateDataKey', KEY],
    ]);
  });

  it('lets RevealNationalId decrypt the national-id context only, with no extra context keys', async () => {
    // Prepare
    const reveal = asFunction('RevealNationalId');
    const forNationalId = await sealed();
    const otherPurpose = { purpose: 'export', requestId: 'r-1' };
    const forExport = await sealed(HANDLER_KEY, otherPurpose);
    const extra = { ...CONTEXT, extra: 'x' };
    const withExtraKey = await sealed(HANDLER_KEY, extra);

    // Act
    const opened = await reveal.send(
      new DecryptCommand({ CiphertextBlob: forNationalId, KeyId: KEY, EncryptionContext: CONTEXT }),
    );
    const exportDenied = reveal.send(
      new DecryptCommand({ CiphertextBlob: forExport, EncryptionContext: otherPurpose }),
    );
    const extraDenied = reveal.send(
      new DecryptCommand({ CiphertextBlob: withExtraKey, EncryptionContext: extra }),
    );

    // Assess
    expect(opened.Plaintext).toHaveLength(32);
    await expect(exportDenied).rejects.toMatchObject(ACCESS_DENIED);
    await expect(extraDenied).rejects.toMatchObject(ACCESS_DENIED);
  });

  it('refuses a role without the grant with KMS’s AccessDeniedException and message', async () => {
    // Prepare
    const blob = await sealed();

    // Act
    const decrypt = asFunction('EidCallback').send(
      new DecryptCommand({ CiphertextBlob: blob, KeyId: KEY, EncryptionContext: CONTEXT }),
    );

    // Assess
    await expect(decrypt).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
      message: `User: arn:aws:sts::000000000000:assumed-role/EidCallbackRole/EidCallback is not authorized to perform: kms:Decrypt on resource: ${KEY} because no identity-based policy allows the kms:Decrypt action`,
    });
    expect(denials).toEqual([
      expect.objectContaining({ functionLogicalId: 'EidCallback', action: 'kms:Decrypt', resource: KEY }),
    ]);
  });

  it('checks Decrypt on the blob’s key: a grant on the key KeyId names does not open another key’s blob', async () => {
    // Prepare
    const blob = await sealed();

    // Act
    const decrypt = asFunction('Archive').send(
      new DecryptCommand({ CiphertextBlob: blob, KeyId: OTHER_KEY, EncryptionContext: CONTEXT }),
    );

    // Assess: refused by IAM on the national-id key, before KMS could answer IncorrectKeyException.
    await expect(decrypt).rejects.toMatchObject(ACCESS_DENIED);
    expect(denials).toEqual([expect.objectContaining({ action: 'kms:Decrypt', resource: KEY })]);
  });

  it('grants nothing on a key whose key policy does not trust the account, whatever the role allows', async () => {
    // Act
    const locked = asFunction('EidCallback').send(
      new GenerateDataKeyCommand({ KeyId: LOCKED_KEY, KeySpec: 'AES_256', EncryptionContext: CONTEXT }),
    );

    // Assess
    await expect(locked).rejects.toThrow(
      `is not authorized to perform: kms:GenerateDataKey on resource: ${LOCKED_KEY} because no resource-based policy allows the kms:GenerateDataKey action`,
    );
  });

  it('evaluates a key policy statement’s encryption-context condition too', async () => {
    // Prepare
    const archive = asFunction('Archive');
    const otherPurpose = { purpose: 'export', requestId: 'r-1' };
    const forNationalId = await sealed(DELEGATED_KEY);
    const forExport = await sealed(DELEGATED_KEY, otherPurpose);

    // Act
    const opened = await archive.send(
      new DecryptCommand({ CiphertextBlob: forNationalId, EncryptionContext: CONTEXT }),
    );
    const exportDenied = archive.send(
      new DecryptCommand({ CiphertextBlob: forExport, EncryptionContext: otherPurpose }),
    );

    // Assess
    expect(opened.KeyId).toBe(DELEGATED_KEY);
    await expect(exportDenied).rejects.toMatchObject(ACCESS_DENIED);
    expect(denials).toEqual([expect.objectContaining({ action: 'kms:Decrypt', resource: DELEGATED_KEY })]);
  });

  it('answers a refusal as KMS does: 400 and {"__type":"AccessDeniedException","message"}', () => {
    // Act
    const answer = deniedAnswer('kms', { method: 'POST', url: '/' }, 'User: x is not authorized');

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(JSON.parse(answer.body)).toEqual({
      __type: 'AccessDeniedException',
      message: 'User: x is not authorized',
    });
  });
});

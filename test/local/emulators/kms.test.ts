/**
 * The local KMS stand-in through the real KMSClient, as a handler reaches it: a data key made under the
 * template's key opens again with the same encryption context only; a changed blob, another context, another
 * key and an unknown key are refused with KMS's own exceptions; the master keys survive a restart and
 * `fresh` throws them away.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DecryptCommand,
  DisabledException,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  IncorrectKeyException,
  InvalidCiphertextException,
  KMSClient,
  NotFoundException,
} from '@aws-sdk/client-kms';
import { ciphertextKeyArn, type LocalKms, startKms } from '../../../local/emulators/kms';
import type { CfnTemplate } from '../../../local/template/types';

const KEY_ARN = 'arn:aws:kms:eu-north-1:000000000000:key/NationalIdKey';
/** The key's ARN as the local template resolves it for a handler's environment (Fn::GetAtt Arn). */
const HANDLER_KEY_ARN = 'arn:aws:kms:eu-north-1:000000000000:NationalIdKey';
const OTHER_KEY_ARN = 'arn:aws:kms:eu-north-1:000000000000:key/OtherKey';
const CONTEXT = { purpose: 'national-id', requestId: 'r-1' };

const keyPolicy = {
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: {
        AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::000000000000:root']] },
      },
      Action: 'kms:*',
      Resource: '*',
    },
  ],
};
const template: CfnTemplate = {
  Resources: {
    NationalIdKey: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, KeyPolicy: keyPolicy } },
    OtherKey: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: keyPolicy } },
    // As long as NationalIdKey's name: a blob renamed to it still parses, and must not open.
    NationalIdOld: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: keyPolicy } },
    RetiredKey: { Type: 'AWS::KMS::Key', Properties: { Enabled: false, KeyPolicy: keyPolicy } },
  },
};

let directory: string;
let kms: LocalKms;
let client: KMSClient;

const start = async (fresh: boolean) => {
  kms = await startKms({ port: 0, directory, fresh, template });
  client = new KMSClient({
    region: 'eu-north-1',
    endpoint: kms.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
};
const stop = async () => {
  client.destroy();
  await kms.stop();
};

const dataKey = () =>
  client.send(
    new GenerateDataKeyCommand({ KeyId: HANDLER_KEY_ARN, KeySpec: 'AES_256', EncryptionContext: CONTEXT }),
  );

beforeAll(async () => {
  directory = join(await mkdtemp(join(tmpdir(), 'personvern-kms-')), 'kms');
  await start(true);
});

afterAll(async () => {
  await stop();
  await rm(join(directory, '..'), { recursive: true, force: true });
});

describe('GenerateDataKey and Decrypt', () => {
  it('makes a 256-bit data key under the template key and opens it again with the same context', async () => {
    // Act
    const made = await dataKey();
    const opened = await client.send(
      new DecryptCommand({
        CiphertextBlob: made.CiphertextBlob,
        KeyId: made.KeyId,
        EncryptionContext: { requestId: 'r-1', purpose: 'national-id' },
      }),
    );
    const withoutKeyId = await client.send(
      new DecryptCommand({ CiphertextBlob: made.CiphertextBlob, EncryptionContext: CONTEXT }),
    );

    // Assess
    expect(made.Plaintext).toHaveLength(32);
    expect(made.KeyId).toBe(KEY_ARN);
    expect(ciphertextKeyArn(made.CiphertextBlob ?? new Uint8Array())).toBe(KEY_ARN);
    expect(Buffer.from(made.CiphertextBlob ?? []).includes(Buffer.from(made.Plaintext ?? []))).toBe(false);
    expect(Buffer.from(opened.Plaintext ?? [])).toEqual(Buffer.from(made.Plaintext ?? []));
    expect(opened.KeyId).toBe(KEY_ARN);
    expect(opened.EncryptionAlgorithm).toBe('SYMMETRIC_DEFAULT');
    expect(Buffer.from(withoutKeyId.Plaintext ?? [])).toEqual(Buffer.from(made.Plaintext ?? []));
  });

  it('makes keys of NumberOfBytes and without plaintext too, and Encrypt round-trips', async () => {
    // Act
    const sixtyFour = await client.send(
      new GenerateDataKeyCommand({ KeyId: 'NationalIdKey', NumberOfBytes: 64 }),
    );
    const wrappedOnly = await client.send(
      new GenerateDataKeyWithoutPlaintextCommand({ KeyId: KEY_ARN, KeySpec: 'AES_128' }),
    );
    const encrypted = await client.send(
      new EncryptCommand({ KeyId: OTHER_KEY_ARN, Plaintext: Buffer.from('hei'), EncryptionContext: CONTEXT }),
    );
    const decrypted = await client.send(
      new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: CONTEXT }),
    );
    const opened = await client.send(new DecryptCommand({ CiphertextBlob: wrappedOnly.CiphertextBlob }));

    // Assess
    expect(sixtyFour.Plaintext).toHaveLength(64);
    expect(wrappedOnly).not.toHaveProperty('Plaintext');
    expect(opened.Plaintext).toHaveLength(16);
    expect(Buffer.from(decrypted.Plaintext ?? []).toString()).toBe('hei');
    expect(decrypted.KeyId).toBe(OTHER_KEY_ARN);
  });
});

describe("KMS's refusals", () => {
  it('refuses another encryption context, or none, as InvalidCiphertextException', async () => {
    // Prepare
    const { CiphertextBlob } = await dataKey();

    // Act
    const other = client.send(
      new DecryptCommand({ CiphertextBlob, EncryptionContext: { ...CONTEXT, requestId: 'r-2' } }),
    );
    const none = client.send(new DecryptCommand({ CiphertextBlob }));

    // Assess
    await expect(other).rejects.toBeInstanceOf(InvalidCiphertextException);
    await expect(none).rejects.toMatchObject({
      name: 'InvalidCiphertextException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('refuses a changed blob: a sealed byte, or the key it names', async () => {
    // Prepare
    const blob = Buffer.from((await dataKey()).CiphertextBlob ?? []);
    const flipped = Buffer.from(blob);
    flipped[flipped.length - 1] = (flipped.at(-1) ?? 0) ^ 1;
    const renamed = Buffer.from(blob.toString('latin1').replace('NationalIdKey', 'NationalIdOld'), 'latin1');

    // Act
    const decrypt = (CiphertextBlob: Buffer) =>
      client.send(new DecryptCommand({ CiphertextBlob, EncryptionContext: CONTEXT }));

    // Assess
    expect(ciphertextKeyArn(renamed)).toBe('arn:aws:kms:eu-north-1:000000000000:key/NationalIdOld');
    await expect(decrypt(flipped)).rejects.toBeInstanceOf(InvalidCiphertextException);
    await expect(decrypt(renamed)).rejects.toBeInstanceOf(InvalidCiphertextException);
    await expect(decrypt(Buffer.from('not a blob'))).rejects.toBeInstanceOf(InvalidCiphertextException);
  });

  it('refuses a KeyId that is not the blob’s key as IncorrectKeyException', async () => {
    // Prepare
    const { CiphertextBlob } = await dataKey();

    // Act
    const decrypt = client.send(
      new DecryptCommand({ CiphertextBlob, KeyId: OTHER_KEY_ARN, EncryptionContext: CONTEXT }),
    );

    // Assess
    await expect(decrypt).rejects.toBeInstanceOf(IncorrectKeyException);
  });

  it('answers NotFoundException for a key the template does not have, DisabledException for a disabled one', async () => {
    // Act
    const missing = client.send(
      new GenerateDataKeyCommand({
        KeyId: 'arn:aws:kms:eu-north-1:000000000000:key/Missing',
        KeySpec: 'AES_256',
      }),
    );
    const otherAccount = client.send(
      new GenerateDataKeyCommand({
        KeyId: 'arn:aws:kms:eu-north-1:111111111111:key/NationalIdKey',
        KeySpec: 'AES_256',
      }),
    );
    const disabled = client.send(new GenerateDataKeyCommand({ KeyId: 'RetiredKey', KeySpec: 'AES_256' }));

    // Assess
    await expect(missing).rejects.toBeInstanceOf(NotFoundException);
    await expect(missing).rejects.toThrow(
      "Key 'arn:aws:kms:eu-north-1:000000000000:key/Missing' does not exist",
    );
    await expect(otherAccount).rejects.toBeInstanceOf(NotFoundException);
    await expect(disabled).rejects.toBeInstanceOf(DisabledException);
  });

  it('answers in KMS’s JSON shape, and refuses an operation it does not emulate at once', async () => {
    // Act
    const post = (target: string, body: unknown) =>
      fetch(kms.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(5_000),
      });
    const notFound = await post('TrentService.GenerateDataKey', { KeyId: 'Missing', KeySpec: 'AES_256' });
    const createKey = await post('TrentService.CreateKey', {});
    const noSpec = await post('TrentService.GenerateDataKey', { KeyId: 'NationalIdKey' });

    // Assess
    expect(notFound.status).toBe(400);
    expect(notFound.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await notFound.json()).toEqual({
      __type: 'NotFoundException',
      message: "Key 'arn:aws:kms:eu-north-1:000000000000:key/Missing' does not exist",
    });
    expect(createKey.status).toBe(400);
    expect(await createKey.json()).toMatchObject({
      __type: 'UnsupportedOperationException',
      message: expect.stringContaining('not CreateKey'),
    });
    expect(noSpec.status).toBe(400);
    expect(await noSpec.json()).toMatchObject({ __type: 'ValidationException' });
  });
});

describe('the master keys in the data directory', () => {
  it('keeps them across a restart, so what was sealed before still opens', async () => {
    // Prepare
    const made = await dataKey();
    await stop();

    // Act
    await start(false);
    const opened = await client.send(
      new DecryptCommand({ CiphertextBlob: made.CiphertextBlob, EncryptionContext: CONTEXT }),
    );

    // Assess
    expect(Buffer.from(opened.Plaintext ?? [])).toEqual(Buffer.from(made.Plaintext ?? []));
    expect((await readdir(directory)).sort()).toEqual([
      'NationalIdKey.key',
      'NationalIdOld.key',
      'OtherKey.key',
      'RetiredKey.key',
    ]);
  });

  it('throws them away with fresh: what was sealed before no longer opens', async () => {
    // Prepare
    const made = await dataKey();
    await stop();

    // Act
    await start(true);
    const decrypt = client.send(
      new DecryptCommand({ CiphertextBlob: made.CiphertextBlob, EncryptionContext: CONTEXT }),
    );

    // Assess
    await expect(decrypt).rejects.toBeInstanceOf(InvalidCiphertextException);
    expect((await dataKey()).KeyId).toBe(KEY_ARN);
  });
});

/**
 * Envelope encryption of one national identity number: KMS makes a fresh AES-256 data key per number
 * (GenerateDataKey), the number is sealed with AES-256-GCM under it, and only the KMS-wrapped key is kept.
 * The encryption context names the purpose and the request, so KMS (and CloudTrail) tie every Decrypt to one
 * request, and a grant can be limited to this purpose; the GCM additional data binds the ciphertext to the
 * request too, so a sealed number copied onto another request does not open.
 *
 * Why not the AWS Encryption SDK: its message format, key commitment and caching serve large or many
 * messages; this seals one 11-digit value per request, and these lines with a round-trip and tamper test
 * are easier to review than that dependency (docs/id-porten.md section 4).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';

export interface SealedNationalId {
  /** The data key as KMS wrapped it (base64). */
  readonly wrappedKey: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly tag: string;
  /** The KMS key that wrapped the data key. */
  readonly keyArn: string;
}

const context = (requestId: string) => ({ purpose: 'national-id', requestId });
const additionalData = (requestId: string) => Buffer.from(`personvern:national-id:${requestId}`, 'utf8');

export async function sealNationalId(
  kms: Pick<KMSClient, 'send'>,
  keyArn: string,
  requestId: string,
  nationalId: string,
): Promise<SealedNationalId> {
  const { Plaintext, CiphertextBlob, KeyId } = await kms.send(
    new GenerateDataKeyCommand({ KeyId: keyArn, KeySpec: 'AES_256', EncryptionContext: context(requestId) }),
  );
  if (Plaintext === undefined || CiphertextBlob === undefined) throw new Error('KMS returned no data key');
  const dataKey = Buffer.from(Plaintext);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    cipher.setAAD(additionalData(requestId));
    const ciphertext = Buffer.concat([cipher.update(nationalId, 'utf8'), cipher.final()]);
    return {
      wrappedKey: Buffer.from(CiphertextBlob).toString('base64'),
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      keyArn: KeyId ?? keyArn,
    };
  } finally {
    // The plaintext key lives no longer than this call.
    dataKey.fill(0);
    Plaintext.fill(0);
  }
}

export async function openNationalId(
  kms: Pick<KMSClient, 'send'>,
  requestId: string,
  sealed: SealedNationalId,
): Promise<string> {
  const { Plaintext } = await kms.send(
    new DecryptCommand({
      CiphertextBlob: Buffer.from(sealed.wrappedKey, 'base64'),
      KeyId: sealed.keyArn,
      EncryptionContext: context(requestId),
    }),
  );
  if (Plaintext === undefined) throw new Error('KMS returned no data key');
  const dataKey = Buffer.from(Plaintext);
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(additionalData(requestId));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([
      decipher.update(Buffer.from(sealed.ciphertext, 'base64')),
      decipher.final(),
    ]).toString('utf8');
  } finally {
    dataKey.fill(0);
    Plaintext.fill(0);
  }
}

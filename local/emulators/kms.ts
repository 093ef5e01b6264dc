/**
 * A KMS stand-in for the calls the handlers make with the template's customer managed keys: GenerateDataKey,
 * GenerateDataKeyWithoutPlaintext, Encrypt and Decrypt, over KMS's JSON 1.1 protocol, so `KMSClient` talks to it
 * through AWS_ENDPOINT_URL_KMS as it talks to KMS. No npm package emulates KMS (local-kms is a Go binary).
 *
 * Each AWS::KMS::Key of the template gets a 256-bit master key, kept in `<directory>/<logical id>.key` so that
 * what was encrypted before a restart still decrypts; `fresh` throws them away, and with them every ciphertext
 * made before. A ciphertext blob names its key, as KMS's do, and is sealed with AES-256-GCM under that key with
 * the encryption context as additional data, so KMS's refusals follow from the cryptography: another context or
 * a changed byte is InvalidCiphertextException, a KeyId other than the blob's key IncorrectKeyException.
 * Who may call is not decided here: the IAM check in front (local/iam) maps the calls to kms:* on the key the
 * request (for Decrypt: the blob) names and evaluates the role's policies and the key policy.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { readEncryption } from '../template/encryption';
import { LOCAL_ACCOUNT, LOCAL_REGION } from '../template/intrinsics';
import type { CfnTemplate } from '../template/types';
import { prepareDataDirectory } from './data-directory';
import { endpointFor, type RunningEmulator } from './emulator';
import { closeServer, listen } from './ports';

const SERVICE = 'KMS (local stand-in)';

/** A fixed address for `npm start`, so the AWS CLI can be pointed at it (`--endpoint-url`); KMS_PORT moves it. */
export const DEFAULT_KMS_PORT = 8084;

export interface LocalKms extends RunningEmulator {
  /** The template's keys, by the ARN policies name them with (`arn:aws:kms:<region>:<account>:key/<id>`). */
  readonly keys: readonly string[];
}

interface MasterKey {
  readonly logicalId: string;
  readonly arn: string;
  readonly enabled: boolean;
  /** Only symmetric encryption keys can make data keys and encrypt; asymmetric and HMAC keys cannot. */
  readonly symmetric: boolean;
  readonly material: Buffer;
}

/**
 * A blob: version (1 byte), the key's ARN (1 length byte, then UTF-8), IV (12), GCM tag (16), the sealed
 * plaintext. The header (version and ARN) is part of the additional data, so the name cannot be changed either.
 */
const BLOB_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ALGORITHM = 'SYMMETRIC_DEFAULT';
const OPERATIONS = ['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext', 'Encrypt', 'Decrypt'];

interface ParsedBlob {
  readonly keyArn: string;
  readonly header: Buffer;
  readonly iv: Buffer;
  readonly tag: Buffer;
  readonly sealed: Buffer;
}

function parseBlob(blob: Buffer): ParsedBlob | undefined {
  if (blob.length < 2 || blob[0] !== BLOB_VERSION) return undefined;
  const headerEnd = 2 + (blob[1] ?? 0);
  if (blob.length < headerEnd + IV_BYTES + TAG_BYTES) return undefined;
  const keyArn = blob.subarray(2, headerEnd).toString('utf8');
  if (!keyArn.startsWith('arn:aws:kms:')) return undefined;
  return {
    keyArn,
    header: blob.subarray(0, headerEnd),
    iv: blob.subarray(headerEnd, headerEnd + IV_BYTES),
    tag: blob.subarray(headerEnd + IV_BYTES, headerEnd + IV_BYTES + TAG_BYTES),
    sealed: blob.subarray(headerEnd + IV_BYTES + TAG_BYTES),
  };
}

/**
 * The key a ciphertext blob of this stand-in names, as KMS reads it from its own blobs: Decrypt is authorized
 * against this key whatever KeyId the request gives. Undefined for anything that is not such a blob.
 */
export function ciphertextKeyArn(blob: Uint8Array): string | undefined {
  return parseBlob(Buffer.from(blob))?.keyArn;
}

/** The context in one order, whatever order the caller's map had: KMS treats it as a set of pairs. */
function additionalData(header: Buffer, context: Readonly<Record<string, string>>): Buffer {
  const pairs = Object.entries(context).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Buffer.concat([header, Buffer.from(JSON.stringify(pairs), 'utf8')]);
}

function seal(key: MasterKey, plaintext: Buffer, context: Readonly<Record<string, string>>): Buffer {
  const name = Buffer.from(key.arn, 'utf8');
  const header = Buffer.concat([Buffer.from([BLOB_VERSION, name.length]), name]);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.material, iv);
  cipher.setAAD(additionalData(header, context));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, iv, cipher.getAuthTag(), sealed]);
}

/** Undefined when the blob was not sealed under this key with this context, or was changed since. */
function open(
  key: MasterKey,
  blob: ParsedBlob,
  context: Readonly<Record<string, string>>,
): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.material, blob.iv);
    decipher.setAAD(additionalData(blob.header, context));
    decipher.setAuthTag(blob.tag);
    return Buffer.concat([decipher.update(blob.sealed), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** A refusal as KMS answers it: status 400 and `{"__type","message"}`. */
class KmsError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const INVALID_CIPHERTEXT = () =>
  new KmsError(
    'InvalidCiphertextException',
    'The ciphertext, or the encryption context incorporated into it, is corrupted, missing, or otherwise invalid.',
  );

/** The master key of each of the template's keys: read from `directory`, or made (once) and kept there. */
function masterKeys(template: CfnTemplate, directory: string): Map<string, MasterKey> {
  const encryption = readEncryption(template);
  const keys = new Map<string, MasterKey>();
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::KMS::Key') continue;
    const arn = encryption.keyArnOf(logicalId);
    if (arn === undefined) continue;
    const props = resource.Properties ?? {};
    const file = join(directory, `${logicalId}.key`);
    let material: Buffer;
    try {
      material = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      material = randomBytes(32);
      writeFileSync(file, material.toString('base64'), { mode: 0o600, flag: 'wx' });
    }
    if (material.length !== 32) throw new Error(`${file} is not a 256-bit key: start with --fresh`);
    keys.set(arn, {
      logicalId,
      arn,
      enabled: props.Enabled !== false,
      symmetric:
        (props.KeySpec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT' &&
        (props.KeyUsage ?? 'ENCRYPT_DECRYPT') === 'ENCRYPT_DECRYPT',
      material,
    });
  }
  return keys;
}

type Body = Record<string, unknown>;

const validation = (message: string) => new KmsError('ValidationException', message);

/** The SDK sends blobs base64-encoded in the JSON body. */
function blobParameter(body: Body, name: string, maxBytes: number): Buffer {
  const value = body[name];
  if (typeof value !== 'string') {
    throw validation(
      `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`,
    );
  }
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length < 1 || bytes.length > maxBytes) {
    throw validation(
      `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must have length between 1 and ${maxBytes}`,
    );
  }
  return bytes;
}

function contextParameter(body: Body): Record<string, string> {
  const context = body.EncryptionContext ?? {};
  if (
    typeof context !== 'object' ||
    context === null ||
    Array.isArray(context) ||
    Object.values(context).some((value) => typeof value !== 'string')
  ) {
    throw validation('EncryptionContext must be a map of strings to strings');
  }
  return context as Record<string, string>;
}

/** Answers one KMS call on the given keys; throws a KmsError for every refusal. */
function operate(keys: ReadonlyMap<string, MasterKey>, operation: string, body: Body): Body {
  const keyArnOf = (reference: string): string | undefined => {
    // Only keys of this account and region, and no aliases: the template's keys have none locally.
    const local = `arn:aws:kms:${LOCAL_REGION}:${LOCAL_ACCOUNT}:`;
    if (reference.startsWith('arn:') && !reference.startsWith(local)) return undefined;
    if (reference.startsWith('alias/') || reference.includes(':alias/')) return undefined;
    const id = reference.slice(Math.max(reference.lastIndexOf(':'), reference.lastIndexOf('/')) + 1);
    return [...keys.values()].find((key) => key.logicalId === id)?.arn;
  };
  const usableKey = (reference: unknown): MasterKey => {
    if (typeof reference !== 'string' || reference === '') {
      throw validation(
        "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
      );
    }
    const arn = keyArnOf(reference);
    const key = arn === undefined ? undefined : keys.get(arn);
    if (key === undefined) {
      throw new KmsError(
        'NotFoundException',
        reference.includes('alias/')
          ? `Alias ${reference} is not found.`
          : `Key '${reference.startsWith('arn:') ? reference : `arn:aws:kms:${LOCAL_REGION}:${LOCAL_ACCOUNT}:key/${reference}`}' does not exist`,
      );
    }
    if (!key.enabled) throw new KmsError('DisabledException', `${key.arn} is disabled.`);
    if (!key.symmetric) {
      throw new KmsError(
        'InvalidKeyUsageException',
        `${key.arn} key usage is not ENCRYPT_DECRYPT with a SYMMETRIC_DEFAULT key spec`,
      );
    }
    return key;
  };
  const algorithm = body.EncryptionAlgorithm;
  if (algorithm !== undefined && algorithm !== ALGORITHM) {
    throw new KmsError('InvalidKeyUsageException', `${String(algorithm)} is not valid for a symmetric key`);
  }

  switch (operation) {
    case 'GenerateDataKey':
    case 'GenerateDataKeyWithoutPlaintext': {
      const key = usableKey(body.KeyId);
      const { KeySpec: spec, NumberOfBytes: count } = body;
      if ((spec === undefined) === (count === undefined)) {
        throw validation('Please specify either number of bytes or key spec.');
      }
      let length: number;
      if (spec === 'AES_256') length = 32;
      else if (spec === 'AES_128') length = 16;
      else if (spec !== undefined) {
        throw validation(
          `1 validation error detected: Value '${String(spec)}' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]`,
        );
      } else if (typeof count === 'number' && Number.isInteger(count) && count >= 1 && count <= 1024) {
        length = count;
      } else {
        throw validation(
          `1 validation error detected: Value '${String(count)}' at 'numberOfBytes' failed to satisfy constraint: Member must have value between 1 and 1024`,
        );
      }
      const plaintext = randomBytes(length);
      const blob = seal(key, plaintext, contextParameter(body));
      return {
        CiphertextBlob: blob.toString('base64'),
        ...(operation === 'GenerateDataKey' ? { Plaintext: plaintext.toString('base64') } : {}),
        KeyId: key.arn,
      };
    }
    case 'Encrypt': {
      const key = usableKey(body.KeyId);
      const blob = seal(key, blobParameter(body, 'Plaintext', 4096), contextParameter(body));
      return { CiphertextBlob: blob.toString('base64'), KeyId: key.arn, EncryptionAlgorithm: ALGORITHM };
    }
    case 'Decrypt': {
      const parsed = parseBlob(blobParameter(body, 'CiphertextBlob', 6144));
      const context = contextParameter(body);
      if (parsed === undefined) throw INVALID_CIPHERTEXT();
      if (body.KeyId !== undefined) {
        // KeyId does not choose the key (the blob does); it is an assertion, and a wrong one is refused.
        if (usableKey(body.KeyId).arn !== parsed.keyArn) {
          throw new KmsError(
            'IncorrectKeyException',
            'The key ID in the request does not identify a KMS key that can perform this operation.',
          );
        }
      }
      const key = usableKey(parsed.keyArn);
      const plaintext = open(key, parsed, context);
      if (plaintext === undefined) throw INVALID_CIPHERTEXT();
      return { KeyId: key.arn, Plaintext: plaintext.toString('base64'), EncryptionAlgorithm: ALGORITHM };
    }
  }
  throw new KmsError(
    'UnsupportedOperationException',
    `The local KMS stand-in answers ${OPERATIONS.join(', ')} only, not ${operation || 'a request without X-Amz-Target'}`,
  );
}

export async function startKms({
  port,
  directory,
  fresh,
  template,
}: {
  /** 0 picks a free port. */
  port: number;
  /** Where the master keys are kept, `<dataDir>/kms`. */
  directory: string;
  /** Throws the master keys away, and with them everything encrypted under them. */
  fresh: boolean;
  /** Its AWS::KMS::Key resources are the keys. */
  template: CfnTemplate;
}): Promise<LocalKms> {
  await prepareDataDirectory(directory, fresh);
  const keys = masterKeys(template, directory);
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const reply = (status: number, payload: unknown) => {
        response.writeHead(status, {
          'content-type': 'application/x-amz-json-1.1',
          'x-amzn-requestid': randomUUID(),
        });
        response.end(JSON.stringify(payload));
      };
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith('TrentService.') ? target.slice('TrentService.'.length) : '';
      let body: Body;
      try {
        const text = Buffer.concat(chunks).toString('utf8');
        const parsed = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
        body = parsed as Body;
      } catch {
        return reply(400, { __type: 'SerializationException', message: 'Malformed JSON request body' });
      }
      try {
        reply(200, operate(keys, operation, body));
      } catch (error) {
        if (!(error instanceof KmsError)) {
          return reply(500, { __type: 'KMSInternalException', message: String(error) });
        }
        reply(400, { __type: error.type, message: error.message });
      }
    });
  });
  const boundPort = await listen(server, SERVICE, port);
  return {
    endpoint: endpointFor(boundPort),
    keys: [...keys.keys()],
    stop: () => closeServer(server),
  };
}

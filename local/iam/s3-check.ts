/**
 * IAM for the local S3, checked inside the S3 server's request listener (after the signature, before s3rver),
 * not by a proxy: S3 signs the Host header, and presigned URLs reach S3 straight from the browser. The caller
 * is the function whose access key signed the request, by its Authorization header or, for a presigned URL,
 * its X-Amz-Credential: a presigned PUT or GET acts with the role of the function that signed it, as on AWS.
 * Requests signed with the shared local key (tests, set-up, the console's local server) are not checked.
 *
 * S3's own rule for a missing object: GetObject or HeadObject of a key that does not exist answers 404
 * (NoSuchKey) only to a caller allowed s3:ListBucket on the bucket, and 403 AccessDenied to any other, so
 * that a caller cannot learn which keys exist. S3 does not document which `s3:prefix` it evaluates a
 * prefix-conditioned ListBucket grant with here; locally it is the object's key.
 *
 * SSE-KMS: with the template's encryption, a call on an object encrypted with a customer managed key also needs
 * kms:* on that key (s3-requests.ts says which), evaluated with the key policy; S3 answers a KMS refusal with
 * the same 403 AccessDenied and KMS's message. Only calls that reach the object do: a read of a missing key
 * answers 403/404 as above without asking KMS.
 */
import type { IamAuthorizer } from './authorizer';
import { accessKeyIdOf, functionOfAccessKeyId } from './credentials';
import type { Denial } from './proxy';
import type { WireRequest } from './requests';
import { bucketArn, type S3Encryption, s3Call, UnmappedS3RequestError } from './s3-requests';

/** What the check answers instead of S3: always 403 AccessDenied, as S3 answers a denied call. */
export interface S3Refusal {
  readonly status: 403;
  readonly code: 'AccessDenied';
  readonly message: string;
}

/** undefined lets the request through; a refusal is answered as S3's error XML. */
export type S3IamCheck = (
  wire: WireRequest,
  store: { objectExists(bucket: string, key: string): Promise<boolean> },
) => Promise<S3Refusal | undefined>;

/** The operations S3 answers 403 rather than 404 for a missing key, unless the caller may list the bucket. */
const READS = new Set(['GetObject', 'HeadObject', 'GetObjectAttributes']);

export function s3IamCheck({
  authorizer,
  onDenied,
  encryption,
}: {
  authorizer: IamAuthorizer;
  onDenied: (denial: Denial) => void;
  /** The template's SSE-KMS buckets and keys; without it no kms:* is asked for. */
  encryption?: S3Encryption;
}): S3IamCheck {
  return async (wire, store) => {
    const functionLogicalId = functionOfAccessKeyId(accessKeyIdOf(wire.headers, wire.url));
    if (functionLogicalId === undefined) return undefined;
    const role = authorizer.roleOf(functionLogicalId)?.name ?? 'none';
    const refuse = (denial: Denial): S3Refusal => {
      onDenied(denial);
      return { status: 403, code: 'AccessDenied', message: denial.message };
    };
    let call: ReturnType<typeof s3Call>;
    try {
      call = s3Call(wire, encryption);
    } catch (error) {
      if (!(error instanceof UnmappedS3RequestError)) throw error;
      return refuse({ functionLogicalId, role, action: '?', resource: '?', message: error.message });
    }
    const firstRefusal = async (checks: typeof call.checks): Promise<S3Refusal | undefined> => {
      for (const check of checks) {
        const decision = await authorizer.authorize(functionLogicalId, check);
        if (!decision.allowed)
          return refuse({ functionLogicalId, role, ...check, message: decision.message ?? 'Access Denied' });
      }
      return undefined;
    };
    const refusal = await firstRefusal(call.checks);
    if (refusal !== undefined) return refusal;
    if (READS.has(call.operation) && call.bucket !== undefined && call.key !== undefined) {
      if (!(await store.objectExists(call.bucket, call.key))) {
        const list = {
          action: 's3:ListBucket',
          resource: bucketArn(call.bucket),
          conditions: { 's3:prefix': call.key },
        };
        const decision = await authorizer.authorize(functionLogicalId, list);
        if (!decision.allowed) {
          // S3 says only "Access Denied" here; the log says why.
          const denial = { functionLogicalId, role, action: list.action, resource: list.resource };
          onDenied({
            ...denial,
            message: `${decision.message ?? ''} (so a missing key answers 403, not 404)`,
          });
          return { status: 403, code: 'AccessDenied', message: 'Access Denied' };
        }
        // 404 NoSuchKey: S3 never reaches for the key.
        return undefined;
      }
    }
    return firstRefusal(call.kmsChecks);
  };
}

/**
 * Each local function signs its AWS calls with an access key id of its own, derived from its logical id, so the
 * IAM check in front of the emulators knows which execution role a call runs under, as AWS knows it from the
 * role session's temporary credentials. The secret is the shared local one: the emulators check no signature
 * except the local S3, which is given every function's key pair.
 */
import type { IncomingHttpHeaders } from 'node:http';

const PREFIX = 'LOCALFN';
export const LOCAL_SECRET_ACCESS_KEY = 'local';

/** The access key id a function's worker gets as AWS_ACCESS_KEY_ID. Logical ids are alphanumeric. */
export function functionAccessKeyId(functionLogicalId: string): string {
  return `${PREFIX}${functionLogicalId}`;
}

/** The function behind an access key id, or undefined for any other caller (tests, the stack's own set-up). */
export function functionOfAccessKeyId(accessKeyId: string | undefined): string | undefined {
  return accessKeyId?.startsWith(PREFIX) && accessKeyId.length > PREFIX.length
    ? accessKeyId.slice(PREFIX.length)
    : undefined;
}

/** The access key id of a SigV4-signed request: `Authorization: AWS4-HMAC-SHA256 Credential=<id>/<scope>, …`. */
export function accessKeyIdOf(headers: IncomingHttpHeaders, url = '/'): string | undefined {
  const header = /Credential=([^/,\s]+)\//.exec(String(headers.authorization ?? ''))?.[1];
  if (header !== undefined) return header;
  const query = new URL(url, 'http://localhost').searchParams.get('X-Amz-Credential');
  return query?.split('/')[0] || undefined;
}

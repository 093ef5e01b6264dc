/**
 * The secrets of one ID-porten sign-in (docs/id-porten.md section 1). Two random values are made: `state`,
 * which travels through ID-porten and names the flow, and `browserKey`, which stays in the starting
 * browser's cookie. The PKCE verifier and the nonce are derived from both, so the table stores no secret
 * of the flow: whoever reads the flow item cannot finish the sign-in without the cookie.
 */
import { createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export interface FlowSecrets {
  /** 32 random bytes, base64url (43 characters): names the flow at ID-porten and in the callback. */
  readonly state: string;
  /** 32 random bytes, base64url: the cookie's value, known only to the browser that started. */
  readonly browserKey: string;
}

export interface DerivedSecrets {
  /** RFC 7636's code verifier: 43 characters of base64url, the shortest it allows. */
  readonly pkceVerifier: string;
  readonly nonce: string;
}

const STATE_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newFlowSecrets(random: (size: number) => Buffer = randomBytes): FlowSecrets {
  return { state: random(32).toString('base64url'), browserKey: random(32).toString('base64url') };
}

export function deriveFlowSecrets(secrets: FlowSecrets): DerivedSecrets {
  const derive = (info: string) =>
    Buffer.from(hkdfSync('sha256', secrets.browserKey, secrets.state, info, 32)).toString('base64url');
  return { pkceVerifier: derive('personvern eid pkce'), nonce: derive('personvern eid nonce') };
}

/** Whether a callback's `state` has the shape we issue; anything else is refused before a read. */
export const isFlowState = (state: string): boolean => STATE_PATTERN.test(state);

export const hashFlowState = (state: string): string => sha256(`eid-state:${state}`);

export const hashBrowserKey = (browserKey: string): string => sha256(`eid-browser:${browserKey}`);

/** Compares two hex hashes in constant time. */
export function sameBrowser(storedHash: string, browserKey: string | undefined): boolean {
  if (browserKey === undefined) return false;
  const left = Buffer.from(storedHash, 'hex');
  const right = Buffer.from(hashBrowserKey(browserKey), 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

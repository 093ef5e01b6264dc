import { hkdfSync } from 'node:crypto';
import {
  deriveFlowSecrets,
  hashBrowserKey,
  hashFlowState,
  isFlowState,
  newFlowSecrets,
  sameBrowser,
} from '../../../lambdas/domain/eid/flow-secrets';

const BASE64URL_43 = /^[A-Za-z0-9_-]{43}$/;
/** RFC 7636 section 4.1: the code verifier's characters. */
const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

const SECRETS = { state: 'S'.repeat(43), browserKey: 'B'.repeat(43) };

describe('Function: newFlowSecrets', () => {
  it('makes a state and a browser key of 43 base64url characters each, and different', () => {
    // Act
    const secrets = newFlowSecrets();

    // Assess
    expect(secrets.state).toMatch(BASE64URL_43);
    expect(secrets.browserKey).toMatch(BASE64URL_43);
    expect(secrets.state).not.toBe(secrets.browserKey);
  });

  it('takes 32 bytes of randomness for each value', () => {
    // Prepare
    const sizes: number[] = [];
    let fill = 0;
    const random = (size: number) => {
      sizes.push(size);
      fill += 1;
      return Buffer.alloc(size, fill);
    };

    // Act
    const secrets = newFlowSecrets(random);

    // Assess
    expect(sizes).toEqual([32, 32]);
    expect(secrets).toEqual({
      state: Buffer.alloc(32, 1).toString('base64url'),
      browserKey: Buffer.alloc(32, 2).toString('base64url'),
    });
  });

  it('makes new values on every call', () => {
    // Act
    const made = Array.from({ length: 20 }, () => newFlowSecrets());

    // Assess
    expect(new Set(made.map((s) => s.state)).size).toBe(20);
    expect(new Set(made.map((s) => s.browserKey)).size).toBe(20);
  });
});

describe('Function: deriveFlowSecrets', () => {
  it('derives the same verifier and nonce from the same secrets', () => {
    // Act
    const first = deriveFlowSecrets(SECRETS);
    const second = deriveFlowSecrets({ ...SECRETS });

    // Assess
    expect(second).toEqual(first);
  });

  it('derives a PKCE verifier of 43 characters from RFC 7636’s alphabet, and a nonce unlike it', () => {
    // Act
    const derived = deriveFlowSecrets(newFlowSecrets());

    // Assess
    expect(derived.pkceVerifier).toHaveLength(43);
    expect(derived.pkceVerifier).toMatch(PKCE_VERIFIER);
    expect(derived.nonce).toMatch(BASE64URL_43);
    expect(derived.nonce).not.toBe(derived.pkceVerifier);
  });

  it('derives them as docs/id-porten.md says: HKDF-SHA256 of the browser key, salted with the state', () => {
    // Prepare
    const hkdf = (info: string) =>
      Buffer.from(hkdfSync('sha256', SECRETS.browserKey, SECRETS.state, info, 32)).toString('base64url');

    // Act
    const derived = deriveFlowSecrets(SECRETS);

    // Assess
    expect(derived).toEqual({
      pkceVerifier: hkdf('personvern eid pkce'),
      nonce: hkdf('personvern eid nonce'),
    });
  });

  it('derives other values when the state differs', () => {
    // Act
    const base = deriveFlowSecrets(SECRETS);
    const otherState = deriveFlowSecrets({ ...SECRETS, state: 'T'.repeat(43) });

    // Assess
    expect(otherState.pkceVerifier).not.toBe(base.pkceVerifier);
    expect(otherState.nonce).not.toBe(base.nonce);
  });

  it('derives other values when the browser key differs', () => {
    // Act
    const base = deriveFlowSecrets(SECRETS);
    const otherBrowser = deriveFlowSecrets({ ...SECRETS, browserKey: 'C'.repeat(43) });

    // Assess
    expect(otherBrowser.pkceVerifier).not.toBe(base.pkceVerifier);
    expect(otherBrowser.nonce).not.toBe(base.nonce);
  });
});

describe('Function: isFlowState', () => {
  it('accepts the states newFlowSecrets makes', () => {
    // Act
    const accepted = Array.from({ length: 10 }, () => isFlowState(newFlowSecrets().state));

    // Assess
    expect(accepted).toEqual(Array(10).fill(true));
  });

  it.each([
    ['empty', ''],
    ['42 characters', 'a'.repeat(42)],
    ['44 characters', 'a'.repeat(44)],
    ['standard base64 +', `${'a'.repeat(42)}+`],
    ['standard base64 /', `${'a'.repeat(42)}/`],
    ['padding', `${'a'.repeat(42)}=`],
    ['a trailing newline', `${'a'.repeat(43)}\n`],
    ['a space', `${'a'.repeat(21)} ${'a'.repeat(21)}`],
  ])('refuses a state with %s', (_, state) => {
    // Act
    const accepted = isFlowState(state);

    // Assess
    expect(accepted).toBe(false);
  });
});

describe('Functions: hashFlowState and hashBrowserKey', () => {
  it('hash to 64 hex digits, each with its own purpose for the same input', () => {
    // Act
    const asState = hashFlowState(SECRETS.state);
    const asBrowserKey = hashBrowserKey(SECRETS.state);

    // Assess
    expect(asState).toMatch(/^[0-9a-f]{64}$/);
    expect(asBrowserKey).toMatch(/^[0-9a-f]{64}$/);
    expect(asState).not.toBe(asBrowserKey);
    expect(hashFlowState(SECRETS.state)).toBe(asState);
  });
});

describe('Function: sameBrowser', () => {
  const stored = hashBrowserKey(SECRETS.browserKey);

  it('is true for the browser key whose hash was stored', () => {
    // Act
    const same = sameBrowser(stored, SECRETS.browserKey);

    // Assess
    expect(same).toBe(true);
  });

  it('is false for another browser key', () => {
    // Act
    const same = sameBrowser(stored, 'C'.repeat(43));

    // Assess
    expect(same).toBe(false);
  });

  it('is false when the browser sent no key', () => {
    // Act
    const same = sameBrowser(stored, undefined);

    // Assess
    expect(same).toBe(false);
  });

  it('is false, without throwing, for a stored hash of another length', () => {
    // Act
    const same = sameBrowser(stored.slice(0, 32), SECRETS.browserKey);

    // Assess
    expect(same).toBe(false);
  });
});

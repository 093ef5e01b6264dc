import { createHash } from 'node:crypto';
import { jest } from '@jest/globals';
import { type BrowserWindow, challengeFor, cognitoTokenSource, randomToken } from '../../console/src/auth';

const CONFIG = {
  signIn: 'cognito',
  domain: 'https://personvern-test.auth.eu-north-1.amazoncognito.com',
  clientId: 'client-123',
} as const;

/** A browser window at the console's address, with its session storage in a Map. */
function browserAt(url: string) {
  const address = new URL(url);
  const stored = new Map<string, string>();
  const assign = jest.fn<(to: string) => void>();
  const replaceState = jest.fn<(data: unknown, unused: string, to?: string) => void>();
  const browser: BrowserWindow = {
    location: {
      origin: address.origin,
      pathname: address.pathname,
      search: address.search,
      hash: address.hash,
      assign,
    },
    sessionStorage: {
      getItem: (key) => stored.get(key) ?? null,
      setItem: (key, value) => void stored.set(key, value),
      removeItem: (key) => void stored.delete(key),
    },
    history: { replaceState },
  };
  return { browser, stored, assign, replaceState };
}

/** An unsigned id token with these claims: the console reads them for display only. */
const idToken = (claims: Record<string, unknown>) =>
  ['{"alg":"none"}', JSON.stringify(claims)]
    .map((part) => Buffer.from(part).toString('base64url'))
    .join('.') + '.';

describe('PKCE helpers', () => {
  it('makes the S256 challenge as base64url(SHA-256(verifier)), the same as Node computes it', async () => {
    // Prepare
    const verifier = randomToken(32);

    // Act
    const challenge = await challengeFor(verifier);

    // Assess
    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(challenge).toBe(createHash('sha256').update(verifier).digest('base64url'));
  });
});

describe('Function: cognitoTokenSource', () => {
  const originalFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = originalFetch;
  });

  it('sends the browser to the hosted UI with a code challenge, keeping only verifier and state', async () => {
    // Prepare
    const { browser, stored, assign } = browserAt('https://console.example/#/requests/abc');

    // Act
    await cognitoTokenSource(CONFIG, browser).signIn();

    // Assess
    const to = new URL(assign.mock.calls[0]?.[0] ?? '');
    const pending = JSON.parse([...stored.values()][0] ?? '{}');
    expect(`${to.origin}${to.pathname}`).toBe(`${CONFIG.domain}/oauth2/authorize`);
    expect(Object.fromEntries(to.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-123',
      redirect_uri: 'https://console.example/',
      scope: 'openid email profile',
      state: pending.state,
      code_challenge_method: 'S256',
      code_challenge: await challengeFor(pending.verifier),
    });
    expect(pending.hash).toBe('#/requests/abc');
  });

  it('trades the code and the verifier for an id token, then clears the code from the address', async () => {
    // Prepare
    const start = browserAt('https://console.example/');
    await cognitoTokenSource(CONFIG, start.browser).signIn();
    const { state, verifier } = JSON.parse([...start.stored.values()][0] ?? '{}');
    const back = browserAt(`https://console.example/?code=the-code&state=${state}`);
    for (const [key, value] of start.stored) back.stored.set(key, value);
    const posted: { url: string; body: string }[] = [];
    globalThis.fetch = (async (url: string, init: RequestInit) => {
      posted.push({ url, body: String(init.body) });
      const token = idToken({
        'cognito:username': 'kari',
        'cognito:groups': ['privacy-officer'],
        exp: 2_000_000_000,
      });
      return new Response(JSON.stringify({ id_token: token, expires_in: 3600 }), { status: 200 });
    }) as typeof fetch;

    // Act
    const session = await cognitoTokenSource(CONFIG, back.browser).completeSignIn();

    // Assess
    expect(posted[0]?.url).toBe(`${CONFIG.domain}/oauth2/token`);
    expect(Object.fromEntries(new URLSearchParams(posted[0]?.body))).toEqual({
      grant_type: 'authorization_code',
      client_id: 'client-123',
      code: 'the-code',
      redirect_uri: 'https://console.example/',
      code_verifier: verifier,
    });
    expect(session).toMatchObject({
      username: 'kari',
      groups: ['privacy-officer'],
      expiresAt: 2_000_000_000_000,
    });
    expect(back.replaceState).toHaveBeenCalledWith(null, '', '/');
    expect(back.stored.size).toBe(0);
  });

  it('refuses a return whose state does not match, without calling the token endpoint', async () => {
    // Prepare
    const start = browserAt('https://console.example/');
    await cognitoTokenSource(CONFIG, start.browser).signIn();
    const back = browserAt('https://console.example/?code=stolen&state=forged');
    for (const [key, value] of start.stored) back.stored.set(key, value);
    const fetched = jest.fn();
    globalThis.fetch = fetched as unknown as typeof fetch;

    // Act
    const attempt = cognitoTokenSource(CONFIG, back.browser).completeSignIn();

    // Assess
    await expect(attempt).rejects.toMatchObject({ kind: 'credentials' });
    expect(fetched).not.toHaveBeenCalled();
    expect(back.stored.size).toBe(0);
  });

  it('does nothing on an ordinary visit without a code', async () => {
    // Act
    const session = await cognitoTokenSource(
      CONFIG,
      browserAt('https://console.example/').browser,
    ).completeSignIn();

    // Assess
    expect(session).toBeUndefined();
  });
});

import { type CryptoKey, importJWK } from 'jose';
import * as client from 'openid-client';
import { generateClientKey, type LocalIdporten, startLocalIdporten } from '../../../local/idporten/provider';

/**
 * The local ID-porten on its own, driven as the relying party (openid-client) and a browser (fetch with a
 * hand-kept cookie jar) would: the redirect URI is never called, the test stops where the browser would go.
 */

const CLIENT_ID = 'personvern-test';
const REDIRECT_URI = 'http://127.0.0.1:9/eid/callback';
const KARI = '14838512470';
const JONAS = '09890160015';

let idporten: LocalIdporten;
let config: client.Configuration;

// Jest runs each test file in its own realm, but its structuredClone is Node's, whose plain objects and arrays
// belong to the outer realm; oidc-provider then refuses its own clone of the client metadata as "not a plain
// object" (`constructor === Object`). Rebuilding them here behaves as `npm start`, one realm, does.
const outerClone = globalThis.structuredClone;
globalThis.structuredClone = ((value: unknown, options?: Parameters<typeof structuredClone>[1]) =>
  intoThisRealm(outerClone(value, options))) as typeof structuredClone;
function intoThisRealm(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(intoThisRealm);
  if (value !== null && typeof value === 'object' && value.constructor?.name === 'Object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, intoThisRealm(item)]));
  }
  return value;
}

beforeAll(async () => {
  const key = await generateClientKey();
  idporten = await startLocalIdporten({ port: 0 });
  await idporten.register({ clientId: CLIENT_ID, redirectUri: REDIRECT_URI, publicJwk: key.publicJwk });
  const privateKey = (await importJWK(key.privateJwk, 'RS256')) as CryptoKey;
  config = await client.discovery(
    new URL(idporten.issuer),
    CLIENT_ID,
    undefined,
    client.PrivateKeyJwt({ key: privateKey, kid: key.kid }),
    { execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks] },
  );
});

afterAll(async () => {
  await idporten?.close();
});

/** A browser: cookies by name (the provider scopes them by path; sending them all does no harm here). */
class Browser {
  private readonly cookies = new Map<string, string>();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: this.cookieHeader() },
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Follows redirects until the relying party's redirect URI, which is returned unvisited. */
  async followToRedirectUri(start: string): Promise<URL> {
    let url = start;
    for (let hops = 0; hops < 10; hops++) {
      if (url.startsWith(REDIRECT_URI)) return new URL(url);
      const response = await this.request(url);
      const location = response.headers.get('location');
      if (location === null) throw new Error(`${response.status} at ${url} without a redirect`);
      url = new URL(location, url).href;
    }
    throw new Error('Too many redirects');
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

interface Flow {
  readonly browser: Browser;
  readonly checks: { pkceCodeVerifier: string; expectedState: string; expectedNonce: string };
  /** The login page's address. */
  readonly loginPage: string;
}

async function startFlow(params: Record<string, string> = {}): Promise<Flow> {
  const pkceCodeVerifier = client.randomPKCECodeVerifier();
  const expectedState = client.randomState();
  const expectedNonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: 'openid',
    response_type: 'code',
    state: expectedState,
    nonce: expectedNonce,
    code_challenge: await client.calculatePKCECodeChallenge(pkceCodeVerifier),
    code_challenge_method: 'S256',
    acr_values: 'idporten-loa-high',
    ...params,
  });
  const browser = new Browser();
  const response = await browser.request(url.href);
  expect(response.status).toBe(303);
  const loginPage = new URL(response.headers.get('location') ?? '', url).href;
  expect(new URL(loginPage).pathname).toMatch(/^\/interaction\/[A-Za-z0-9_-]+$/);
  return { browser, checks: { pkceCodeVerifier, expectedState, expectedNonce }, loginPage };
}

function postForm(flow: Flow, path: 'login' | 'abort', body: Record<string, string>): Promise<Response> {
  return flow.browser.request(`${flow.loginPage}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body).toString(),
  });
}

/** Signs `pid` in and returns the callback URL the browser is sent to. */
async function signIn(flow: Flow, pid: string): Promise<URL> {
  const page = await flow.browser.request(flow.loginPage);
  expect(page.status).toBe(200);
  const posted = await postForm(flow, 'login', { pid });
  expect(posted.status).toBe(303);
  return flow.browser.followToRedirectUri(new URL(posted.headers.get('location') ?? '', flow.loginPage).href);
}

describe('the local ID-porten', () => {
  it('announces what ID-porten does in its discovery document', async () => {
    const metadata = config.serverMetadata();
    expect(metadata.issuer).toBe(idporten.issuer);
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.acr_values_supported).toEqual(['idporten-loa-substantial', 'idporten-loa-high']);
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(['private_key_jwt']);
    expect(metadata.subject_types_supported).toEqual(expect.arrayContaining(['pairwise']));
    expect(metadata.id_token_signing_alg_values_supported).toContain('RS256');
  });

  it('signs Kari in at level high: the ID token carries pid, acr, amr and the nonce, and is signed', async () => {
    const flow = await startFlow();
    const page = await (await flow.browser.request(flow.loginPage)).text();
    expect(page).toContain('<label for="pid">Personidentifikator</label>');
    expect(page).toContain('>Autentiser</button>');
    expect(page).toContain('>Avbryt</button>');

    const callback = await signIn(flow, KARI);
    expect(callback.searchParams.get('iss')).toBe(idporten.issuer); // RFC 9207
    expect(callback.searchParams.get('state')).toBe(flow.checks.expectedState);

    const tokens = await client.authorizationCodeGrant(config, callback, flow.checks);
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: idporten.issuer,
      aud: CLIENT_ID,
      pid: KARI,
      acr: 'idporten-loa-high',
      amr: ['BankID'],
      nonce: flow.checks.expectedNonce,
      locale: 'nb',
    });
    expect(typeof claims?.auth_time).toBe('number');
    // Pairwise: the relying party never sees the number as `sub`.
    expect(claims?.sub).not.toBe(KARI);
  });

  it('signs Jonas in at level substantial with MinID even when high was asked: refusing is for the relying party', async () => {
    const flow = await startFlow();
    const tokens = await client.authorizationCodeGrant(config, await signIn(flow, JONAS), flow.checks);
    expect(tokens.claims()).toMatchObject({ pid: JONAS, acr: 'idporten-loa-substantial', amr: ['MinID'] });
  });

  it('asks for the user at every sign-in, even in a browser that signed in before', async () => {
    const flow = await startFlow();
    await client.authorizationCodeGrant(config, await signIn(flow, KARI), flow.checks);
    const again = await startFlow();
    const response = await flow.browser.request(
      client
        .buildAuthorizationUrl(config, {
          redirect_uri: REDIRECT_URI,
          scope: 'openid',
          state: again.checks.expectedState,
          nonce: again.checks.expectedNonce,
          code_challenge: await client.calculatePKCECodeChallenge(again.checks.pkceCodeVerifier),
          code_challenge_method: 'S256',
        })
        .toString(),
    );
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location') ?? '', idporten.issuer).pathname).toMatch(
      /^\/interaction\//,
    );
  });

  it('shows the page in English when ui_locales asks for it', async () => {
    const flow = await startFlow({ ui_locales: 'en' });
    const page = await (await flow.browser.request(flow.loginPage)).text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('>Authenticate</button>');
  });

  it('re-renders the page with an error for an unknown or malformed number, escaping what was typed', async () => {
    const flow = await startFlow();
    await flow.browser.request(flow.loginPage);

    const unknown = await postForm(flow, 'login', { pid: '12345678901' });
    expect(unknown.status).toBe(400);
    const unknownPage = await unknown.text();
    expect(unknownPage).toContain('Ingen testbruker har dette nummeret');
    expect(unknownPage).toContain('<label for="pid">Personidentifikator</label>');

    const malformed = await postForm(flow, 'login', { pid: '<script>x</script>' });
    expect(malformed.status).toBe(400);
    const malformedPage = await malformed.text();
    expect(malformedPage).toContain('må være 11 siffer');
    expect(malformedPage).not.toContain('<script>');
    expect(malformedPage).toContain('&lt;script&gt;');

    // The page still works afterwards.
    const tokens = await client.authorizationCodeGrant(config, await signIn(flow, KARI), flow.checks);
    expect(tokens.claims()?.pid).toBe(KARI);
  });

  it('answers a page without its interaction cookie with a plain page, not a stack trace', async () => {
    const flow = await startFlow();
    const response = await fetch(flow.loginPage);
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('start på nytt');
    expect(page).not.toMatch(/at .*\.js:\d+/);
  });

  it('sends access_denied back when the person cancels', async () => {
    const flow = await startFlow();
    await flow.browser.request(flow.loginPage);
    const cancelled = await postForm(flow, 'abort', {});
    expect(cancelled.status).toBe(303);
    const callback = await flow.browser.followToRedirectUri(
      new URL(cancelled.headers.get('location') ?? '', flow.loginPage).href,
    );
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(flow.checks.expectedState);
    expect(callback.searchParams.get('iss')).toBe(idporten.issuer);
    expect(callback.searchParams.has('code')).toBe(false);
  });

  it('refuses a code used a second time (invalid_grant)', async () => {
    const flow = await startFlow();
    const callback = await signIn(flow, KARI);
    await client.authorizationCodeGrant(config, callback, flow.checks);
    await expect(client.authorizationCodeGrant(config, callback, flow.checks)).rejects.toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('refuses the code for a wrong PKCE verifier', async () => {
    const flow = await startFlow();
    const callback = await signIn(flow, KARI);
    await expect(
      client.authorizationCodeGrant(config, callback, {
        ...flow.checks,
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('requires PKCE: a request without code_challenge is sent back with an error', async () => {
    const state = client.randomState();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid',
      state,
      nonce: client.randomNonce(),
    });
    const browser = new Browser();
    const response = await browser.request(url.href);
    const location = new URL(response.headers.get('location') ?? '', idporten.issuer);
    expect(location.href.startsWith(REDIRECT_URI)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('shows its own error page for a redirect URI it does not know', async () => {
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: 'https://attacker.example/cb',
      scope: 'openid',
      code_challenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    });
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    const page = await response.text();
    expect(page).toContain('invalid_redirect_uri');
    expect(page).not.toContain('googleapis');
  });
});

/**
 * Where the console gets its id token. Locally: a username and password posted to the local issuer. On
 * AWS: the Cognito hosted UI, authorization code with PKCE (`config.json`, deployed next to index.html,
 * names the Cognito domain and the app client; without it the console signs in locally).
 *
 * The token lives in this module's memory only: not in localStorage, not in sessionStorage, not in a
 * cookie. A reload, or a new tab, signs in again (on AWS, Cognito's own session cookie makes that one
 * redirect). That is deliberate: a token in storage can be read by any script that ever runs on the
 * origin, and a staff token opens patients' data. The one thing kept across the redirect to Cognito is
 * the PKCE verifier and state, in sessionStorage, deleted on return: useless without the code, and the
 * code is useless without it, once.
 */

export interface Session {
  readonly idToken: string;
  readonly username: string;
  readonly groups: readonly string[];
  /** Milliseconds since the epoch, from the token's `exp`. */
  readonly expiresAt: number;
}

export type TokenSource = PasswordTokenSource | RedirectTokenSource;

export interface PasswordTokenSource {
  readonly kind: 'password';
  /** Signs in with a username and password; rejects with `SignInError` when they are wrong. */
  signIn(username: string, password: string): Promise<Session>;
}

export interface RedirectTokenSource {
  readonly kind: 'redirect';
  /** Leaves for the hosted UI; the browser comes back to the console with a code. */
  signIn(): Promise<void>;
  /** On return from the hosted UI: the session, or undefined when the URL carries no code. */
  completeSignIn(): Promise<Session | undefined>;
  /** Where to send the browser to end the hosted UI's session too. */
  signOutUrl(): string;
}

/** `config.json` on AWS: which Cognito domain and app client the console signs in with. */
export interface SignInConfig {
  readonly signIn: 'cognito';
  /** `https://<prefix>.auth.<region>.amazoncognito.com` */
  readonly domain: string;
  readonly clientId: string;
}

export class SignInError extends Error {
  constructor(readonly kind: 'credentials' | 'network' | 'server') {
    super(kind);
  }
}

/** The local stack's stand-in for Cognito: `POST /local/auth/token` answers `{ idToken, expiresIn }`. */
export function localTokenSource(apiBase: string): PasswordTokenSource {
  return {
    kind: 'password',
    async signIn(username: string, password: string) {
      let response: Response;
      try {
        response = await fetch(`${apiBase}/local/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ username, password }),
        });
      } catch {
        throw new SignInError('network');
      }
      if (response.status === 400 || response.status === 401) throw new SignInError('credentials');
      if (!response.ok) throw new SignInError('server');
      const { idToken, expiresIn } = (await response.json()) as { idToken: string; expiresIn: number };
      return sessionFrom(idToken, Date.now() + expiresIn * 1000);
    },
  };
}

const PENDING_KEY = 'personvern.pkce';

/**
 * The Cognito hosted UI with the authorization code grant and PKCE (RFC 7636, S256). The redirect URI is
 * the console's own address, which the app client lists as its callback (lib/constructs/staff-auth.ts).
 */
/** The parts of `window` the code flow uses, so tests can hand in their own. */
export interface BrowserWindow {
  readonly location: {
    readonly origin: string;
    readonly pathname: string;
    readonly search: string;
    readonly hash: string;
    assign(url: string): void;
  };
  readonly sessionStorage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
  };
  readonly history: { replaceState(data: unknown, unused: string, url?: string): void };
}

export function cognitoTokenSource(config: SignInConfig, browser: BrowserWindow): RedirectTokenSource {
  const { location, sessionStorage: storage, history } = browser;
  const redirectUri = `${location.origin}${location.pathname}`;
  return {
    kind: 'redirect',
    async signIn() {
      const verifier = randomToken(32);
      const state = randomToken(16);
      storage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, hash: location.hash }));
      const query = new URLSearchParams({
        response_type: 'code',
        client_id: config.clientId,
        redirect_uri: redirectUri,
        scope: 'openid email profile',
        state,
        code_challenge_method: 'S256',
        code_challenge: await challengeFor(verifier),
      });
      location.assign(`${config.domain}/oauth2/authorize?${query}`);
    },
    async completeSignIn() {
      const params = new URLSearchParams(location.search);
      const code = params.get('code');
      if (code === null && params.get('error') === null) return undefined;
      const pending = readPending(storage);
      storage.removeItem(PENDING_KEY);
      // The code must not stay in the address bar or the history.
      history.replaceState(null, '', `${location.pathname}${pending?.hash ?? ''}`);
      if (code === null || pending === undefined || params.get('state') !== pending.state) {
        throw new SignInError('credentials');
      }
      let response: Response;
      try {
        response = await fetch(`${config.domain}/oauth2/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            client_id: config.clientId,
            code,
            redirect_uri: redirectUri,
            code_verifier: pending.verifier,
          }),
        });
      } catch {
        throw new SignInError('network');
      }
      if (response.status === 400) throw new SignInError('credentials');
      if (!response.ok) throw new SignInError('server');
      const { id_token: idToken, expires_in: expiresIn } = (await response.json()) as {
        id_token: string;
        expires_in: number;
      };
      return sessionFrom(idToken, Date.now() + expiresIn * 1000);
    },
    signOutUrl() {
      return `${config.domain}/logout?${new URLSearchParams({ client_id: config.clientId, logout_uri: redirectUri })}`;
    },
  };
}

/** Reads `config.json` next to the page; absent (the local stack) means the local sign-in. */
export async function loadSignInConfig(): Promise<SignInConfig | undefined> {
  try {
    const response = await fetch('config.json', { headers: { accept: 'application/json' } });
    if (!response.ok) return undefined;
    const config = (await response.json()) as Partial<SignInConfig>;
    return config.signIn === 'cognito' &&
      typeof config.domain === 'string' &&
      typeof config.clientId === 'string'
      ? (config as SignInConfig)
      : undefined;
  } catch {
    return undefined;
  }
}

function readPending(
  storage: BrowserWindow['sessionStorage'],
): { verifier: string; state: string; hash: string } | undefined {
  try {
    const value = JSON.parse(storage.getItem(PENDING_KEY) ?? 'null') as Record<string, unknown> | null;
    return typeof value?.verifier === 'string' && typeof value.state === 'string'
      ? {
          verifier: value.verifier,
          state: value.state,
          hash: typeof value.hash === 'string' ? value.hash : '',
        }
      : undefined;
  } catch {
    return undefined;
  }
}

/** `bytes` random bytes as base64url: 32 give a 43-character verifier, within RFC 7636's 43–128. */
export function randomToken(bytes: number): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The S256 code challenge: base64url(SHA-256(verifier)). */
export async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** Reads who is signed in from the id token's claims (for display only: the API checks the signature). */
export function sessionFrom(idToken: string, fallbackExpiry: number): Session {
  const claims = readClaims(idToken);
  const groups = claims['cognito:groups'];
  return {
    idToken,
    username: String(claims['cognito:username'] ?? claims.email ?? ''),
    groups: Array.isArray(groups) ? groups.map(String) : typeof groups === 'string' ? groups.split(',') : [],
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : fallbackExpiry,
  };
}

function readClaims(token: string): Record<string, unknown> {
  try {
    const payload = token.split('.')[1] ?? '';
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

let current: Session | undefined;
let expiry: ReturnType<typeof setTimeout> | undefined;

/**
 * The signed-in session, in memory. It ends by itself when the token expires (`onExpired` runs), so the
 * console asks to sign in again at that moment instead of at the next refused call.
 */
export const session = {
  get: (): Session | undefined => current,
  set: (value: Session, onExpired?: () => void): void => {
    current = value;
    clearTimeout(expiry);
    const left = value.expiresAt - Date.now();
    // setTimeout holds at most ~24.8 days; tokens last an hour.
    if (onExpired !== undefined && left < 2 ** 31 - 1) {
      expiry = setTimeout(
        () => {
          current = undefined;
          onExpired();
        },
        Math.max(0, left),
      );
    }
  },
  clear: (): void => {
    current = undefined;
    clearTimeout(expiry);
  },
};

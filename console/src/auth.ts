/**
 * Where the console gets its id token: one small module, so the local sign-in can be swapped for the
 * Cognito hosted UI (authorization code with PKCE) on AWS without touching the views.
 *
 * The token lives in this module's memory only: not in localStorage, not in sessionStorage, not in a
 * cookie. A reload, or a new tab, signs in again. That is deliberate: a token in storage can be read by
 * any script that ever runs on the origin, and a staff token opens patients' data.
 */

export interface Session {
  readonly idToken: string;
  readonly username: string;
  readonly groups: readonly string[];
  /** Milliseconds since the epoch, from the token's `exp`. */
  readonly expiresAt: number;
}

export interface TokenSource {
  /** Signs in with a username and password; rejects with `SignInError` when they are wrong. */
  signIn(username: string, password: string): Promise<Session>;
}

export class SignInError extends Error {
  constructor(readonly kind: 'credentials' | 'network' | 'server') {
    super(kind);
  }
}

/** The local stack's stand-in for Cognito: `POST /local/auth/token` answers `{ idToken, expiresIn }`. */
export function localTokenSource(apiBase: string): TokenSource {
  return {
    async signIn(username, password) {
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

export const session = {
  get: (): Session | undefined => current,
  set: (value: Session): void => {
    current = value;
  },
  clear: (): void => {
    current = undefined;
  },
};

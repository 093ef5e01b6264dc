/**
 * A tiny OpenID provider for the relying party's tests: discovery, keys and a token endpoint, on node:http
 * at port 0. Honest by default, shaped like ID-porten (pid, acr, amr in the ID token; the `iss` response
 * parameter announced), and hostile on request: the test can change the next ID token's claims, sign it
 * with another key under the same `kid`, or have the token endpoint answer invalid_grant, 500 or nothing.
 *
 * It checks what makes an honest exchange meaningful and no more: a `private_key_jwt` assertion for our
 * client (signed with the client's key when the test gives its public half), the code (once), the
 * redirect URI, and the PKCE verifier against the challenge the authorization URL carried. The local
 * provider (local/idporten/) is oidc-provider, the real thing; this one exists to misbehave.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import {
  type CryptoKey,
  decodeJwt,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { closeServer, listen } from '../../local/emulators/ports';

export interface HostileProviderOptions {
  readonly clientId: string;
  /** The client's public key: when given, the client assertion's signature is checked too. */
  readonly clientPublicJwk?: JWK;
}

/** Who signs in at the (imagined) login page; acr defaults to the level the authorization URL asked for. */
export interface SignInAs {
  readonly pid?: string;
  readonly acr?: string;
  readonly amr?: readonly string[];
}

export interface Tampering {
  /** Claims to set in the next ID token; `undefined` removes the claim. */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** `impostor`: sign with another key that claims the same `kid` as the published one. */
  readonly signWith?: 'impostor';
  /** Instead of tokens: an OAuth `invalid_grant`, a bare 500, or no answer at all. */
  readonly answer?: 'invalid_grant' | 'server-error' | 'hang';
}

export interface HostileOidcProvider {
  readonly issuer: string;
  readonly authorizationEndpoint: string;
  /**
   * Plays the login: reads the authorization URL the client built, issues a code, and returns the URL
   * ID-porten would redirect the browser to (`redirect_uri?code&state&iss`).
   */
  authorize(authorizationUrl: string, as?: SignInAs): URL;
  /** Applies to the next token request only. */
  tamperNextToken(tampering: Tampering): void;
  /** While true, every endpoint answers 503 (discovery included). */
  unavailable: boolean;
  /** How many token requests arrived (a check that no request was made). */
  readonly tokenRequests: number;
  stop(): Promise<void>;
}

interface IssuedCode {
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly nonce: string | null;
  readonly pid: string;
  readonly acr: string;
  readonly amr: readonly string[];
  used: boolean;
}

const KID = 'hostile-signing-key';
const DEFAULT_PID = '14838512470';

export async function startHostileOidcProvider(
  options: HostileProviderOptions,
): Promise<HostileOidcProvider> {
  const signing = await generateKeyPair('RS256', { extractable: true });
  const impostor = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = { ...(await exportJWK(signing.publicKey)), kid: KID, alg: 'RS256', use: 'sig' };
  const clientKey = options.clientPublicJwk
    ? ((await importJWK(options.clientPublicJwk, 'RS256')) as CryptoKey)
    : undefined;
  const codes = new Map<string, IssuedCode>();
  let tampering: Tampering = {};
  let tokenRequests = 0;
  let issuer = '';

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        json(response, 500, { error: 'server_error', error_description: String(error) });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', issuer).pathname;
    if (provider.unavailable) return json(response, 503, { error: 'temporarily_unavailable' });
    if (request.method === 'GET' && path === '/.well-known/openid-configuration') {
      return json(response, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['pairwise'],
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
        token_endpoint_auth_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        acr_values_supported: ['idporten-loa-substantial', 'idporten-loa-high'],
        authorization_response_iss_parameter_supported: true,
      });
    }
    if (request.method === 'GET' && path === '/jwks') return json(response, 200, { keys: [publicJwk] });
    if (request.method === 'POST' && path === '/token') {
      tokenRequests++;
      const next = tampering;
      tampering = {};
      return token(new URLSearchParams(await bodyOf(request)), next, response);
    }
    return json(response, 404, { error: 'not_found' });
  }

  async function token(form: URLSearchParams, next: Tampering, response: ServerResponse): Promise<void> {
    if (next.answer === 'hang') return; // the socket stays open until the client gives up or stop()
    if (next.answer === 'server-error') {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('Internal Server Error');
      return;
    }
    if (next.answer === 'invalid_grant') return json(response, 400, { error: 'invalid_grant' });

    if (!(await clientAuthenticated(form))) return json(response, 401, { error: 'invalid_client' });
    const issued = codes.get(form.get('code') ?? '');
    if (form.get('grant_type') !== 'authorization_code' || issued === undefined || issued.used) {
      return json(response, 400, { error: 'invalid_grant' });
    }
    issued.used = true; // one use, even when a later check fails, as a real provider does
    if (form.get('redirect_uri') !== issued.redirectUri)
      return json(response, 400, { error: 'invalid_grant' });
    if (s256(form.get('code_verifier') ?? '') !== issued.codeChallenge) {
      return json(response, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
    }

    const now = Math.floor(Date.now() / 1000);
    const claims: Record<string, unknown> = {
      iss: issuer,
      aud: options.clientId,
      sub: createHash('sha256').update(`pairwise:${issued.pid}`).digest('base64url'),
      iat: now,
      exp: now + 120,
      auth_time: now,
      ...(issued.nonce === null ? {} : { nonce: issued.nonce }),
      acr: issued.acr,
      amr: [...issued.amr],
      pid: issued.pid,
      locale: 'nb',
      sid: randomBytes(8).toString('hex'),
    };
    for (const [name, value] of Object.entries(next.claims ?? {})) {
      if (value === undefined) delete claims[name];
      else claims[name] = value;
    }
    const key = next.signWith === 'impostor' ? impostor.privateKey : signing.privateKey;
    const idToken = await new SignJWT(claims as JWTPayload)
      .setProtectedHeader({ alg: 'RS256', kid: KID, typ: 'JWT' })
      .sign(key);
    return json(response, 200, {
      access_token: randomBytes(16).toString('base64url'),
      token_type: 'Bearer',
      expires_in: 120,
      scope: 'openid',
      id_token: idToken,
    });
  }

  async function clientAuthenticated(form: URLSearchParams): Promise<boolean> {
    const assertion = form.get('client_assertion');
    if (form.get('client_id') !== options.clientId || assertion === null) return false;
    if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
      return false;
    }
    try {
      const claims = clientKey ? (await jwtVerify(assertion, clientKey)).payload : decodeJwt(assertion);
      return claims.iss === options.clientId && claims.sub === options.clientId;
    } catch {
      return false;
    }
  }

  const port = await listen(server, 'Hostile OIDC provider', 0);
  issuer = `http://127.0.0.1:${port}`;

  const provider: HostileOidcProvider = {
    issuer,
    authorizationEndpoint: `${issuer}/authorize`,
    unavailable: false,
    get tokenRequests() {
      return tokenRequests;
    },

    authorize(authorizationUrl, as = {}) {
      const url = new URL(authorizationUrl);
      const query = url.searchParams;
      if (`${url.origin}${url.pathname}` !== provider.authorizationEndpoint) {
        throw new Error(`Not this provider's authorization endpoint: ${url.origin}${url.pathname}`);
      }
      if (query.get('client_id') !== options.clientId || query.get('response_type') !== 'code') {
        throw new Error('The authorization request names another client or response type');
      }
      const redirectUri = query.get('redirect_uri');
      const codeChallenge = query.get('code_challenge');
      if (redirectUri === null || codeChallenge === null || query.get('code_challenge_method') !== 'S256') {
        throw new Error('The authorization request lacks redirect_uri or an S256 code challenge');
      }
      const code = randomBytes(24).toString('base64url');
      codes.set(code, {
        redirectUri,
        codeChallenge,
        nonce: query.get('nonce'),
        pid: as.pid ?? DEFAULT_PID,
        acr: as.acr ?? query.get('acr_values')?.split(' ').at(-1) ?? 'idporten-loa-high',
        amr: as.amr ?? ['TestID'],
        used: false,
      });
      const callback = new URL(redirectUri);
      callback.searchParams.set('code', code);
      const state = query.get('state');
      if (state !== null) callback.searchParams.set('state', state);
      callback.searchParams.set('iss', issuer);
      return callback;
    },

    tamperNextToken(next) {
      tampering = next;
    },

    stop: () => closeServer(server),
  };
  return provider;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

function bodyOf(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => resolve(body));
    request.on('error', reject);
  });
}

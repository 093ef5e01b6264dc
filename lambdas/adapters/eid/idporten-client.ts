/**
 * The relying party: EidProvider on openid-client 6.9.1 (docs/id-porten.md sections 1-3). It builds the
 * authorization URL for the start route and, in the callback, redeems the code with `private_key_jwt`,
 * has openid-client check the authorization response and the ID token (with the signature check turned
 * on), then makes the claim checks openid-client does not (domain/eid/id-token-claims.ts).
 *
 * Every failure becomes an EidRefusedError whose code is the library's error code (plus the claim, the
 * OAuth error or the HTTP status where there is one), never a token, a claim value, the code or the
 * state. openid-client's own errors carry the claims in their `cause`, so they are never passed on.
 */
import type { webcrypto } from 'node:crypto';
import * as client from 'openid-client';
import { checkIdTokenClaims } from '../../domain/eid/id-token-claims';
import {
  ACR_OF,
  type EidAuthorizationRequest,
  type EidExpectations,
  type EidProvider,
  EidRefusedError,
  type EidSignIn,
} from '../../domain/eid/provider';

/** The client's private key, as the IdportenClient secret holds it (client-key.ts). */
export interface EidClientKey {
  readonly kid: string;
  readonly privateJwk: webcrypto.JsonWebKey;
}

export interface IdportenClientOptions {
  /** `https://test.idporten.no`, or `http:` on a loopback host for the local provider. */
  readonly issuer: string;
  readonly clientId: string;
  /** Registered with ID-porten: `${PUBLIC_BASE_URL}/eid/callback`. */
  readonly redirectUri: string;
  /** Needed by exchange only, so the start route runs without the secret. */
  readonly clientKey?: () => Promise<EidClientKey>;
  readonly now?: () => Date;
  /** Per call to ID-porten (discovery, token, keys). A cold callback makes all three in turn. */
  readonly timeoutSeconds?: number;
}

const DEFAULT_TIMEOUT_SECONDS = 5;
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function idportenClient(options: IdportenClientOptions): EidProvider {
  const issuer = issuerUrl(options.issuer);
  const redirectUri = new URL(options.redirectUri);
  const { clientId, clientKey } = options;
  const now = options.now ?? (() => new Date());
  const timeout = options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  // Only a loopback issuer reaches here with http: (issuerUrl refuses any other), so this is configuration
  // for the local provider, not a local-mode branch.
  const insecure = issuer.protocol === 'http:';

  // Lazily, not at module top: a cold start must not fail because ID-porten is slow.
  const discover = keptUntilFailure(() =>
    client
      .discovery(issuer, clientId, undefined, client.None(), {
        timeout,
        execute: insecure ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        throw new EidRefusedError('try-later', `discovery:${libraryCode(error)}`);
      }),
  );

  /** The discovered metadata with our key: `private_key_jwt` at the token endpoint, signatures checked. */
  const authenticatedConfiguration = keptUntilFailure(async () => {
    if (clientKey === undefined) throw new Error('The ID-porten client has no key to redeem a code with');
    const metadata = (await discover()).serverMetadata();
    // No key yet (the secret is filled by `personvern idporten keygen` after the deploy) or a broken one:
    // the person is told to try later, not shown a 500; the code in the log tells operators why.
    const { kid, key } = await clientKey()
      .then(async ({ kid, privateJwk }) => ({ kid, key: await importPrivateKey(privateJwk) }))
      .catch(() => {
        throw new EidRefusedError('try-later', 'client-key');
      });
    const config = new client.Configuration(
      metadata,
      clientId,
      undefined,
      client.PrivateKeyJwt({ key, kid }),
    );
    config.timeout = timeout;
    // Off by default in 6.9.1 (it trusts TLS to the token endpoint); the issue requires the check.
    client.enableNonRepudiationChecks(config);
    if (insecure) client.allowInsecureRequests(config);
    return config;
  });

  return {
    async authorizationUrl(request: EidAuthorizationRequest): Promise<string> {
      const config = await discover();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri.href,
        response_type: 'code',
        scope: 'openid',
        state: request.state,
        nonce: request.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(request.pkceVerifier),
        code_challenge_method: 'S256',
        acr_values: ACR_OF[request.level],
        ui_locales: request.lang,
      });
      return url.href;
    },

    async exchange(callbackUrl: URL, expected: EidExpectations): Promise<EidSignIn> {
      const config = await authenticatedConfiguration();
      // openid-client sends this URL without its query as redirect_uri, so it is built from our registered
      // URI and only the query is taken from the callback.
      const currentUrl = new URL(redirectUri);
      currentUrl.search = callbackUrl.search;
      let claims: client.IDToken | undefined;
      try {
        const tokens = await client.authorizationCodeGrant(config, currentUrl, {
          pkceCodeVerifier: expected.pkceVerifier,
          expectedState: expected.state,
          expectedNonce: expected.nonce,
          idTokenExpected: true,
        });
        claims = tokens.claims();
      } catch (error) {
        throw refusalOf(error);
      }
      return checkIdTokenClaims(claims, { level: expected.level, clientId, now: now() });
    },
  };
}

/** The first success is kept for the container's life; a failure is forgotten, so the next call tries again. */
function keptUntilFailure<T>(load: () => Promise<T>): () => Promise<T> {
  let kept: Promise<T> | undefined;
  return () => {
    if (kept === undefined) {
      const attempt = load().catch((error: unknown) => {
        if (kept === attempt) kept = undefined;
        throw error;
      });
      kept = attempt;
    }
    return kept;
  };
}

function issuerUrl(value: string): URL {
  const url = new URL(value);
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  throw new Error(`The ID-porten issuer must use https (or http on a loopback host), not ${url.origin}`);
}

/** The keygen command makes an RS256 pair (docs/id-porten.md section 2); RS256 is what Digdir accepts. */
function importPrivateKey(jwk: webcrypto.JsonWebKey): Promise<webcrypto.CryptoKey> {
  if (jwk.kty !== 'RSA' || jwk.d === undefined) {
    throw new Error('The ID-porten client key must be a private RSA JWK');
  }
  return crypto.subtle.importKey('jwk', jwk, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
}

function refusalOf(error: unknown): EidRefusedError {
  if (error instanceof EidRefusedError) return error;
  // An error response in the callback (the caller handles access_denied before exchange).
  if (error instanceof client.AuthorizationResponseError) {
    return new EidRefusedError('not-accepted', `${error.code}:${oauthError(error.error)}`);
  }
  // A 4xx with an OAuth error from the token endpoint: invalid_grant for a reused or expired code.
  if (error instanceof client.ResponseBodyError) {
    return new EidRefusedError('not-accepted', `${error.code}:${oauthError(error.error)}`);
  }
  const code = libraryCode(error);
  if (code === 'network' || code === 'OAUTH_TIMEOUT' || code === 'OAUTH_ABORT') {
    return new EidRefusedError('try-later', code);
  }
  const status = statusOf(error);
  if (status !== undefined) {
    return new EidRefusedError(
      status >= 500 || status === 429 ? 'try-later' : 'not-accepted',
      `${code}:${status}`,
    );
  }
  const detail = claimOf(error) ?? checkOf(error);
  return new EidRefusedError('not-accepted', detail === undefined ? code : `${code}:${detail}`);
}

/**
 * openid-client's code, or `network` when fetch itself failed: fetch rejects with a TypeError without a
 * code, which openid-client passes on as it is, or wraps in a ClientError without a code when the
 * TypeError comes from another realm (jest's VM modules). Hence the checks by shape, not instanceof.
 */
function libraryCode(error: unknown): string {
  if (error instanceof EidRefusedError) return error.code;
  const code = field(error, 'code');
  if (code === undefined && [error, field(error, 'cause')].some(isFetchFailure)) return 'network';
  return typeof code === 'string' && /^[A-Za-z_]{1,64}$/.test(code) ? code : 'unknown';
}

function isFetchFailure(error: unknown): boolean {
  return field(error, 'name') === 'TypeError' && field(error, 'code') === undefined;
}

/** The HTTP status of an unexpected response: openid-client puts the Response in the cause. */
function statusOf(error: unknown): number | undefined {
  const cause = field(error, 'cause');
  const status = cause instanceof Response ? cause.status : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** The claim openid-client names in a claim or timestamp check (`nonce`, `aud`, `exp`): a name, not a value. */
function claimOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current !== undefined && depth < 3; depth++) {
    const claim = field(field(current, 'cause'), 'claim');
    if (typeof claim === 'string') return /^[a-z_]{1,32}$/.test(claim) ? claim : undefined;
    current = field(current, 'cause');
  }
  return undefined;
}

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null && name in value
    ? (value as Record<string, unknown>)[name]
    : undefined;
}

/**
 * OAUTH_INVALID_RESPONSE covers several checks that openid-client tells apart only by message. Named
 * here so the log says which one failed; an unlisted message (another version) gives the bare code.
 */
const CHECKS_BY_MESSAGE: ReadonlyMap<string, string> = new Map([
  ['JWT signature verification failed', 'signature'],
  ['unexpected "iss" (issuer) response parameter value', 'iss-parameter'],
  ['response parameter "iss" (issuer) missing', 'iss-parameter'],
  ['unexpected "state" response parameter value', 'state'],
  ['response parameter "state" missing', 'state'],
]);

function checkOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current !== undefined && depth < 3; depth++) {
    const message = field(current, 'message');
    const check = typeof message === 'string' ? CHECKS_BY_MESSAGE.get(message) : undefined;
    if (check !== undefined) return check;
    current = field(current, 'cause');
  }
  return undefined;
}

/**
 * The OAuth error codes of RFC 6749, OpenID Connect Core and RFC 9449. The `error` parameter of a callback
 * is whatever its sender put there, so only a registered code reaches the log.
 */
const OAUTH_ERRORS = new Set([
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'unsupported_response_type',
  'invalid_scope',
  'access_denied',
  'server_error',
  'temporarily_unavailable',
  'interaction_required',
  'login_required',
  'account_selection_required',
  'consent_required',
  'invalid_request_uri',
  'invalid_request_object',
  'request_not_supported',
  'request_uri_not_supported',
  'registration_not_supported',
  'invalid_dpop_proof',
  'use_dpop_nonce',
]);

function oauthError(value: unknown): string {
  return typeof value === 'string' && OAUTH_ERRORS.has(value) ? value : 'other';
}

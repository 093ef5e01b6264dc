import { randomUUID } from 'node:crypto';
import {
  type CryptoKey,
  exportJWK,
  type GenerateKeyPairResult,
  generateKeyPair,
  type JSONWebKeySet,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from 'jose';
import { LOCAL_REGION } from '../template/intrinsics';
import type { LocalStaffUser } from './users';

/** Shaped like a Cognito user pool's issuer; nothing fetches it. */
export const LOCAL_ISSUER = `https://cognito-idp.${LOCAL_REGION}.amazonaws.com/${LOCAL_REGION}_PersonvernLocal`;
/** The `aud` of local id tokens, standing in for the staff console's app client id. */
export const LOCAL_CLIENT_ID = 'personvern-local-staff-console';
/** As the deployed app client: id tokens are valid for one hour. */
export const ID_TOKEN_LIFETIME_SECONDS = 3600;

/** The claims of a Cognito id token, as the token carries them (numbers are seconds, groups an array). */
export interface IdTokenClaims extends JWTPayload {
  readonly sub: string;
  readonly iss: string;
  readonly aud: string;
  readonly token_use: 'id';
  readonly 'cognito:username': string;
  readonly 'cognito:groups'?: string[];
  readonly email: string;
  readonly email_verified: boolean;
  readonly auth_time: number;
  readonly iat: number;
  readonly exp: number;
}

export interface LocalIssuerOptions {
  readonly issuer?: string;
  readonly clientId?: string;
  /** A key pair to sign with (tests); by default a fresh RS256 pair, so tokens die with the process. */
  readonly keyPair?: GenerateKeyPairResult;
  readonly now?: () => Date;
}

/** Signs and checks id tokens for the seeded development users, the way the staff user pool would. */
export interface LocalIssuer {
  readonly issuer: string;
  readonly clientId: string;
  /** The public key, for clients that want to check tokens themselves (`GET /local/auth/jwks.json`). */
  readonly jwks: JSONWebKeySet;
  signIdToken(user: LocalStaffUser, options?: { readonly issuedAt?: Date }): Promise<string>;
  /**
   * What API Gateway's Cognito authorizer checks: RS256 signature by this issuer's key, `iss`, `aud`,
   * `exp` and `token_use: id`. Throws when any of them fails.
   */
  verifyIdToken(token: string): Promise<IdTokenClaims>;
}

export async function createLocalIssuer(options: LocalIssuerOptions = {}): Promise<LocalIssuer> {
  const issuer = options.issuer ?? LOCAL_ISSUER;
  const clientId = options.clientId ?? LOCAL_CLIENT_ID;
  const now = options.now ?? (() => new Date());
  const { privateKey, publicKey } =
    options.keyPair ?? (await generateKeyPair('RS256', { extractable: true }));
  const kid = randomUUID();
  const jwk = await exportJWK(publicKey as CryptoKey);
  return {
    issuer,
    clientId,
    jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] },

    async signIdToken(user, { issuedAt = now() } = {}) {
      const iat = Math.floor(issuedAt.getTime() / 1000);
      return new SignJWT({
        ...(user.groups.length > 0 ? { 'cognito:groups': [...user.groups] } : {}),
        email_verified: true,
        'cognito:username': user.username,
        origin_jti: randomUUID(),
        event_id: randomUUID(),
        token_use: 'id',
        auth_time: iat,
        email: user.email,
      })
        .setProtectedHeader({ alg: 'RS256', kid })
        .setSubject(user.sub)
        .setIssuer(issuer)
        .setAudience(clientId)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ID_TOKEN_LIFETIME_SECONDS)
        .setJti(randomUUID())
        .sign(privateKey);
    },

    async verifyIdToken(token) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer,
        audience: clientId,
        algorithms: ['RS256'],
        currentDate: now(),
        requiredClaims: ['sub', 'exp', 'iat', 'token_use', 'cognito:username'],
      });
      if (payload.token_use !== 'id') throw new Error(`token_use is ${String(payload.token_use)}, not id`);
      return payload as IdTokenClaims;
    },
  };
}

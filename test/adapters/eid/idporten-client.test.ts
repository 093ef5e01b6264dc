/**
 * The relying party against a provider that misbehaves on request (test/support/hostile-oidc-provider.ts):
 * an honest sign-in, then each way a callback or a token response can be wrong, and the refusal each
 * one gives. Everything goes through the adapter's two calls, as the handlers make them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { type EidClientKey, idportenClient } from '../../../lambdas/adapters/eid/idporten-client';
import {
  type EidLevel,
  type EidProvider,
  EidRefusedError,
  type EidSignIn,
} from '../../../lambdas/domain/eid/provider';
import {
  type HostileOidcProvider,
  type SignInAs,
  startHostileOidcProvider,
  type Tampering,
} from '../../support/hostile-oidc-provider';

const CLIENT_ID = 'personvern-test';
const REDIRECT_URI = 'https://personvern.example/eid/callback';
const PID = '14838512470';

let provider: HostileOidcProvider;
let clientKey: EidClientKey;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  clientKey = { kid: 'client-key-1', privateJwk: await exportJWK(pair.privateKey) };
  provider = await startHostileOidcProvider({
    clientId: CLIENT_ID,
    clientPublicJwk: await exportJWK(pair.publicKey),
  });
});

afterAll(async () => {
  await provider.stop();
});

function relyingParty(issuer = provider.issuer): EidProvider {
  return idportenClient({
    issuer,
    clientId: CLIENT_ID,
    redirectUri: REDIRECT_URI,
    clientKey: async () => clientKey,
    timeoutSeconds: 1,
  });
}

function flowSecrets() {
  return {
    state: randomBytes(32).toString('base64url'),
    nonce: randomBytes(32).toString('base64url'),
    pkceVerifier: randomBytes(32).toString('base64url'),
  };
}

interface Scenario {
  readonly level?: EidLevel;
  readonly as?: SignInAs;
  readonly tamper?: Tampering;
  readonly editCallback?: (callback: URL) => void;
  readonly expectState?: string;
}

/** Start, sign in at the provider, come back: the whole flow as the two routes run it. */
async function signIn(eid: EidProvider, scenario: Scenario = {}): Promise<EidSignIn> {
  const level = scenario.level ?? 'high';
  const secrets = flowSecrets();
  const callback = provider.authorize(
    await eid.authorizationUrl({ ...secrets, level, lang: 'nb' }),
    scenario.as,
  );
  scenario.editCallback?.(callback);
  if (scenario.tamper) provider.tamperNextToken(scenario.tamper);
  return eid.exchange(callback, { ...secrets, level, state: scenario.expectState ?? secrets.state });
}

async function refusalOf(attempt: Promise<unknown>): Promise<EidRefusedError> {
  try {
    await attempt;
  } catch (error) {
    if (error instanceof EidRefusedError) return error;
    throw error;
  }
  throw new Error('expected the sign-in to be refused');
}

describe('Function: idportenClient', () => {
  describe('authorizationUrl', () => {
    it('asks for a code with every parameter ID-porten needs, and a valid S256 challenge', async () => {
      // Prepare
      const secrets = flowSecrets();

      // Act
      const url = new URL(await relyingParty().authorizationUrl({ ...secrets, level: 'high', lang: 'en' }));

      // Assess
      expect(`${url.origin}${url.pathname}`).toBe(provider.authorizationEndpoint);
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: CLIENT_ID,
        redirect_uri: REDIRECT_URI,
        response_type: 'code',
        scope: 'openid',
        state: secrets.state,
        nonce: secrets.nonce,
        code_challenge: createHash('sha256').update(secrets.pkceVerifier).digest('base64url'),
        code_challenge_method: 'S256',
        acr_values: 'idporten-loa-high',
        ui_locales: 'en',
      });
    });

    it('asks for substantial when that is the level, and needs no client key', async () => {
      // Prepare
      const eid = idportenClient({ issuer: provider.issuer, clientId: CLIENT_ID, redirectUri: REDIRECT_URI });

      // Act
      const url = new URL(await eid.authorizationUrl({ ...flowSecrets(), level: 'substantial', lang: 'nb' }));

      // Assess
      expect(url.searchParams.get('acr_values')).toBe('idporten-loa-substantial');
      expect(url.searchParams.get('ui_locales')).toBe('nb');
    });

    it('answers try-later while discovery fails, and discovers again on the next request', async () => {
      // Prepare
      const eid = relyingParty();
      provider.unavailable = true;

      // Act
      const refused = await refusalOf(eid.authorizationUrl({ ...flowSecrets(), level: 'high', lang: 'nb' }));
      provider.unavailable = false;
      const url = await eid.authorizationUrl({ ...flowSecrets(), level: 'high', lang: 'nb' });

      // Assess
      expect(refused).toMatchObject({ reason: 'try-later', code: 'discovery:OAUTH_RESPONSE_IS_NOT_CONFORM' });
      expect(url).toContain(provider.authorizationEndpoint);
    });
  });

  describe('exchange', () => {
    it('gives the number, the level and the methods of an honest sign-in', async () => {
      // Act
      const result = await signIn(relyingParty(), { as: { pid: PID, amr: ['BankID'] } });

      // Assess
      expect(result).toEqual({ pid: PID, level: 'high', amr: ['BankID'] });
    });

    it('accepts high when substantial was asked, and says high', async () => {
      // Act
      const result = await signIn(relyingParty(), { level: 'substantial', as: { acr: 'idporten-loa-high' } });

      // Assess
      expect(result.level).toBe('high');
    });

    it('refuses substantial when high was asked, as too low a level', async () => {
      // Act
      const refused = await refusalOf(signIn(relyingParty(), { as: { acr: 'idporten-loa-substantial' } }));

      // Assess
      expect(refused).toMatchObject({ reason: 'level-too-low', code: 'claim-acr' });
    });

    it.each<[string, Scenario, string]>([
      [
        'a token signed by another key with the same kid',
        { tamper: { signWith: 'impostor' } },
        'OAUTH_INVALID_RESPONSE:signature',
      ],
      [
        'a wrong nonce',
        { tamper: { claims: { nonce: 'another-flows-nonce' } } },
        'OAUTH_JWT_CLAIM_COMPARISON_FAILED:nonce',
      ],
      ['no nonce', { tamper: { claims: { nonce: undefined } } }, 'OAUTH_INVALID_RESPONSE'],
      [
        'another audience',
        { tamper: { claims: { aud: 'another-client' } } },
        'OAUTH_JWT_CLAIM_COMPARISON_FAILED:aud',
      ],
      [
        'azp of another client (one audience)',
        { tamper: { claims: { azp: 'another-client' } } },
        'claim-azp',
      ],
      [
        'azp of another client (two audiences)',
        { tamper: { claims: { aud: [CLIENT_ID, 'another-client'], azp: 'another-client' } } },
        'OAUTH_JWT_CLAIM_COMPARISON_FAILED:azp',
      ],
      [
        'another issuer in the token',
        { tamper: { claims: { iss: 'https://idporten.example' } } },
        'OAUTH_JWT_CLAIM_COMPARISON_FAILED:iss',
      ],
      [
        'an expired token',
        { tamper: { claims: { exp: Math.floor(Date.now() / 1000) - 120 } } },
        'OAUTH_JWT_TIMESTAMP_CHECK_FAILED:exp',
      ],
      [
        'a token issued an hour ago',
        { tamper: { claims: { iat: Math.floor(Date.now() / 1000) - 3600 } } },
        'claim-iat',
      ],
      ['a pid that is not eleven digits', { tamper: { claims: { pid: '1483851247' } } }, 'claim-pid'],
      ['no acr', { tamper: { claims: { acr: undefined } } }, 'claim-acr'],
      [
        'an invalid_grant answer',
        { tamper: { answer: 'invalid_grant' } },
        'OAUTH_RESPONSE_BODY_ERROR:invalid_grant',
      ],
    ])('refuses %s', async (_, scenario, code) => {
      // Act
      const refused = await refusalOf(signIn(relyingParty(), scenario));

      // Assess
      expect(refused).toMatchObject({ reason: 'not-accepted', code });
    });

    it.each<[string, (callback: URL) => void]>([
      ['another issuer', (callback) => callback.searchParams.set('iss', 'https://idporten.example')],
      ['no issuer', (callback) => callback.searchParams.delete('iss')],
    ])('refuses a callback whose iss parameter names %s, before redeeming the code', async (_, edit) => {
      // Prepare
      const before = provider.tokenRequests;

      // Act
      const refused = await refusalOf(signIn(relyingParty(), { editCallback: edit }));

      // Assess
      expect(refused).toMatchObject({ reason: 'not-accepted', code: 'OAUTH_INVALID_RESPONSE:iss-parameter' });
      expect(provider.tokenRequests).toBe(before);
    });

    it('refuses a callback whose state is not the flow’s', async () => {
      // Act
      const refused = await refusalOf(signIn(relyingParty(), { expectState: flowSecrets().state }));

      // Assess
      expect(refused).toMatchObject({ reason: 'not-accepted', code: 'OAUTH_INVALID_RESPONSE:state' });
    });

    it('refuses an error response in the callback with its OAuth code, and only a registered one', async () => {
      // Prepare
      const eid = relyingParty();
      const secrets = flowSecrets();
      const callback = (error: string) =>
        new URL(
          `${REDIRECT_URI}?${new URLSearchParams({ error, state: secrets.state, iss: provider.issuer })}`,
        );

      // Act
      const cancelled = await refusalOf(
        eid.exchange(callback('access_denied'), { ...secrets, level: 'high' }),
      );
      const forged = await refusalOf(eid.exchange(callback(PID), { ...secrets, level: 'high' }));

      // Assess
      expect(cancelled).toMatchObject({ code: 'OAUTH_AUTHORIZATION_RESPONSE_ERROR:access_denied' });
      expect(forged).toMatchObject({
        reason: 'not-accepted',
        code: 'OAUTH_AUTHORIZATION_RESPONSE_ERROR:other',
      });
    });

    it('refuses a code used a second time', async () => {
      // Prepare
      const eid = relyingParty();
      const secrets = flowSecrets();
      const callback = provider.authorize(
        await eid.authorizationUrl({ ...secrets, level: 'high', lang: 'nb' }),
      );
      await eid.exchange(callback, { ...secrets, level: 'high' });

      // Act
      const refused = await refusalOf(eid.exchange(callback, { ...secrets, level: 'high' }));

      // Assess
      expect(refused).toMatchObject({
        reason: 'not-accepted',
        code: 'OAUTH_RESPONSE_BODY_ERROR:invalid_grant',
      });
    });

    it('refuses a code redeemed with another flow’s PKCE verifier', async () => {
      // Prepare
      const eid = relyingParty();
      const secrets = flowSecrets();
      const callback = provider.authorize(
        await eid.authorizationUrl({ ...secrets, level: 'high', lang: 'nb' }),
      );

      // Act
      const refused = await refusalOf(
        eid.exchange(callback, { ...secrets, pkceVerifier: flowSecrets().pkceVerifier, level: 'high' }),
      );

      // Assess
      expect(refused).toMatchObject({
        reason: 'not-accepted',
        code: 'OAUTH_RESPONSE_BODY_ERROR:invalid_grant',
      });
    });

    it('puts no token, claim, code, state or nonce into the refusal', async () => {
      // Prepare
      const eid = relyingParty();
      const secrets = flowSecrets();
      const callback = provider.authorize(
        await eid.authorizationUrl({ ...secrets, level: 'high', lang: 'nb' }),
      );
      provider.tamperNextToken({ claims: { nonce: 'another-flows-nonce' } });

      // Act
      const refused = await refusalOf(eid.exchange(callback, { ...secrets, level: 'high' }));

      // Assess
      const said = `${refused.message} ${refused.code} ${refused.stack} ${JSON.stringify(refused)}`;
      for (const secret of [
        PID,
        secrets.state,
        secrets.nonce,
        'another-flows-nonce',
        callback.searchParams.get('code'),
      ]) {
        expect(said).not.toContain(secret);
      }
      expect(refused.cause).toBeUndefined();
    });

    it('answers try-later when the token endpoint fails with a 500', async () => {
      // Act
      const refused = await refusalOf(signIn(relyingParty(), { tamper: { answer: 'server-error' } }));

      // Assess
      expect(refused).toMatchObject({ reason: 'try-later', code: 'OAUTH_RESPONSE_IS_NOT_CONFORM:500' });
    });

    it('answers try-later when the token endpoint does not answer in time', async () => {
      // Act
      const refused = await refusalOf(signIn(relyingParty(), { tamper: { answer: 'hang' } }));

      // Assess
      expect(refused).toMatchObject({ reason: 'try-later', code: 'OAUTH_TIMEOUT' });
    });

    it('answers try-later when the provider cannot be reached after the start', async () => {
      // Prepare
      const gone = await startHostileOidcProvider({ clientId: CLIENT_ID });
      const eid = relyingParty(gone.issuer);
      const secrets = flowSecrets();
      const callback = gone.authorize(await eid.authorizationUrl({ ...secrets, level: 'high', lang: 'nb' }));
      await gone.stop();

      // Act
      const refused = await refusalOf(eid.exchange(callback, { ...secrets, level: 'high' }));

      // Assess
      expect(refused).toMatchObject({ reason: 'try-later', code: 'network' });
    });

    it('answers try-later when the provider cannot be reached at all', async () => {
      // Prepare
      const gone = await startHostileOidcProvider({ clientId: CLIENT_ID });
      await gone.stop();
      const eid = relyingParty(gone.issuer);

      // Act
      const refused = await refusalOf(eid.authorizationUrl({ ...flowSecrets(), level: 'high', lang: 'nb' }));

      // Assess
      expect(refused).toMatchObject({ reason: 'try-later', code: 'discovery:network' });
    });

    it('cannot redeem a code without a client key', async () => {
      // Prepare
      const eid = idportenClient({ issuer: provider.issuer, clientId: CLIENT_ID, redirectUri: REDIRECT_URI });
      const secrets = flowSecrets();
      const callback = provider.authorize(
        await eid.authorizationUrl({ ...secrets, level: 'high', lang: 'nb' }),
      );

      // Act
      const attempt = eid.exchange(callback, { ...secrets, level: 'high' });

      // Assess
      await expect(attempt).rejects.toThrow(/no key/);
    });
  });

  describe('the issuer', () => {
    it.each(['http://example.org', 'http://10.0.0.1:8090', 'ftp://127.0.0.1'])(
      'refuses %s at construction',
      (issuer) => {
        // Act
        const construct = () => idportenClient({ issuer, clientId: CLIENT_ID, redirectUri: REDIRECT_URI });

        // Assess
        expect(construct).toThrow(/https/);
      },
    );

    it.each([
      'https://test.idporten.no',
      'http://127.0.0.1:8090',
      'http://localhost:8090',
      'http://[::1]:8090',
    ])('accepts %s', (issuer) => {
      // Act
      const construct = () => idportenClient({ issuer, clientId: CLIENT_ID, redirectUri: REDIRECT_URI });

      // Assess
      expect(construct).not.toThrow();
    });
  });
});

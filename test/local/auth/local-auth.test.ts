import { createLocalIssuer, LOCAL_CLIENT_ID, LOCAL_ISSUER } from '../../../local/auth/issuer';
import {
  authorizerClaims,
  createLocalAuth,
  JWKS_PATH,
  type LocalAuth,
  TOKEN_PATH,
} from '../../../local/auth/local-auth';
import { LOCAL_STAFF_PASSWORD, type LocalStaffUser } from '../../../local/auth/users';

const body = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('Function: createLocalAuth', () => {
  describe('POST /local/auth/token', () => {
    it.each(['staff-sterk-hasle', 'STAFF-sterk-hasle', 'staff-sterk-hasle@personvern.test'])(
      'gives %s an id token for the right password',
      async (username) => {
        // Prepare
        const auth = await createLocalAuth();

        // Act
        const response = await auth.serve(
          'POST',
          TOKEN_PATH,
          body({ username, password: LOCAL_STAFF_PASSWORD }),
        );

        // Assess
        expect(response?.statusCode).toBe(200);
        const { idToken, expiresIn } = JSON.parse(response?.body ?? '{}');
        expect(expiresIn).toBe(3600);
        const claims = await auth.issuer.verifyIdToken(idToken);
        expect(claims['cognito:username']).toBe('staff-sterk-hasle');
      },
    );

    it.each([
      ['a wrong password', { username: 'personvernombud', password: 'Personvern-lokal-2025' }],
      ['an unknown user', { username: 'kari', password: LOCAL_STAFF_PASSWORD }],
    ])('answers 401 to %s, the same way', async (_, credentials) => {
      // Prepare
      const auth = await createLocalAuth();

      // Act
      const response = await auth.serve('POST', TOKEN_PATH, body(credentials));

      // Assess
      expect(response?.statusCode).toBe(401);
      expect(JSON.parse(response?.body ?? '{}')).toEqual({ message: 'Incorrect username or password.' });
    });

    it.each([
      ['no body', ''],
      ['a body that is not JSON', 'username=personvernombud'],
      ['no password', { username: 'personvernombud' }],
    ])('answers 400 to %s', async (_, value) => {
      // Prepare
      const auth = await createLocalAuth();

      // Act
      const response = await auth.serve('POST', TOKEN_PATH, body(value));

      // Assess
      expect(response?.statusCode).toBe(400);
    });

    it('answers 405 to GET', async () => {
      // Prepare
      const auth = await createLocalAuth();

      // Act
      const response = await auth.serve('GET', TOKEN_PATH, body(''));

      // Assess
      expect(response?.statusCode).toBe(405);
      expect(response?.headers?.Allow).toBe('POST');
    });
  });

  it('serves the public key set', async () => {
    // Prepare
    const auth = await createLocalAuth();

    // Act
    const response = await auth.serve('GET', JWKS_PATH, body(''));

    // Assess
    expect(response?.statusCode).toBe(200);
    expect(JSON.parse(response?.body ?? '{}')).toEqual(auth.issuer.jwks);
  });

  it('leaves every other path to the API', async () => {
    // Prepare
    const auth = await createLocalAuth();

    // Act
    const responses = await Promise.all(
      ['/policy', '/local/auth', '/local/auth/tokens'].map((path) => auth.serve('POST', path, body(''))),
    );

    // Assess
    expect(responses).toEqual([undefined, undefined, undefined]);
  });

  describe('authorize', () => {
    it.each([
      ['bare', (token: string) => token],
      ['after Bearer', (token: string) => `Bearer ${token}`],
    ])('accepts an id token %s', async (_, header) => {
      // Prepare
      const auth = await createLocalAuth();
      const officer = auth.users[0];
      if (officer === undefined) throw new Error('no seeded users');

      // Act
      const claims = await auth.authorize(header(await auth.issuer.signIdToken(officer)));

      // Assess
      expect(claims).toMatchObject({
        'cognito:username': 'personvernombud',
        'cognito:groups': 'privacy-officer',
      });
    });

    it.each([
      ['no header', async () => undefined],
      ['an empty Bearer', async () => 'Bearer '],
      ['garbage', async () => 'Bearer not-a-token'],
      [
        'an expired token',
        async (auth: LocalAuth, user: LocalStaffUser) =>
          auth.issuer.signIdToken(user, { issuedAt: new Date(Date.now() - 2 * 3600 * 1000) }),
      ],
      [
        'a token of another issuer',
        async (_: LocalAuth, user: LocalStaffUser) => (await createLocalIssuer()).signIdToken(user),
      ],
    ])('refuses %s', async (_, header) => {
      // Prepare
      const auth = await createLocalAuth();
      const officer = auth.users[0];
      if (officer === undefined) throw new Error('no seeded users');

      // Act
      const claims = await auth.authorize(await header(auth, officer));

      // Assess
      expect(claims).toBeUndefined();
    });
  });
});

describe('Function: authorizerClaims', () => {
  it('hands claims over as API Gateway does: strings, groups joined by commas, exp and iat as dates', () => {
    // Prepare
    const claims = {
      sub: '00000000-0000-5000-8000-000000000000',
      iss: LOCAL_ISSUER,
      aud: LOCAL_CLIENT_ID,
      token_use: 'id' as const,
      'cognito:username': 'two-hats',
      'cognito:groups': ['staff-sterk-hasle', 'staff-sterk-helse'],
      email: 'two-hats@personvern.test',
      email_verified: true,
      auth_time: 1680629979,
      iat: 1680629979,
      exp: 1680633579,
    };

    // Act
    const passed = authorizerClaims(claims);

    // Assess
    expect(passed).toEqual({
      sub: '00000000-0000-5000-8000-000000000000',
      iss: LOCAL_ISSUER,
      aud: LOCAL_CLIENT_ID,
      token_use: 'id',
      'cognito:username': 'two-hats',
      'cognito:groups': 'staff-sterk-hasle,staff-sterk-helse',
      email: 'two-hats@personvern.test',
      email_verified: 'true',
      auth_time: '1680629979',
      iat: 'Tue Apr 04 17:39:39 UTC 2023',
      exp: 'Tue Apr 04 18:39:39 UTC 2023',
    });
  });
});

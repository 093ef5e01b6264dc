import { generateKeyPair, SignJWT } from 'jose';
import { createLocalIssuer, LOCAL_CLIENT_ID, LOCAL_ISSUER } from '../../../local/auth/issuer';
import { localStaffUsers } from '../../../local/auth/users';

const [officer, hasleStaff] = localStaffUsers(['sterk-hasle']) as [
  ReturnType<typeof localStaffUsers>[number],
  ReturnType<typeof localStaffUsers>[number],
];

describe('Function: createLocalIssuer', () => {
  it('signs id tokens shaped like Cognito id tokens that it then accepts', async () => {
    // Prepare
    const issuer = await createLocalIssuer();

    // Act
    const claims = await issuer.verifyIdToken(await issuer.signIdToken(hasleStaff));

    // Assess
    expect(claims).toMatchObject({
      iss: LOCAL_ISSUER,
      aud: LOCAL_CLIENT_ID,
      token_use: 'id',
      sub: hasleStaff.sub,
      'cognito:username': 'staff-sterk-hasle',
      'cognito:groups': ['staff-sterk-hasle'],
      email: 'staff-sterk-hasle@personvern.test',
      email_verified: true,
    });
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.auth_time).toBe(claims.iat);
  });

  it('publishes the public key it signs with, and no private part', async () => {
    // Prepare
    const issuer = await createLocalIssuer();

    // Act
    const [key] = issuer.jwks.keys;

    // Assess
    expect(issuer.jwks.keys).toHaveLength(1);
    expect(key).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
  });

  it('refuses a token that expired', async () => {
    // Prepare
    const issuer = await createLocalIssuer();
    const token = await issuer.signIdToken(officer, { issuedAt: new Date(Date.now() - 3601 * 1000) });

    // Act
    const verifying = issuer.verifyIdToken(token);

    // Assess
    await expect(verifying).rejects.toThrow(/exp/);
  });

  it('refuses a token signed by another key, even with the same issuer name', async () => {
    // Prepare
    const issuer = await createLocalIssuer();
    const impostor = await createLocalIssuer();

    // Act
    const verifying = issuer.verifyIdToken(await impostor.signIdToken(officer));

    // Assess
    await expect(verifying).rejects.toThrow(/signature/);
  });

  it.each([
    ['another issuer', { issuer: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_Other' }, /iss/],
    ['another app client', { clientId: 'some-other-client' }, /aud/],
  ])('refuses a token from %s signed with the same key', async (_, other, message) => {
    // Prepare
    const keyPair = await generateKeyPair('RS256', { extractable: true });
    const issuer = await createLocalIssuer({ keyPair });
    const sibling = await createLocalIssuer({ keyPair, ...other });

    // Act
    const verifying = issuer.verifyIdToken(await sibling.signIdToken(officer));

    // Assess
    await expect(verifying).rejects.toThrow(message);
  });

  it('refuses an access token where an id token is expected', async () => {
    // Prepare
    const keyPair = await generateKeyPair('RS256', { extractable: true });
    const issuer = await createLocalIssuer({ keyPair });
    const accessToken = await new SignJWT({ token_use: 'access', 'cognito:username': 'personvernombud' })
      .setProtectedHeader({ alg: 'RS256' })
      .setSubject(officer.sub)
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_CLIENT_ID)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(keyPair.privateKey);

    // Act
    const verifying = issuer.verifyIdToken(accessToken);

    // Assess
    await expect(verifying).rejects.toThrow(/token_use/);
  });

  it.each([
    ['garbage', 'not-a-token'],
    ['an unsigned token', `${b64({ alg: 'none' })}.${b64({ iss: LOCAL_ISSUER, aud: LOCAL_CLIENT_ID })}.`],
  ])('refuses %s', async (_, token) => {
    // Prepare
    const issuer = await createLocalIssuer();

    // Act
    const verifying = issuer.verifyIdToken(token);

    // Assess
    await expect(verifying).rejects.toThrow();
  });
});

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Reading the ID-porten client key through the real SDK client from the local Secrets Manager: read once
 * and kept, a failed read tried again, and a secret that is not a private key refused without quoting it.
 * (The local stand-in, as test/adapters/secrets does, rather than aws-sdk-client-mock, which the project
 * does not have installed.)
 */
import { type GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { exportJWK, generateKeyPair } from 'jose';
import { eidClientKey } from '../../../lambdas/adapters/eid/client-key';
import { type LocalSecretsManager, startSecretsManager } from '../../../local/emulators/secrets-manager';

const SECRET_ID = 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:IdportenClient-abc123';

describe('Function: eidClientKey', () => {
  let secrets: LocalSecretsManager;
  let sdk: SecretsManagerClient;
  let reads: number;
  const client: Pick<SecretsManagerClient, 'send'> = {
    send: ((command: GetSecretValueCommand) => {
      reads++;
      return sdk.send(command);
    }) as SecretsManagerClient['send'],
  };
  let privateJwk: Awaited<ReturnType<typeof exportJWK>>;

  beforeAll(async () => {
    secrets = await startSecretsManager({ port: 0 });
    sdk = new SecretsManagerClient({
      endpoint: secrets.endpoint,
      region: 'eu-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateJwk = await exportJWK(pair.privateKey);
  });

  beforeEach(() => {
    reads = 0;
  });

  afterAll(async () => {
    sdk.destroy();
    await secrets.stop();
  });

  it('reads the kid and the private JWK once, and keeps them', async () => {
    // Prepare
    secrets.put(SECRET_ID, JSON.stringify({ kid: 'personvern-2026', privateJwk }));
    const load = eidClientKey(SECRET_ID, client);

    // Act
    const first = await load();
    const second = await load();

    // Assess
    expect(first).toEqual({ kid: 'personvern-2026', privateJwk });
    expect(second).toBe(first);
    expect(reads).toBe(1);
  });

  it('reads again after a failed read, so a secret filled later is found', async () => {
    // Prepare
    secrets.put(SECRET_ID, '');
    const load = eidClientKey(SECRET_ID, client);
    const empty = load();
    await expect(empty).rejects.toThrow(/has no value/);
    secrets.put(SECRET_ID, JSON.stringify({ kid: 'personvern-2026', privateJwk }));

    // Act
    const key = await load();

    // Assess
    expect(key.kid).toBe('personvern-2026');
    expect(reads).toBe(2);
  });

  // Functions: the key is made in beforeAll, after the table is read.
  it.each<[string, () => string, RegExp]>([
    ['text that is not JSON', () => `{"kid": "k", "privateJwk": ${privateJwk.d}`, /not JSON/],
    [
      'a public key only',
      () => JSON.stringify({ kid: 'k', privateJwk: { ...privateJwk, d: undefined } }),
      /private RSA/,
    ],
    ['no kid', () => JSON.stringify({ privateJwk }), /private RSA/],
    [
      'an EC key',
      () => JSON.stringify({ kid: 'k', privateJwk: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd' } }),
      /private RSA/,
    ],
  ])('refuses %s without quoting the secret', async (_, value, message) => {
    // Prepare
    secrets.put(SECRET_ID, value());

    // Act
    const attempt = eidClientKey(SECRET_ID, client)();

    // Assess
    await expect(attempt).rejects.toThrow(message);
    const error = (await attempt.catch((caught: unknown) => caught)) as Error;
    expect(error.message).not.toContain(privateJwk.d);
  });

  it('stops when the secret does not exist', async () => {
    // Act
    const attempt = eidClientKey(`${SECRET_ID}-missing`, client)();

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

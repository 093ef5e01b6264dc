/**
 * Loading the pseudonym key through the real SDK client from the local Secrets Manager: the key the
 * stack generated gives the pseudonyms the domain expects, and a secret without a usable key stops the
 * function at cold start.
 */
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { loadPseudonyms } from '../../../lambdas/adapters/secrets/pseudonym-key';
import { keyedPseudonyms } from '../../../lambdas/domain/pseudonyms';
import { type LocalSecretsManager, startSecretsManager } from '../../../local/emulators/secrets-manager';

const SECRET_ID = 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:PseudonymKey-abc123';
const KEY = 'q8VhK2mXc4Rt7LpZ0sNw3YbEa9FjUd6GiHoTkMnBvCxWyQeRrAsDfGhJkLzPuIoO';

describe('Function: loadPseudonyms', () => {
  let secrets: LocalSecretsManager;
  let client: SecretsManagerClient;

  beforeAll(async () => {
    secrets = await startSecretsManager({ port: 0 });
    client = new SecretsManagerClient({
      endpoint: secrets.endpoint,
      region: 'eu-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    client.destroy();
    await secrets.stop();
  });

  it('keys the pseudonyms with the secret’s value', async () => {
    // Prepare
    secrets.put(SECRET_ID, KEY);

    // Act
    const pseudonyms = await loadPseudonyms(SECRET_ID, client);

    // Assess
    const expected = keyedPseudonyms(Buffer.from(KEY, 'utf8'));
    expect(pseudonyms.of('subject', 'kari@example.no')).toBe(expected.of('subject', 'kari@example.no'));
  });

  it('stops with a clear error when the secret holds too short a key', async () => {
    // Prepare
    secrets.put(SECRET_ID, 'short');

    // Act
    const attempt = loadPseudonyms(SECRET_ID, client);

    // Assess
    await expect(attempt).rejects.toThrow(/at least 32 bytes/);
  });

  it('stops when the secret does not exist', async () => {
    // Act
    const attempt = loadPseudonyms(`${SECRET_ID}-missing`, client);

    // Assess
    await expect(attempt).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

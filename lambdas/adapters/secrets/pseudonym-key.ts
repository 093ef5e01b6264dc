/**
 * The key behind every pseudonym (domain/pseudonyms.ts), read from Secrets Manager. Handlers load it with a
 * top-level await, so it is fetched once per cold start, in Lambda's init phase, and each invocation hashes
 * synchronously. A missing or short key stops the function at cold start rather than hashing with less.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { keyedPseudonyms, type Pseudonyms } from '../../domain/pseudonyms';

export async function loadPseudonyms(
  secretId: string,
  client: Pick<SecretsManagerClient, 'send'> = new SecretsManagerClient(),
): Promise<Pseudonyms> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (SecretString === undefined || SecretString === '') {
    throw new Error('The pseudonym key secret has no value');
  }
  return keyedPseudonyms(Buffer.from(SecretString, 'utf8'));
}

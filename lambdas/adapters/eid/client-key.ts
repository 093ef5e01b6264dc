/**
 * The relying party's private key for `private_key_jwt`, read from the IdportenClient secret
 * (`{"kid","privateJwk"}`, docs/id-porten.md section 2), for idportenClient's `clientKey` option. Read on
 * first use and kept for the life of the container; a failed read is not kept, so a secret filled after
 * the cold start is found by the next callback. The secret's value never reaches an error message.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from '../../domain/zod';
import type { EidClientKey } from './idporten-client';

const secretSchema = z.object({
  kid: z.string().check(z.minLength(1)).check(z.maxLength(256)),
  // The keygen command makes an RS256 pair; the private members must be there, or nothing can be signed.
  privateJwk: z.looseObject({ kty: z.literal('RSA'), n: z.string(), e: z.string(), d: z.string() }),
});

export function eidClientKey(
  secretId: string,
  client: Pick<SecretsManagerClient, 'send'> = new SecretsManagerClient(),
): () => Promise<EidClientKey> {
  let loaded: Promise<EidClientKey> | undefined;
  return () => {
    if (loaded === undefined) {
      const attempt = read(secretId, client).catch((error: unknown) => {
        if (loaded === attempt) loaded = undefined;
        throw error;
      });
      loaded = attempt;
    }
    return loaded;
  };
}

async function read(secretId: string, client: Pick<SecretsManagerClient, 'send'>): Promise<EidClientKey> {
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (SecretString === undefined || SecretString === '') {
    throw new Error('The ID-porten client key secret has no value');
  }
  let json: unknown;
  try {
    json = JSON.parse(SecretString);
  } catch {
    // Not the parser's message: it quotes the text around the fault, which is the key.
    throw new Error('The ID-porten client key secret is not JSON');
  }
  const parsed = secretSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error('The ID-porten client key secret is not {"kid","privateJwk"} with a private RSA JWK');
  }
  return parsed.data;
}

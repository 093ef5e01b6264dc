/**
 * `personvern idporten keygen --secret <arn|name> [--dry-run]`: makes the ID-porten client's key pair for
 * `private_key_jwt` (docs/id-porten.md section 2; docs/operations.md, "ID-porten"). An RS256 pair of 2048
 * bits, named by its RFC 7638 thumbprint (`kid`). The private half goes straight into the secret as
 * `{"kid","privateJwk"}`, the form lambdas/adapters/eid/client-key.ts reads; it is never written to disk or
 * printed. The public half is printed as one JSON line (a JWK with `kid`, `alg` and `use`) to register in
 * Digdir's self-service, and a line on stderr says what to do next.
 *
 * `--dry-run` makes a pair and prints its public half without calling AWS; the private half is thrown away,
 * so that key must not be registered.
 *
 * Exit 2 is a usage error, exit 3 means AWS did not take the key (no such secret, no credentials, access
 * denied): then nothing was stored and no public key is printed, so there is nothing to register. Region
 * and credentials come from the standard AWS SDK environment; an ARN's own region is used for it.
 */
import { parseArgs } from 'node:util';
import { PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { CliIo } from '../cli';
import { optionProblem } from './option-problem';

const USAGE = [
  'Usage: personvern idporten keygen --secret <arn|name> [--dry-run]',
  '  Puts a new RS256 private key into the secret (the stack’s IdportenClientKey) and prints the public key',
  '  to register in Digdir’s self-service. --dry-run prints a public key and writes nothing.',
];

/** The members a public RSA JWK may carry; anything else (d, p, q, dp, dq, qi) is private. */
const PUBLIC_MEMBERS = ['kty', 'n', 'e'] as const;

export async function run(args: string[], io: CliIo): Promise<number> {
  const usage = (problem: string) => {
    io.err(`personvern idporten: ${problem}`);
    for (const line of USAGE) io.err(line);
    return 2;
  };

  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(args);
  } catch (error) {
    return usage(optionProblem(error));
  }
  const [subcommand, ...extra] = parsed.positionals;
  if (subcommand !== 'keygen') {
    return usage(subcommand === undefined ? 'say what to do: keygen' : `unknown subcommand ${subcommand}`);
  }
  if (extra.length > 0) return usage(`unexpected argument ${extra[0]}`);
  const secretId = parsed.values.secret;
  const dryRun = parsed.values['dry-run'] === true;
  if (!dryRun && (secretId === undefined || secretId === '')) {
    return usage('which secret? Pass --secret <arn|name> (the stack’s IdportenClientKey secret)');
  }

  const key = await newClientKey();
  if (dryRun) {
    io.out(JSON.stringify(key.publicJwk));
    io.err(
      'personvern idporten: dry run, nothing was written. This key’s private half is gone: do not register it; run again without --dry-run.',
    );
    return 0;
  }

  const target = secretId ?? '';
  const client = new SecretsManagerClient(regionOf(target));
  try {
    await client.send(
      new PutSecretValueCommand({
        SecretId: target,
        SecretString: JSON.stringify({ kid: key.kid, privateJwk: key.privateJwk }),
      }),
    );
  } catch (error) {
    const problem = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.err(
      `personvern idporten: the key was not stored in secret ${target} (${problem}). Nothing was written; register nothing.`,
    );
    return 3;
  } finally {
    client.destroy();
  }

  io.out(JSON.stringify(key.publicJwk));
  io.err(
    `personvern idporten: secret ${target} now holds key ${key.kid}. Next: add the public key above to the integration in Digdir’s self-service; until Digdir has it, sign-ins are refused.`,
  );
  return 0;
}

interface ClientKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

async function newClientKey(): Promise<ClientKey> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', {
    extractable: true,
    modulusLength: 2048,
  });
  const exported = await exportJWK(publicKey);
  // Built member by member, so that nothing private can reach the printed key.
  const publicMembers: JWK = Object.fromEntries(PUBLIC_MEMBERS.map((name) => [name, exported[name]]));
  const kid = await calculateJwkThumbprint(publicMembers, 'sha256');
  const marks = { kid, alg: 'RS256', use: 'sig' };
  return {
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), ...marks },
    publicJwk: { ...publicMembers, ...marks },
  };
}

/** An ARN names its region; a name is looked up in the SDK environment's region. */
function regionOf(secretId: string): { region?: string } {
  const region = /^arn:aws[\w-]*:secretsmanager:([a-z0-9-]+):/.exec(secretId)?.[1];
  return region === undefined ? {} : { region };
}

function parseCommandLine(args: string[]) {
  return parseArgs({
    args,
    options: { secret: { type: 'string' }, 'dry-run': { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
}

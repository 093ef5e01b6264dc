/**
 * `personvern idporten keygen` against the local Secrets Manager stand-in, through the real SDK client and
 * the SDK environment an operator's shell would have: the secret afterwards holds a key the callback's
 * loader (eidClientKey) accepts, the printed public key verifies what that private key signs, a dry run
 * writes nothing, and the private key never reaches the output.
 *
 * The stand-in answers only GetSecretValue (what the functions call). This test puts a thin front before it
 * that adds PutSecretValue as Secrets Manager answers it (ResourceNotFoundException for an unknown secret)
 * and stores the value in the stand-in; every other call goes through to the stand-in unchanged.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { calculateJwkThumbprint, importJWK, type JWK, jwtVerify, SignJWT } from 'jose';
import { main } from '../../bin/cli';
import { run } from '../../bin/commands/idporten';
import { eidClientKey } from '../../lambdas/adapters/eid/client-key';
import { type LocalSecretsManager, startSecretsManager } from '../../local/emulators/secrets-manager';
import { capturingIo } from '../support/cli-io';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const SECRET_ID = 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:EidIdportenClientKey-abc123';
/** What CloudFormation puts into the secret at the first deploy: a random string, not a key. */
const GENERATED = 'q8VhK2mXc4Rt7LpZ0sNw3YbEa9Fj';
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'];
const AWS_VARIABLES = [
  'AWS_ENDPOINT_URL_SECRETS_MANAGER',
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
];

/** PutSecretValue calls that reached the front. */
let puts = 0;

/** PutSecretValue in front of the stand-in, which stores the value; every other call passes through. */
async function startFront(secrets: LocalSecretsManager): Promise<{ endpoint: string; server: Server }> {
  const forward = (target: string, body: string) =>
    fetch(secrets.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body,
    });
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', async () => {
      const target = String(request.headers['x-amz-target'] ?? '');
      const reply = async (answer: Response) => {
        response.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(await answer.text());
      };
      if (target !== 'secretsmanager.PutSecretValue') return reply(await forward(target, body));
      puts++;
      const { SecretId, SecretString } = JSON.parse(body) as { SecretId: string; SecretString: string };
      const existing = await forward('secretsmanager.GetSecretValue', JSON.stringify({ SecretId }));
      if (!existing.ok) return reply(existing);
      secrets.put(SecretId, SecretString);
      return reply(
        new Response(
          JSON.stringify({ ARN: SecretId, Name: SecretId, VersionId: 'v2', VersionStages: ['AWSCURRENT'] }),
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('Command: idporten keygen', () => {
  let secrets: LocalSecretsManager;
  let front: { endpoint: string; server: Server };
  let reader: SecretsManagerClient;
  let awsEnvironment: Record<string, string>;
  let saved: Record<string, string | undefined>;

  beforeAll(async () => {
    secrets = await startSecretsManager({ port: 0 });
    front = await startFront(secrets);
    awsEnvironment = {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: front.endpoint,
      AWS_REGION: 'eu-north-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    };
    reader = new SecretsManagerClient({
      endpoint: secrets.endpoint,
      region: 'eu-north-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    reader.destroy();
    await new Promise((resolve) => front.server.close(resolve));
    await secrets.stop();
  });

  beforeEach(() => {
    saved = Object.fromEntries(AWS_VARIABLES.map((name) => [name, process.env[name]]));
    Object.assign(process.env, awsEnvironment);
    secrets.put(SECRET_ID, GENERATED);
    puts = 0;
  });

  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('puts a key the callback’s loader accepts, and prints its public half, which verifies what it signs', async () => {
    // Prepare
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(['keygen', '--secret', SECRET_ID], io);

    // Assess
    expect(code).toBe(0);
    expect(puts).toBe(1);
    expect(out).toHaveLength(1);
    const publicJwk = JSON.parse(out[0] ?? '') as JWK;
    expect(Object.keys(publicJwk).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
    expect(publicJwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(Buffer.from(publicJwk.n ?? '', 'base64url').length * 8).toBe(2048);
    const stored = await eidClientKey(SECRET_ID, reader)();
    expect(stored.kid).toBe(publicJwk.kid);
    expect(stored.kid).toBe(await calculateJwkThumbprint(publicJwk));
    // Signed as the relying party signs its client assertion (WebCrypto, RSASSA-PKCS1-v1_5 with SHA-256).
    const signingKey = await crypto.subtle.importKey(
      'jwk',
      stored.privateJwk,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    const assertion = await new SignJWT({ sub: 'personvern-test' })
      .setProtectedHeader({ alg: 'RS256', kid: stored.kid })
      .setIssuedAt()
      .sign(signingKey);
    const verified = await jwtVerify(assertion, await importJWK(publicJwk, 'RS256'));
    expect(verified.payload.sub).toBe('personvern-test');
    expect(verified.protectedHeader.kid).toBe(publicJwk.kid);
    expect(err).toEqual([
      expect.stringContaining(`now holds key ${publicJwk.kid}. Next: add the public key`),
    ]);
  });

  it('never prints a private member of the key', async () => {
    // Prepare
    const { out, err, io } = capturingIo();

    // Act
    await run(['keygen', '--secret', SECRET_ID], io);

    // Assess
    const { privateJwk } = await eidClientKey(SECRET_ID, reader)();
    const printed = [...out, ...err].join('\n');
    for (const member of PRIVATE_MEMBERS) {
      const value = (privateJwk as Record<string, unknown>)[member];
      expect(typeof value).toBe('string');
      expect(printed).not.toContain(value);
      expect(JSON.parse(out[0] ?? '')).not.toHaveProperty(member);
    }
  });

  it('makes a new key each time, so a second run replaces the first', async () => {
    // Prepare
    const first = capturingIo();
    const second = capturingIo();

    // Act
    await run(['keygen', '--secret', SECRET_ID], first.io);
    await run(['keygen', '--secret', SECRET_ID], second.io);

    // Assess
    const kids = [first.out[0], second.out[0]].map((line) => (JSON.parse(line ?? '') as JWK).kid);
    expect(kids[0]).not.toBe(kids[1]);
    expect((await eidClientKey(SECRET_ID, reader)()).kid).toBe(kids[1]);
  });

  it('writes nothing on a dry run, with or without --secret, and prints only a public key', async () => {
    // Prepare
    const named = capturingIo();
    const unnamed = capturingIo();

    // Act
    const namedCode = await run(['keygen', '--secret', SECRET_ID, '--dry-run'], named.io);
    const unnamedCode = await run(['keygen', '--dry-run'], unnamed.io);

    // Assess
    expect([namedCode, unnamedCode]).toEqual([0, 0]);
    expect(puts).toBe(0);
    await expect(eidClientKey(SECRET_ID, reader)()).rejects.toThrow(/not JSON/);
    for (const { out, err } of [named, unnamed]) {
      const publicJwk = JSON.parse(out[0] ?? '') as JWK;
      expect(publicJwk).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(publicJwk).not.toHaveProperty('d');
      expect(err).toEqual([expect.stringMatching(/dry run, nothing was written.*do not register it/)]);
    }
  });

  it('returns 3, prints no key and says nothing was written when AWS refuses the secret', async () => {
    // Prepare
    const { out, err, io } = capturingIo();
    const missing = `${SECRET_ID}-missing`;

    // Act
    const code = await run(['keygen', '--secret', missing], io);

    // Assess
    expect(code).toBe(3);
    expect(out).toEqual([]);
    expect(err).toEqual([
      expect.stringMatching(
        new RegExp(
          `^personvern idporten: the key was not stored in secret ${missing} \\(ResourceNotFoundException: .*\\)\\. Nothing was written; register nothing\\.$`,
        ),
      ),
    ]);
    expect(err[0]).not.toMatch(/"d"/);
  });

  it.each([
    { why: 'nothing to do', args: [], problem: /^personvern idporten: say what to do: keygen$/ },
    {
      why: 'an unknown subcommand',
      args: ['rotate'],
      problem: /^personvern idporten: unknown subcommand rotate$/,
    },
    {
      why: 'no secret',
      args: ['keygen'],
      problem: /^personvern idporten: which secret\? Pass --secret <arn\|name>/,
    },
    {
      why: 'an empty secret',
      args: ['keygen', '--secret', ''],
      problem: /^personvern idporten: which secret\?/,
    },
    {
      why: '--secret without a value',
      args: ['keygen', '--secret'],
      problem: /^personvern idporten: --secret needs a value$/,
    },
    {
      why: 'an unknown option',
      args: ['keygen', '--secret', SECRET_ID, '--force'],
      problem: /^personvern idporten: unknown option --force$/,
    },
    {
      why: 'an extra argument',
      args: ['keygen', SECRET_ID],
      problem: new RegExp(`^personvern idporten: unexpected argument ${SECRET_ID}$`),
    },
  ])('returns 2 with usage and writes nothing for $why', async ({ args, problem }) => {
    // Prepare
    const { out, err, io } = capturingIo();

    // Act
    const code = await run(args, io);

    // Assess
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(puts).toBe(0);
    expect(err[0]).toMatch(problem);
    expect(err[1]).toBe('Usage: personvern idporten keygen --secret <arn|name> [--dry-run]');
  });

  it('is listed in the CLI help and reached through it', async () => {
    // Prepare
    const help = capturingIo();
    const keygen = capturingIo();

    // Act
    const helpCode = await main(['help'], help.io);
    const keygenCode = await main(['idporten', 'keygen', '--dry-run'], keygen.io);

    // Assess
    expect(helpCode).toBe(0);
    expect(help.err).toContainEqual(
      expect.stringMatching(/^ {2}personvern idporten keygen --secret <arn\|name> /),
    );
    expect(keygenCode).toBe(0);
    expect(JSON.parse(keygen.out[0] ?? '')).toMatchObject({ kty: 'RSA' });
  });

  it('runs as `personvern idporten keygen` from the command line, with only the public key on stdout', async () => {
    // Act
    const { stdout, stderr } = await promisify(execFile)(
      'node',
      ['bin/personvern.js', 'idporten', 'keygen', '--secret', SECRET_ID],
      { cwd: repoRoot, env: { ...process.env, ...awsEnvironment }, encoding: 'utf8' },
    );

    // Assess
    const publicJwk = JSON.parse(stdout) as JWK;
    const { kid, privateJwk } = await eidClientKey(SECRET_ID, reader)();
    expect(publicJwk.kid).toBe(kid);
    expect(publicJwk).not.toHaveProperty('d');
    expect(privateJwk.d).toEqual(expect.any(String));
    expect(`${stdout}${stderr}`).not.toContain(String(privateJwk.d));
    expect(stderr).toContain('Next: add the public key above');
  }, 60_000);
});

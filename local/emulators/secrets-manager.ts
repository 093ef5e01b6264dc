/**
 * A Secrets Manager stand-in for the one call the handlers make: GetSecretValue, over the real AWS JSON
 * 1.1 protocol, so `SecretsManagerClient` talks to it through `AWS_ENDPOINT_URL_SECRETS_MANAGER` like it
 * talks to AWS. No npm emulator covers Secrets Manager; this is the smallest faithful slice of it.
 * Secrets live in memory and are put by the local stack (the fake Mailchimp's credentials).
 */
import { createServer } from 'node:http';
import { endpointFor, type RunningEmulator } from './emulator';
import { closeServer, listen } from './ports';

const SERVICE = 'Secrets Manager (local stand-in)';

export interface LocalSecretsManager extends RunningEmulator {
  /** Stores a secret under its id (the template's Ref of the secret) and its name. */
  put(secretId: string, value: string): void;
}

export async function startSecretsManager({ port }: { port: number }): Promise<LocalSecretsManager> {
  const secrets = new Map<string, string>();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      const reply = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(payload));
      };
      const target = String(request.headers['x-amz-target'] ?? '');
      if (target !== 'secretsmanager.GetSecretValue') {
        return reply(400, { __type: 'UnknownOperationException', message: `${target} is not emulated` });
      }
      let secretId = '';
      try {
        secretId = String((JSON.parse(body) as { SecretId?: unknown }).SecretId ?? '');
      } catch {
        return reply(400, { __type: 'SerializationException', message: 'Malformed JSON' });
      }
      const value = secrets.get(secretId);
      if (value === undefined) {
        return reply(400, {
          __type: 'ResourceNotFoundException',
          message: "Secrets Manager can't find the specified secret.",
        });
      }
      reply(200, {
        ARN: secretId,
        Name: secretId,
        SecretString: value,
        VersionId: 'local',
        VersionStages: ['AWSCURRENT'],
        CreatedDate: 0,
      });
    });
  });
  const boundPort = await listen(server, SERVICE, port);
  return {
    endpoint: endpointFor(boundPort),
    put: (secretId, value) => secrets.set(secretId, value),
    stop: () => closeServer(server),
  };
}

import { inspect } from 'node:util';
import type { GetSecretValueCommand, GetSecretValueCommandOutput } from '@aws-sdk/client-secrets-manager';
import {
  DEFAULT_CREDENTIALS_TTL_MS,
  MailchimpCredentialsReader,
  type SecretsSource,
} from '../../../lambdas/adapters/connectors/mailchimp-credentials';
import {
  ConnectorFailedError,
  ConnectorUnavailableError,
} from '../../../lambdas/domain/connectors/connector';

const SECRET_ID = 'arn:aws:secretsmanager:eu-north-1:111122223333:secret:personvern/mailchimp-AbCdEf';
const API_KEY = '0123456789abcdef0123456789abcdef-us6';
const VALID = { apiKey: API_KEY, serverPrefix: 'us6', listId: 'a1b2c3d4e5' };

/** A hand-written Secrets Manager: answers GetSecretValue from `answer` and counts the calls. */
function fakeSecrets(
  answer: (secretId: string | undefined) => Promise<Partial<GetSecretValueCommandOutput>>,
): SecretsSource & { readonly secretIds: (string | undefined)[] } {
  const secretIds: (string | undefined)[] = [];
  return {
    secretIds,
    async send(command: GetSecretValueCommand) {
      secretIds.push(command.input.SecretId);
      return { $metadata: {}, ...(await answer(command.input.SecretId)) };
    },
  };
}

const holding = (value: unknown) =>
  fakeSecrets(async () => ({ SecretString: typeof value === 'string' ? value : JSON.stringify(value) }));

function sdkError(name: string, httpStatusCode: number | undefined, message = 'failed'): Error {
  const error = new Error(message);
  error.name = name;
  return Object.assign(error, {
    $metadata: { ...(httpStatusCode === undefined ? {} : { httpStatusCode }), requestId: 'aws-req-1' },
  });
}

async function failureOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the read to fail');
}

describe('Class: MailchimpCredentialsReader', () => {
  describe('reading', () => {
    it('reads apiKey, serverPrefix and listId from the JSON secret the caller names', async () => {
      // Prepare
      const secrets = holding({ ...VALID, note: 'rotated by ops' });
      const reader = new MailchimpCredentialsReader(secrets);

      // Act
      const credentials = await reader.read(SECRET_ID);

      // Assess
      expect(credentials).toEqual(VALID);
      expect(secrets.secretIds).toEqual([SECRET_ID]);
    });

    it('accepts a key without the data-centre suffix', async () => {
      // Prepare
      const reader = new MailchimpCredentialsReader(holding({ ...VALID, apiKey: API_KEY.slice(0, 32) }));

      // Act
      const credentials = await reader.read(SECRET_ID);

      // Assess
      expect(credentials.apiKey).toBe(API_KEY.slice(0, 32));
    });
  });

  describe('validation', () => {
    it.each([
      ['a missing listId', { apiKey: API_KEY, serverPrefix: 'us6' }, 'listId'],
      ['an empty apiKey', { ...VALID, apiKey: '' }, 'apiKey'],
      ['a server prefix that is a host name', { ...VALID, serverPrefix: 'evil.example' }, 'serverPrefix'],
      ['a key from another data centre', { ...VALID, serverPrefix: 'us21' }, 'serverPrefix'],
      ['a list id with a path in it', { ...VALID, listId: '../../x' }, 'listId'],
      ['an array', [VALID], '(root)'],
    ])('refuses %s, naming the field but not its value', async (_case, value, field) => {
      // Prepare
      const reader = new MailchimpCredentialsReader(holding(value));

      // Act
      const error = await failureOf(reader.read(SECRET_ID));

      // Assess
      expect(error).toBeInstanceOf(ConnectorFailedError);
      expect(error.message).toContain(`check ${field}`);
      expect(inspect(error, { depth: 10 })).not.toContain(API_KEY.slice(0, 32));
    });

    it('refuses text that is not JSON without quoting it', async () => {
      // Prepare: a bare API key; JSON.parse's own message would quote its first characters.
      const bareKey = 'abcdef0123456789abcdef0123456789-us6';
      const reader = new MailchimpCredentialsReader(holding(bareKey));

      // Act
      const error = await failureOf(reader.read(SECRET_ID));

      // Assess
      expect(error).toBeInstanceOf(ConnectorFailedError);
      expect(error.message).toBe(`The Mailchimp secret ${SECRET_ID} is not JSON`);
      expect(inspect(error, { depth: 10 })).not.toContain(bareKey.slice(0, 6));
    });

    it('refuses a binary secret', async () => {
      // Prepare
      const reader = new MailchimpCredentialsReader(
        fakeSecrets(async () => ({ SecretBinary: new TextEncoder().encode(JSON.stringify(VALID)) })),
      );

      // Act
      const error = await failureOf(reader.read(SECRET_ID));

      // Assess
      expect(error).toBeInstanceOf(ConnectorFailedError);
      expect(error.message).toMatch(/no SecretString/);
    });
  });

  describe('Secrets Manager failures', () => {
    it.each([
      ['ThrottlingException', 400],
      ['InternalServiceError', 500],
      ['TimeoutError', undefined],
    ])('turns %s into unavailable', async (name, status) => {
      // Prepare
      const reader = new MailchimpCredentialsReader(
        fakeSecrets(() => Promise.reject(sdkError(name, status, `boom ${API_KEY}`))),
      );

      // Act
      const error = await failureOf(reader.read(SECRET_ID));

      // Assess
      expect(error).toBeInstanceOf(ConnectorUnavailableError);
      expect(error.message).toContain(name);
      expect(inspect(error, { depth: 10 })).not.toContain(API_KEY);
    });

    it.each([
      ['ResourceNotFoundException', 400],
      ['AccessDeniedException', 400],
      ['DecryptionFailure', 400],
    ])('turns %s into failed', async (name, status) => {
      // Prepare
      const reader = new MailchimpCredentialsReader(
        fakeSecrets(() => Promise.reject(sdkError(name, status))),
      );

      // Act
      const error = await failureOf(reader.read(SECRET_ID));

      // Assess
      expect(error).toBeInstanceOf(ConnectorFailedError);
      expect(error.message).toBe(
        `Secrets Manager refused the Mailchimp secret ${SECRET_ID} (${name}, HTTP 400, request id aws-req-1)`,
      );
    });
  });

  describe('caching', () => {
    it('asks Secrets Manager once within the TTL, and again after it', async () => {
      // Prepare
      let now = 1_000_000;
      const secrets = holding(VALID);
      const reader = new MailchimpCredentialsReader(secrets, { now: () => now });

      // Act
      await reader.read(SECRET_ID);
      now += DEFAULT_CREDENTIALS_TTL_MS - 1;
      await reader.read(SECRET_ID);
      const withinTtl = secrets.secretIds.length;
      now += 1;
      await reader.read(SECRET_ID);

      // Assess
      expect(withinTtl).toBe(1);
      expect(secrets.secretIds).toHaveLength(2);
    });

    it('keeps each secret id apart', async () => {
      // Prepare
      const secrets = fakeSecrets(async (secretId) => ({
        SecretString: JSON.stringify({ ...VALID, listId: secretId === 'one' ? 'list1' : 'list2' }),
      }));
      const reader = new MailchimpCredentialsReader(secrets);

      // Act
      const [one, two] = await Promise.all([reader.read('one'), reader.read('two')]);

      // Assess
      expect([one.listId, two.listId]).toEqual(['list1', 'list2']);
    });

    it('shares one request between concurrent reads', async () => {
      // Prepare
      const secrets = holding(VALID);
      const reader = new MailchimpCredentialsReader(secrets);

      // Act
      const results = await Promise.all([
        reader.read(SECRET_ID),
        reader.read(SECRET_ID),
        reader.read(SECRET_ID),
      ]);

      // Assess
      expect(results).toEqual([VALID, VALID, VALID]);
      expect(secrets.secretIds).toHaveLength(1);
    });

    it('does not keep a failure: the next read asks again', async () => {
      // Prepare
      let calls = 0;
      const secrets = fakeSecrets(async () => {
        calls += 1;
        if (calls === 1) throw sdkError('ThrottlingException', 400);
        return { SecretString: JSON.stringify(VALID) };
      });
      const reader = new MailchimpCredentialsReader(secrets);

      // Act
      const first = await failureOf(reader.read(SECRET_ID));
      const second = await reader.read(SECRET_ID);

      // Assess
      expect(first).toBeInstanceOf(ConnectorUnavailableError);
      expect(second).toEqual(VALID);
    });

    it('asks again at once after forget, e.g. when Mailchimp refused the key', async () => {
      // Prepare
      const secrets = holding(VALID);
      const reader = new MailchimpCredentialsReader(secrets);
      await reader.read(SECRET_ID);

      // Act
      reader.forget(SECRET_ID);
      await reader.read(SECRET_ID);

      // Assess
      expect(secrets.secretIds).toHaveLength(2);
    });
  });
});

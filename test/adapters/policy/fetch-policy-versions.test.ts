/**
 * The public policy function's store reads, through a signed fetch to dynalite, exactly what the publishing
 * adapter (the SDK's) writes and reads; refuses items that are not what publishing writes; and reports
 * DynamoDB's errors by their type. The JSON client's own duties (credentials and endpoint from the
 * environment, retrying throttling, giving up on a hung connection) are tested against a stand-in server.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  DynamoDbCallError,
  DynamoDbJson,
  dynamoDbConnectionFrom,
} from '../../../lambdas/adapters/aws-fetch/dynamodb-json';
import { DynamoPolicyVersions } from '../../../lambdas/adapters/policy/dynamo-policy-versions';
import {
  FetchPolicyVersions,
  MalformedPolicyVersionItem,
} from '../../../lambdas/adapters/policy/fetch-policy-versions';
import { policyVersionKey } from '../../../lambdas/adapters/policy/policy-version-item';
import type { StoredPolicyVersion } from '../../../lambdas/domain/policy/publish';
import { LOCAL_CREDENTIALS, LOCAL_REGION, type TestDatabase, useTestTables } from '../store/dynalite-table';

function version(number: string, major = false): StoredPolicyVersion {
  return {
    info: {
      version: number,
      effectiveDate: '2026-11-20',
      summary: `Endringer i ${number} / Changes in ${number}`,
      major,
      publishedBy: 'personvernombud',
      publishedAt: '2026-11-19T10:00:00.000Z',
      source: 'published',
    },
    documentJson: JSON.stringify({ version: number, text: 'æøå "quoted" \\ ✓' }),
  };
}

const fetchClient = (endpoint: string) =>
  new DynamoDbJson(
    dynamoDbConnectionFrom({
      AWS_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    }),
  );

describe('Adapter: FetchPolicyVersions against dynalite', () => {
  let database: TestDatabase;
  let table: string;
  let sdk: DynamoPolicyVersions;
  let store: FetchPolicyVersions;
  useTestTables((db, name) => {
    database = db;
    table = name;
    sdk = new DynamoPolicyVersions(db.documents, name);
    store = new FetchPolicyVersions(fetchClient(db.endpoint), name);
  });

  it('lists and reads what the publishing adapter stored, as the SDK adapter does', async () => {
    // Prepare: 1.10.0 sorts after 1.2.0 only by the padded key
    for (const stored of [version('1.2.0'), version('1.10.0', true), version('2.0.0')]) await sdk.put(stored);

    // Act
    const listed = await store.list();
    const read = await store.get('1.10.0');

    // Assess
    expect(listed).toEqual(await sdk.list());
    expect(listed.map((info) => info.version)).toEqual(['1.2.0', '1.10.0', '2.0.0']);
    expect(read).toEqual(await sdk.get('1.10.0'));
    expect(read).toEqual(version('1.10.0', true));
  });

  it('answers undefined for a version never published, and for a malformed one without asking', async () => {
    // Prepare
    await sdk.put(version('1.0.0'));
    const unreachable = new FetchPolicyVersions(fetchClient('http://127.0.0.1:9'), table);

    // Act & Assess
    expect(await store.get('1.0.1')).toBeUndefined();
    expect(await store.list()).toHaveLength(1);
    expect(await unreachable.get('../1.0.0')).toBeUndefined();
    expect(await unreachable.get('1.0')).toBeUndefined();
  });

  it('lists nothing from an empty table', async () => {
    expect(await store.list()).toEqual([]);
  });

  it.each([
    ['major stored as a string', { major: 'true' }, /major is not a boolean/],
    ['no summary', { summary: undefined }, /summary is not a string/],
    ['a version that is not MAJOR.MINOR.PATCH', { version: 'v1' }, /not MAJOR\.MINOR\.PATCH/],
  ])('refuses an item with %s instead of serving it', async (_, change, message) => {
    // Prepare: written past the publishing adapter, as a damaged or hand-edited item would be
    const { info, documentJson } = version('1.0.0');
    await database.documents.send(
      new PutCommand({
        TableName: table,
        Item: {
          ...policyVersionKey('1.0.0'),
          kind: 'policy-version',
          ...info,
          document: documentJson,
          ...change,
        },
        RemoveUndefinedValues: true,
      } as ConstructorParameters<typeof PutCommand>[0]),
    );

    // Act & Assess
    await expect(store.list()).rejects.toThrow(MalformedPolicyVersionItem);
    await expect(store.list()).rejects.toThrow(message);
    await expect(store.get('1.0.0')).rejects.toThrow(MalformedPolicyVersionItem);
  });

  it('refuses an item whose document is missing', async () => {
    // Prepare
    const { info } = version('1.0.0');
    await database.documents.send(
      new PutCommand({ TableName: table, Item: { ...policyVersionKey('1.0.0'), ...info } }),
    );

    // Act & Assess
    await expect(store.get('1.0.0')).rejects.toThrow(/document is not a string/);
  });

  it("reports DynamoDB's error by its type, for a table that does not exist", async () => {
    // Act
    const failure = new FetchPolicyVersions(fetchClient(database.endpoint), 'NoSuchTable').list();

    // Assess
    await expect(failure).rejects.toBeInstanceOf(DynamoDbCallError);
    await expect(failure).rejects.toMatchObject({
      operation: 'Query',
      status: 400,
      type: 'ResourceNotFoundException',
    });
  });

  it('writes nothing: the public function only reads', async () => {
    // Act & Assess
    await expect(store.put(version('3.0.0'))).rejects.toThrow(/only reads/);
    expect(await database.allItems(table)).toEqual([]);
  });
});

describe('Adapter: FetchPolicyVersions, page by page', () => {
  it('follows LastEvaluatedKey until the last page', async () => {
    // Prepare: a stand-in for the JSON API, two pages
    const item = (number: string) => ({
      version: { S: number },
      effectiveDate: { S: '2026-11-20' },
      summary: { S: 's' },
      major: { BOOL: false },
      publishedBy: { S: 'p' },
      publishedAt: { S: '2026-11-19T10:00:00.000Z' },
    });
    const calls: Record<string, unknown>[] = [];
    const dynamodb = {
      call: async (operation: string, input: Readonly<Record<string, unknown>>) => {
        calls.push({ operation, ...input });
        return calls.length === 1
          ? { Items: [item('1.0.0')], LastEvaluatedKey: { pk: { S: 'POLICY' }, sk: { S: 'VERSION#x' } } }
          : { Items: [item('1.1.0')] };
      },
    };

    // Act
    const listed = await new FetchPolicyVersions(dynamodb, 'T').list();

    // Assess
    expect(listed.map((info) => info.version)).toEqual(['1.0.0', '1.1.0']);
    expect(calls).toHaveLength(2);
    expect(calls[0]).not.toHaveProperty('ExclusiveStartKey');
    expect(calls[1]).toMatchObject({
      operation: 'Query',
      TableName: 'T',
      ExclusiveStartKey: { pk: { S: 'POLICY' }, sk: { S: 'VERSION#x' } },
    });
  });
});

/** SHA-256 and HMAC-SHA256 from node:crypto, in the shape the SDK's signer takes. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    if (this.secret === undefined) return createHash('sha256');
    const key = typeof this.secret === 'string' ? this.secret : Buffer.from(this.secret as ArrayBuffer);
    return createHmac('sha256', key);
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(typeof data === 'string' ? data : Buffer.from(data as ArrayBuffer));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
  reset() {
    this.hash = this.fresh();
  }
}

describe('Adapter: the DynamoDB JSON client', () => {
  let server: Server;
  let answer: (request: IncomingMessage, body: string) => { status: number; body: string } | undefined;
  let seen: { headers: IncomingMessage['headers']; body: string }[];
  let endpoint: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        seen.push({ headers: request.headers, body });
        const reply = answer(request, body);
        if (reply === undefined) return; // hangs: the client must give up by itself
        response.writeHead(reply.status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  beforeEach(() => {
    seen = [];
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const environment = {
    AWS_REGION: 'eu-north-1',
    AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_SESSION_TOKEN: 'session-token',
  };

  it("signs with the Lambda environment's session, for DynamoDB in its region, at the endpoint override", async () => {
    // Prepare
    answer = () => ({ status: 200, body: '{"Item":{"pk":{"S":"x"}}}' });
    const client = new DynamoDbJson(
      dynamoDbConnectionFrom({ ...environment, AWS_ENDPOINT_URL_DYNAMODB: endpoint }),
    );

    // Act
    const result = await client.call('GetItem', { TableName: 'T', Key: { pk: { S: 'x' } } });

    // Assess
    expect(result).toEqual({ Item: { pk: { S: 'x' } } });
    const [request] = seen;
    expect(request?.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(request?.headers['content-type']).toBe('application/x-amz-json-1.0');
    expect(request?.headers['x-amz-security-token']).toBe('session-token');
    expect(request?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLE\/\d{8}\/eu-north-1\/dynamodb\/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token;x-amz-target, Signature=[0-9a-f]{64}$/,
    );
    expect(JSON.parse(request?.body ?? '')).toEqual({ TableName: 'T', Key: { pk: { S: 'x' } } });
  });

  it("signs as the AWS SDK's own signer does, so AWS accepts it (locally nothing checks the signature)", async () => {
    // Prepare
    answer = () => ({ status: 200, body: '{}' });
    const client = new DynamoDbJson(
      dynamoDbConnectionFrom({ ...environment, AWS_ENDPOINT_URL_DYNAMODB: endpoint }),
    );
    await client.call('Query', { TableName: 'T', ExpressionAttributeValues: { ':v': { S: 'æ "ø"' } } });
    const [request] = seen;
    const amzDate = String(request?.headers['x-amz-date']);
    const reference = new SignatureV4({
      service: 'dynamodb',
      region: 'eu-north-1',
      credentials: { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session-token' },
      sha256: NodeSha256,
      applyChecksum: false,
    });

    // Act: the SDK's signer over the same request, at the same instant
    const signed = await reference.sign(
      {
        method: 'POST',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port: Number(new URL(endpoint).port),
        path: '/',
        query: {},
        headers: {
          host: String(request?.headers.host),
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.Query',
        },
        body: request?.body,
      },
      {
        signingDate: new Date(
          `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`,
        ),
        // aws4fetch leaves the content type unsigned, as SigV4 allows.
        unsignableHeaders: new Set(['content-type']),
      },
    );

    // Assess
    expect(request?.headers.authorization).toBe(signed.headers.authorization);
  });

  it("goes to DynamoDB's regional endpoint without an override, and needs a region and credentials", () => {
    expect(dynamoDbConnectionFrom(environment).endpoint).toBe('https://dynamodb.eu-north-1.amazonaws.com');
    expect(dynamoDbConnectionFrom({ ...environment, AWS_ENDPOINT_URL: 'http://x:1' }).endpoint).toBe(
      'http://x:1',
    );
    expect(() => dynamoDbConnectionFrom({ ...environment, AWS_REGION: '' })).toThrow(/AWS_REGION/);
    expect(() => dynamoDbConnectionFrom({ ...environment, AWS_SECRET_ACCESS_KEY: undefined })).toThrow(
      /AWS_SECRET_ACCESS_KEY/,
    );
  });

  it('retries throttling (a 400 to DynamoDB) and a 500, then answers', async () => {
    // Prepare
    const replies = [
      {
        status: 400,
        body: '{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"slow"}',
      },
      { status: 500, body: '{"__type":"InternalServerError","message":"oops"}' },
      { status: 200, body: '{"Items":[]}' },
    ];
    answer = () => replies.shift();
    const client = new DynamoDbJson(dynamoDbConnectionFrom({ ...environment, AWS_ENDPOINT_URL: endpoint }), {
      initRetryMs: 1,
    });

    // Act & Assess
    expect(await client.call('Query', { TableName: 'T' })).toEqual({ Items: [] });
    expect(seen).toHaveLength(3);
  });

  it('does not retry a refusal, and names its type', async () => {
    // Prepare
    answer = () => ({
      status: 400,
      body: '{"__type":"com.amazon.coral.service#AccessDeniedException","Message":"not authorized"}',
    });
    const client = new DynamoDbJson(dynamoDbConnectionFrom({ ...environment, AWS_ENDPOINT_URL: endpoint }), {
      initRetryMs: 1,
    });

    // Act & Assess
    await expect(client.call('Query', { TableName: 'T' })).rejects.toMatchObject({
      name: 'DynamoDbCallError',
      type: 'AccessDeniedException',
      message: 'DynamoDB Query failed (400 AccessDeniedException): not authorized',
    });
    expect(seen).toHaveLength(1);
  });

  it('gives up on a connection that never answers', async () => {
    // Prepare
    answer = () => undefined;
    const client = new DynamoDbJson(dynamoDbConnectionFrom({ ...environment, AWS_ENDPOINT_URL: endpoint }), {
      timeoutMs: 200,
    });
    const started = Date.now();

    // Act & Assess
    await expect(client.call('Query', { TableName: 'T' })).rejects.toThrow(/timeout|aborted/i);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

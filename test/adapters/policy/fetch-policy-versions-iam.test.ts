/**
 * The public policy function's signed fetch goes through the local IAM check like the SDK's calls do: it is
 * known by its access key as the function (local/iam/credentials.ts) and held to the template's grants for
 * its role, GetItem and Query on the table and nothing more. Without the grant, the call is refused as AWS
 * refuses it, and the function serves its bundled document rather than no notice at all.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoDbJson, dynamoDbConnectionFrom } from '../../../lambdas/adapters/aws-fetch/dynamodb-json';
import { DynamoPolicyVersions } from '../../../lambdas/adapters/policy/dynamo-policy-versions';
import { FetchPolicyVersions } from '../../../lambdas/adapters/policy/fetch-policy-versions';
import { startDynamoDb } from '../../../local/emulators/dynamodb';
import { functionAccessKeyId, LOCAL_SECRET_ACCESS_KEY } from '../../../local/iam/credentials';
import { templateAuthorizer } from '../../../local/iam/enforcement';
import { type Denial, type IamProxy, startIamProxy } from '../../../local/iam/proxy';
import { synthTemplate } from '../../../local/template/synth';
import type { CfnTemplate } from '../../../local/template/types';
import { apiEvent, lambdaContext } from '../../support/api-event';
import { withoutGrant } from '../../support/template-grants';
import { LOCAL_REGION } from '../store/dynalite-table';

let template: CfnTemplate;
let functionId: string;
let tableName: string;
let dynalite: Awaited<ReturnType<typeof startDynamoDb>>;
let directory: string;
const proxies: IamProxy[] = [];
const denials: Denial[] = [];

/** The IAM check in front of dynalite for this template's roles, as `npm start` puts it. */
async function proxyFor(checked: CfnTemplate): Promise<string> {
  const proxy = await startIamProxy({
    service: 'dynamodb',
    target: dynalite.endpoint,
    authorizer: templateAuthorizer(checked),
    onDenied: (denial) => denials.push(denial),
  });
  proxies.push(proxy);
  return proxy.url;
}

/** The function's environment as the local runtime gives it (local/runtime/lambda-runtime.ts). */
const functionEnvironment = (endpoint: string) => ({
  AWS_REGION: LOCAL_REGION,
  AWS_ACCESS_KEY_ID: functionAccessKeyId(functionId),
  AWS_SECRET_ACCESS_KEY: LOCAL_SECRET_ACCESS_KEY,
  AWS_ENDPOINT_URL_DYNAMODB: endpoint,
  TABLE_NAME: tableName,
});

const storeBehind = (endpoint: string) =>
  new FetchPolicyVersions(new DynamoDbJson(dynamoDbConnectionFrom(functionEnvironment(endpoint))), tableName);

beforeAll(async () => {
  template = synthTemplate();
  const found = Object.entries(template.Resources).find(
    ([id, resource]) => resource.Type === 'AWS::Lambda::Function' && /^PolicyGetPolicy[0-9A-F]{8}$/.test(id),
  );
  if (found === undefined) throw new Error('No policy function in the template');
  functionId = found[0];
  const [tableId, table] =
    Object.entries(template.Resources).find(([, resource]) => resource.Type === 'AWS::DynamoDB::Table') ?? [];
  tableName = String(table?.Properties?.TableName ?? tableId);

  directory = await mkdtemp(join(tmpdir(), 'personvern-policy-iam-'));
  dynalite = await startDynamoDb({ directory, fresh: true, port: 0 });
  const client = new DynamoDBClient({
    endpoint: dynalite.endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  );
  // Published with the shared local key, as the CLI's set-up would: unchecked.
  const publishing = new DynamoPolicyVersions(DynamoDBDocumentClient.from(client), tableName);
  for (;;) {
    try {
      await publishing.put({
        info: {
          version: '9.0.0',
          effectiveDate: '2026-01-01',
          summary: 'Published for the IAM test',
          major: false,
          publishedBy: 'personvernombud',
          publishedAt: '2025-12-01T00:00:00.000Z',
          source: 'published',
        },
        documentJson: '{"version":"9.0.0"}',
      });
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 10)); // the table is not ACTIVE yet
    }
  }
  client.destroy();
}, 180_000);

afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await dynalite?.stop();
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

describe('The policy function reading versions through the local IAM check', () => {
  it("lists and reads with the template's grants (GetItem and Query)", async () => {
    // Prepare
    const store = storeBehind(await proxyFor(template));

    // Act & Assess
    expect((await store.list()).map((info) => info.version)).toEqual(['9.0.0']);
    expect((await store.get('9.0.0'))?.documentJson).toBe('{"version":"9.0.0"}');
    expect(denials.filter((denial) => denial.functionLogicalId === functionId)).toEqual([]);
  });

  it('is refused a write: the role has no PutItem', async () => {
    // Prepare
    const dynamodb = new DynamoDbJson(dynamoDbConnectionFrom(functionEnvironment(await proxyFor(template))));

    // Act & Assess
    await expect(
      dynamodb.call('PutItem', { TableName: tableName, Item: { pk: { S: 'POLICY' }, sk: { S: 'x' } } }),
    ).rejects.toMatchObject({ type: 'AccessDeniedException' });
    expect(denials.at(-1)).toMatchObject({ functionLogicalId: functionId, action: 'dynamodb:PutItem' });
  });

  it.each([
    ['dynamodb:GetItem', (store: FetchPolicyVersions) => store.get('9.0.0')],
    ['dynamodb:Query', (store: FetchPolicyVersions) => store.list()],
  ])('is refused without %s, as AWS refuses it', async (action, read) => {
    // Prepare
    const store = storeBehind(await proxyFor(withoutGrant(template, functionId, action)));

    // Act & Assess
    await expect(read(store)).rejects.toMatchObject({
      name: 'DynamoDbCallError',
      type: 'AccessDeniedException',
      message: expect.stringContaining(`is not authorized to perform: ${action}`),
    });
    expect(denials.at(-1)).toMatchObject({ functionLogicalId: functionId, action });
  });

  it('serves the bundled document, briefly cached, when its Query is refused', async () => {
    // Prepare: the handler reads its environment at import, as at a cold start
    Object.assign(
      process.env,
      functionEnvironment(await proxyFor(withoutGrant(template, functionId, 'dynamodb:Query'))),
    );
    const { handler } = await import('../../../lambdas/handlers/api/get-policy');
    const { bundledPolicy } = await import('../../../lambdas/adapters/policy/bundled-policy');

    // Act
    const response = await handler(apiEvent({ resource: '/policy.json' }), lambdaContext('get-policy'));

    // Assess
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body).version).toBe(bundledPolicy.version);
    expect(response.headers?.['Cache-Control']).toBe('public, max-age=30, must-revalidate');
    expect(denials.at(-1)).toMatchObject({ functionLogicalId: functionId, action: 'dynamodb:Query' });
  });
});

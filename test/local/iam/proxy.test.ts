/**
 * The checking proxy with the real SDK clients: a denied call surfaces as the SDK's AccessDeniedException with
 * AWS's message; an allowed call and a call with the shared local credentials reach the service.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { IamAuthorizer } from '../../../local/iam/authorizer';
import { functionAccessKeyId } from '../../../local/iam/credentials';
import { type Denial, type IamProxy, startIamProxy } from '../../../local/iam/proxy';
import type { ExecutionRole } from '../../../local/template/iam';

const TABLE = 'arn:aws:dynamodb:eu-north-1:000000000000:table/data';
const role: ExecutionRole = {
  logicalId: 'IntakeRole',
  name: 'IntakeRole',
  arn: 'arn:aws:iam::000000000000:role/IntakeRole',
  policies: [
    {
      name: 'p',
      document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE }],
      },
    },
  ],
  managedPolicyArns: [],
  unresolved: [],
};
const authorizer = new IamAuthorizer(new Map([['Intake', role]]));

let upstream: Server;
let reached: string[];
const denials: Denial[] = [];
const proxies: IamProxy[] = [];

beforeAll(async () => {
  reached = [];
  // Stands in for every emulator: records the call and answers an empty JSON body.
  upstream = createServer((request, response) => {
    reached.push(String(request.headers['x-amz-target'] ?? request.url));
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      response.end('{}');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
});

afterAll(async () => {
  await Promise.all(proxies.map((proxy) => proxy.close()));
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

const proxyFor = async (service: 'dynamodb' | 'ses') => {
  const proxy = await startIamProxy({
    service,
    target: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
    authorizer,
    context: { sesIdentities: ['example.org'] },
    onDenied: (denial) => denials.push(denial),
  });
  proxies.push(proxy);
  return proxy.url;
};

const credentials = (accessKeyId: string) => ({ accessKeyId, secretAccessKey: 'local' });

describe('the IAM proxy', () => {
  it('answers a denied DynamoDB call with the AccessDeniedException the SDK knows, and tells the stack', async () => {
    const client = new DynamoDBClient({
      region: 'eu-north-1',
      endpoint: await proxyFor('dynamodb'),
      credentials: credentials(functionAccessKeyId('Intake')),
      maxAttempts: 1,
    });
    const put = new PutItemCommand({ TableName: 'data', Item: { pk: { S: 'x' } } });

    await expect(client.send(put)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 400 },
      message:
        'User: arn:aws:sts::000000000000:assumed-role/IntakeRole/Intake is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:eu-north-1:000000000000:table/data because no identity-based policy allows the dynamodb:PutItem action',
    });
    expect(denials.at(-1)).toMatchObject({
      functionLogicalId: 'Intake',
      action: 'dynamodb:PutItem',
      resource: TABLE,
    });
    expect(reached).not.toContain('DynamoDB_20120810.PutItem');
    client.destroy();
  });

  it('forwards an allowed call, and any call signed with the shared local key', async () => {
    const endpoint = await proxyFor('dynamodb');
    const asFunction = new DynamoDBClient({
      region: 'eu-north-1',
      endpoint,
      credentials: credentials(functionAccessKeyId('Intake')),
    });
    const asTest = new DynamoDBClient({ region: 'eu-north-1', endpoint, credentials: credentials('local') });

    await asFunction.send(new GetItemCommand({ TableName: 'data', Key: { pk: { S: 'x' } } }));
    await asTest.send(new PutItemCommand({ TableName: 'data', Item: { pk: { S: 'x' } } }));

    expect(reached).toEqual(
      expect.arrayContaining(['DynamoDB_20120810.GetItem', 'DynamoDB_20120810.PutItem']),
    );
    asFunction.destroy();
    asTest.destroy();
  });

  it("answers SES v2's 403 AccessDeniedException for a sender the role may not use", async () => {
    const client = new SESv2Client({
      region: 'eu-north-1',
      endpoint: await proxyFor('ses'),
      credentials: credentials(functionAccessKeyId('Intake')),
      maxAttempts: 1,
    });
    const send = new SendEmailCommand({
      FromEmailAddress: 'personvern@example.org',
      Destination: { ToAddresses: ['kari@example.no'] },
      Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 'b' } } } },
    });

    await expect(client.send(send)).rejects.toMatchObject({
      name: 'AccessDeniedException',
      $metadata: { httpStatusCode: 403 },
    });
    expect(denials.at(-1)).toMatchObject({
      action: 'ses:SendEmail',
      resource: 'arn:aws:ses:eu-north-1:000000000000:identity/example.org',
    });
    client.destroy();
  });
});

import {
  type AccessCheck,
  accessChecks,
  UnmappedRequestError,
  type WireRequest,
} from '../../../local/iam/requests';

const ARN = 'arn:aws:%s:eu-north-1:000000000000:';
const arn = (service: string, rest: string) => `${ARN.replace('%s', service)}${rest}`;

const json = (target: string, body: unknown): WireRequest => ({
  method: 'POST',
  url: '/',
  headers: { 'x-amz-target': target },
  body: JSON.stringify(body),
});

describe('DynamoDB calls as IAM actions and resources', () => {
  it('maps an item call to its action on the table', () => {
    expect(
      accessChecks('dynamodb', json('DynamoDB_20120810.PutItem', { TableName: 'data', Item: {} })),
    ).toEqual([{ action: 'dynamodb:PutItem', resource: arn('dynamodb', 'table/data') }]);
  });

  it('maps a Query on an index to the index ARN, and one without to the table', () => {
    const onIndex = json('DynamoDB_20120810.Query', { TableName: 'data', IndexName: 'OpenByDueDate' });
    const onTable = json('DynamoDB_20120810.Query', { TableName: 'data' });
    expect(accessChecks('dynamodb', onIndex)).toEqual([
      { action: 'dynamodb:Query', resource: arn('dynamodb', 'table/data/index/OpenByDueDate') },
    ]);
    expect(accessChecks('dynamodb', onTable)[0]?.resource).toBe(arn('dynamodb', 'table/data'));
  });

  it('checks a batch on every table it names', () => {
    const batch = json('DynamoDB_20120810.BatchWriteItem', { RequestItems: { a: [], b: [] } });
    expect(accessChecks('dynamodb', batch)).toEqual([
      { action: 'dynamodb:BatchWriteItem', resource: arn('dynamodb', 'table/a') },
      { action: 'dynamodb:BatchWriteItem', resource: arn('dynamodb', 'table/b') },
    ]);
  });

  it('checks each part of a transaction as the item action it is', () => {
    const transaction = json('DynamoDB_20120810.TransactWriteItems', {
      TransactItems: [{ Put: { TableName: 'a' } }, { ConditionCheck: { TableName: 'b' } }],
    });
    expect(accessChecks('dynamodb', transaction)).toEqual<AccessCheck[]>([
      { action: 'dynamodb:PutItem', resource: arn('dynamodb', 'table/a') },
      { action: 'dynamodb:ConditionCheckItem', resource: arn('dynamodb', 'table/b') },
    ]);
  });

  it('refuses to guess an operation without a table (PartiQL)', () => {
    expect(() =>
      accessChecks('dynamodb', json('DynamoDB_20120810.ExecuteStatement', { Statement: 'SELECT' })),
    ).toThrow(UnmappedRequestError);
  });
});

describe('Step Functions calls', () => {
  const machine = arn('states', 'stateMachine:RequestWorkflow');
  const execution = arn('states', 'execution:RequestWorkflow:r1');

  it('checks StartExecution on the state machine and DescribeExecution on the execution', () => {
    expect(
      accessChecks('stepfunctions', json('AWSStepFunctions.StartExecution', { stateMachineArn: machine })),
    ).toEqual([{ action: 'states:StartExecution', resource: machine }]);
    expect(
      accessChecks('stepfunctions', json('AWSStepFunctions.DescribeExecution', { executionArn: execution })),
    ).toEqual([{ action: 'states:DescribeExecution', resource: execution }]);
  });

  it('checks SendTaskSuccess on the state machine that issued the token, and leaves a closed token to the emulator', () => {
    const context = { stateMachineOfTaskToken: (token: string) => (token === 'open' ? machine : undefined) };
    const send = (taskToken: string) =>
      accessChecks(
        'stepfunctions',
        json('AWSStepFunctions.SendTaskSuccess', { taskToken, output: '{}' }),
        context,
      );
    expect(send('open')).toEqual([{ action: 'states:SendTaskSuccess', resource: machine }]);
    expect(send('spent')).toEqual([]);
  });
});

describe('SES v2 calls', () => {
  const sendEmail = (body: unknown): WireRequest => ({
    method: 'POST',
    url: '/v2/email/outbound-emails',
    headers: {},
    body: JSON.stringify(body),
  });

  it('checks SendEmail on the domain identity of the sender and on the configuration set', () => {
    const request = sendEmail({
      FromEmailAddress: 'Personvern <personvern@example.org>',
      ConfigurationSetName: 'cs',
    });
    expect(accessChecks('ses', request, { sesIdentities: ['example.org'] })).toEqual([
      { action: 'ses:SendEmail', resource: arn('ses', 'identity/example.org') },
      { action: 'ses:SendEmail', resource: arn('ses', 'configuration-set/cs') },
    ]);
  });

  it('uses the address itself when it is an identity of its own', () => {
    const request = sendEmail({ FromEmailAddress: 'personvern@example.org' });
    expect(accessChecks('ses', request, { sesIdentities: ['personvern@example.org'] })).toEqual([
      { action: 'ses:SendEmail', resource: arn('ses', 'identity/personvern@example.org') },
    ]);
  });

  it('maps GetAccount to an account-level action', () => {
    expect(accessChecks('ses', { method: 'GET', url: '/v2/email/account', headers: {}, body: '' })).toEqual([
      { action: 'ses:GetAccount', resource: '*' },
    ]);
  });
});

describe('SQS and Secrets Manager calls', () => {
  it('checks a batch send as sqs:SendMessage on the queue its URL names', () => {
    const request = json('AmazonSQS.SendMessageBatch', {
      QueueUrl: 'http://127.0.0.1:9/000000000000/Notices',
      Entries: [],
    });
    expect(accessChecks('sqs', request)).toEqual([
      { action: 'sqs:SendMessage', resource: arn('sqs', 'Notices') },
    ]);
  });

  it('checks GetQueueUrl on the queue it names', () => {
    expect(accessChecks('sqs', json('AmazonSQS.GetQueueUrl', { QueueName: 'Notices' }))).toEqual([
      { action: 'sqs:GetQueueUrl', resource: arn('sqs', 'Notices') },
    ]);
  });

  it('checks GetSecretValue on the secret ARN, whether the id is its name or its ARN', () => {
    const byName = json('secretsmanager.GetSecretValue', { SecretId: 'Mailchimp' });
    const byArn = json('secretsmanager.GetSecretValue', {
      SecretId: arn('secretsmanager', 'secret:Mailchimp'),
    });
    const expected = [
      { action: 'secretsmanager:GetSecretValue', resource: arn('secretsmanager', 'secret:Mailchimp') },
    ];
    expect(accessChecks('secretsmanager', byName)).toEqual(expected);
    expect(accessChecks('secretsmanager', byArn)).toEqual(expected);
  });
});

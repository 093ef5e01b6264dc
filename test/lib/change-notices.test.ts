import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../lib/app';

const { stack } = buildApp({ bundling: false });
const template = Template.fromStack(stack);

const functionNamed = (entry: string) => {
  const [id] = Object.entries(template.findResources('AWS::Lambda::Function')).find(
    ([, resource]) => resource.Metadata?.['personvern:entry'] === entry,
  ) ?? [undefined];
  if (id === undefined) throw new Error(`no function for ${entry}`);
  return id;
};

describe('Construct: ChangeNotices', () => {
  it('queues notices on a KMS-encrypted queue that dead-letters after five receives', () => {
    // Assess
    const queues = template.findResources('AWS::SQS::Queue');
    const [mainId, main] =
      Object.entries(queues).find(([, q]) => q.Properties.RedrivePolicy !== undefined) ?? [];
    expect(mainId).toBeDefined();
    expect(main?.Properties).toMatchObject({
      KmsMasterKeyId: expect.anything(),
      VisibilityTimeout: 360,
      RedrivePolicy: {
        maxReceiveCount: 5,
        deadLetterTargetArn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] },
      },
    });
    const dlqId = main?.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0];
    expect(queues[dlqId]?.Properties).toMatchObject({
      KmsMasterKeyId: expect.anything(),
      MessageRetentionPeriod: 1_209_600,
    });
  });

  it('drains it within the SES rate: batches of 10, two senders at most, each at half the rate, partial failures reported', () => {
    // Prepare
    const sender = functionNamed('lambdas/handlers/notices/send-notices.ts');

    // Assess
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: sender },
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 2 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const props = template.findResources('AWS::Lambda::Function')[sender]?.Properties;
    // The event source's MaximumConcurrency is what paces the senders; reservations are opt-in.
    expect(props.ReservedConcurrentExecutions).toBeUndefined();
    expect(props.Environment.Variables).toMatchObject({
      NOTICE_SEND_RATE: '5',
      NOTICE_MAX_RECEIVES: '5',
      NOTICE_RETRY_BASE_SECONDS: '30',
    });
  });

  it('puts the staff routes behind Cognito and the unsubscribe link in public', () => {
    // Assess
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method')).map((m) => m.Properties);
    const paths = Object.entries(template.findResources('AWS::ApiGateway::Resource')).map(([id, r]) => [
      id,
      r.Properties.PathPart,
    ]);
    const resourceOf = (part: string) => paths.filter(([, p]) => p === part).map(([id]) => id);
    const auth = (method: string, part: string) =>
      methods
        .filter((m) => m.HttpMethod === method && resourceOf(part).includes(m.ResourceId?.Ref))
        .map((m) => m.AuthorizationType);
    expect(auth('POST', 'notices')).toEqual(['COGNITO_USER_POOLS']);
    expect(auth('GET', 'notices')).toEqual(['COGNITO_USER_POOLS']);
    expect(auth('POST', 'replay')).toEqual(['COGNITO_USER_POOLS']);
    expect(auth('GET', 'unsubscribe')).toEqual(['NONE']);
    expect(auth('POST', 'unsubscribe')).toEqual(['NONE']);
  });

  it('grants the run the batch writes and deletes it makes, on the table only', () => {
    // Prepare
    const start = functionNamed('lambdas/handlers/notices/start-notice.ts');
    const role = template.findResources('AWS::Lambda::Function')[start]?.Properties.Role['Fn::GetAtt'][0];

    // Assess
    const policy = Object.values(
      template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: role }] } }),
    )[0];
    const actions = (
      (policy?.Properties.PolicyDocument.Statement ?? []) as { Action: string | string[] }[]
    ).flatMap((statement) => statement.Action);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:DeleteItem', 'dynamodb:BatchWriteItem']));
  });

  it('routes SES bounces and complaints through an encrypted topic to the suppression function', () => {
    // Assess
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint']),
        SnsDestination: Match.anyValue(),
      }),
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [functionNamed('lambdas/handlers/notices/email-events.ts'), 'Arn'] },
    });
  });
});

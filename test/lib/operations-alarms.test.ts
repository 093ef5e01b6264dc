import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { OperationsAlarms } from '../../lib/constructs/operations-alarms';
import { nagPacks } from '../../lib/nag';

const ALARM_EMAIL = 'drift@personvern.example';

function stackWithAlarms(options: { importedKey?: boolean; configurationSetName?: string } = {}) {
  const stack = new Stack(new App(), 'Test', { env: { region: 'eu-north-1', account: '111111111111' } });
  const key = options.importedKey
    ? Key.fromKeyArn(
        stack,
        'Imported',
        'arn:aws:kms:eu-north-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      )
    : new Key(stack, 'Key', { enableKeyRotation: true });
  const api = new RestApi(stack, 'Api');
  api.root.addMethod('GET', new MockIntegration());
  const workflow = (id: string) =>
    new StateMachine(stack, id, {
      definitionBody: DefinitionBody.fromChainable(new Pass(stack, `${id}Pass`)),
    });
  const lambda = (scope: Construct, id: string) =>
    new LambdaFunction(scope, id, {
      runtime: Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: Code.fromInline('export const handler = async () => ({});'),
    });
  const digest = lambda(new Construct(stack, 'DeadlineReminders'), 'SendDigests');
  const alarms = new OperationsAlarms(stack, 'OperationsAlarms', {
    alarmEmail: ALARM_EMAIL,
    key,
    api,
    stateMachines: [workflow('ContactWorkflow'), workflow('RequestWorkflow')],
    functions: [lambda(stack, 'GetPolicy'), digest],
    deadLetterQueues: [new Queue(stack, 'NoticeDeadLetters')],
    configurationSetName: options.configurationSetName,
    overdueRequests: new Metric({
      namespace: 'Personvern',
      metricName: 'OverdueRequests',
      dimensionsMap: { service: digest.functionName },
    }),
  });
  return { stack, alarms, template: Template.fromStack(stack) };
}

/** The alarm named `Test-ops-<name>`. */
function alarmNamed(template: Template, name: string): Record<string, unknown> {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm')).filter(
    (alarm) => alarm.Properties.AlarmName === `Test-ops-${name}`,
  );
  expect(found).toHaveLength(1);
  return found[0]?.Properties;
}

/** The dashboard's widgets, with CloudFormation references replaced by a placeholder. */
function dashboardWidgets(template: Template): { y: number; properties: { title?: string } }[] {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  const body = dashboard?.Properties.DashboardBody;
  const text =
    typeof body === 'string'
      ? body
      : (body['Fn::Join'][1] as unknown[]).map((part) => (typeof part === 'string' ? part : 'REF')).join('');
  return JSON.parse(text).widgets;
}

describe('Construct: OperationsAlarms', () => {
  const { stack, template } = stackWithAlarms({ configurationSetName: 'personvern' });

  it('makes one alarm per signal, each emailing the operations address when it fires and when it clears', () => {
    // Assess
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.map((a) => a.Properties.AlarmName).sort()).toEqual([
      'Test-ops-api-5xx',
      'Test-ops-deadline-digest-silent',
      'Test-ops-dlq-NoticeDeadLetters',
      'Test-ops-lambda-DeadlineReminders.SendDigests',
      'Test-ops-lambda-GetPolicy',
      'Test-ops-requests-overdue',
      'Test-ops-ses-bounce-rate',
      'Test-ops-ses-complaint-rate',
      'Test-ops-workflow-ContactWorkflow',
      'Test-ops-workflow-RequestWorkflow',
    ]);
    const topic = { Ref: Object.keys(template.findResources('AWS::SNS::Topic'))[0] };
    for (const alarm of alarms) {
      expect(alarm.Properties).toMatchObject({ AlarmActions: [topic], OKActions: [topic] });
      expect(alarm.Properties.AlarmDescription.length).toBeGreaterThan(20);
    }
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: ALARM_EMAIL,
      TopicArn: topic,
    });
  });

  it('alarms on any 5xx answer of the API', () => {
    // Assess
    expect(alarmNamed(template, 'api-5xx')).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: [{ Name: 'ApiName', Value: 'Api' }],
      Statistic: 'Sum',
      Period: 300,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it('alarms on failed, timed-out or aborted executions, per state machine', () => {
    // Assess
    const alarm = alarmNamed(template, 'workflow-RequestWorkflow');
    expect(alarm).toMatchObject({ Threshold: 1, TreatMissingData: 'notBreaching' });
    const queries = alarm.Metrics as {
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string } };
    }[];
    expect(queries.find((q) => q.Expression !== undefined)?.Expression).toBe(
      'FILL(failed, 0) + FILL(timedOut, 0) + FILL(aborted, 0)',
    );
    expect(
      queries.filter((q) => q.MetricStat !== undefined).map((q) => [q.Id, q.MetricStat?.Metric.MetricName]),
    ).toEqual([
      ['failed', 'ExecutionsFailed'],
      ['timedOut', 'ExecutionsTimedOut'],
      ['aborted', 'ExecutionsAborted'],
    ]);
  });

  it('alarms on errors and throttles with one alarm per function, named after the function', () => {
    // Assess
    const alarm = alarmNamed(template, 'lambda-DeadlineReminders.SendDigests');
    const digestFunction = Object.keys(template.findResources('AWS::Lambda::Function')).find((id) =>
      id.startsWith('DeadlineRemindersSendDigests'),
    );
    expect(alarm).toMatchObject({
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Test-ops-lambda-DeadlineReminders.SendDigests',
      Metrics: Match.arrayWith([
        Match.objectLike({ Id: 'expr_1', Expression: 'FILL(errors, 0) + FILL(throttles, 0)' }),
        Match.objectLike({
          Id: 'errors',
          MetricStat: Match.objectLike({
            Metric: {
              Namespace: 'AWS/Lambda',
              MetricName: 'Errors',
              Dimensions: [{ Name: 'FunctionName', Value: { Ref: digestFunction } }],
            },
            Stat: 'Sum',
          }),
        }),
        Match.objectLike({
          Id: 'throttles',
          MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'Throttles' }) }),
        }),
      ]),
    });
  });

  it('alarms as soon as one message is visible in a dead-letter queue', () => {
    // Assess
    expect(alarmNamed(template, 'dlq-NoticeDeadLetters')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Statistic: 'Maximum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      TreatMissingData: 'notBreaching',
    });
  });

  it.each([
    ['bounce', 'Reputation.BounceRate', 0.025],
    ['complaint', 'Reputation.ComplaintRate', 0.0005],
  ])(
    'alarms on the account %s rate at half the rate at which SES reviews an account',
    (kind, metric, rate) => {
      // Assess
      const alarm = alarmNamed(template, `ses-${kind}-rate`);
      expect(alarm).toMatchObject({
        Namespace: 'AWS/SES',
        MetricName: metric,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: rate,
        TreatMissingData: 'ignore',
      });
      // The account's rate is what SES reviews: no configuration-set dimension.
      expect(alarm.Dimensions).toBeUndefined();
    },
  );

  it('alarms when the last digest found overdue requests, and keeps that state between daily runs', () => {
    // Assess
    expect(alarmNamed(template, 'requests-overdue')).toMatchObject({
      Namespace: 'Personvern',
      MetricName: 'OverdueRequests',
      Statistic: 'Maximum',
      Period: 3600,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
      EvaluationPeriods: 1,
      TreatMissingData: 'ignore',
    });
  });

  it('alarms when the digest has not reported for 32 hours, reading every missing hour as breaching', () => {
    // Assess
    const alarm = alarmNamed(template, 'deadline-digest-silent');
    expect(alarm).toMatchObject({
      Namespace: 'Personvern',
      MetricName: 'OverdueRequests',
      Statistic: 'SampleCount',
      Period: 3600,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      EvaluationPeriods: 32,
      DatapointsToAlarm: 32,
      TreatMissingData: 'breaching',
    });
    // CloudWatch accepts at most 7 days of evaluation for periods of an hour or more.
    expect((alarm.Period as number) * (alarm.EvaluationPeriods as number)).toBeLessThanOrEqual(604_800);
    expect(alarm.Dimensions).toEqual([{ Name: 'service', Value: expect.anything() }]);
  });

  it('encrypts the topic with the key, refuses publishing without TLS and lets only CloudWatch alarms of this stack publish', () => {
    // Prepare
    const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
    const fromTheseAlarms = {
      StringEquals: { 'aws:SourceAccount': '111111111111' },
      ArnLike: {
        'aws:SourceArn': {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':cloudwatch:eu-north-1:111111111111:alarm:Test-ops-*'],
          ],
        },
      },
    };

    // Assess
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    const [policy] = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
    const statements = policy?.Properties.PolicyDocument.Statement as { Effect: string }[];
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: fromTheseAlarms,
      }),
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            Condition: fromTheseAlarms,
          }),
        ]),
      },
    });
  });

  it('leaves an imported key alone and says what its policy needs', () => {
    // Act
    const { stack: imported, template: importedTemplate } = stackWithAlarms({ importedKey: true });

    // Assess
    importedTemplate.resourceCountIs('AWS::KMS::Key', 0);
    Annotations.fromStack(imported).hasWarning(
      '/Test/OperationsAlarms',
      Match.stringLikeRegexp('cloudwatch.amazonaws.com.*kms:Decrypt'),
    );
  });

  it('draws a dashboard with the alarms on top and one row per area', () => {
    // Act
    const widgets = dashboardWidgets(template);

    // Assess
    template.hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'Test-operations' });
    const rows = [...new Set(widgets.map((w) => w.y))]
      .sort((a, b) => a - b)
      .map((y) => widgets.filter((w) => w.y === y).map((w) => w.properties.title));
    expect(rows).toEqual([
      ['Alarms'],
      ['API: 5xx and 4xx answers', 'API: requests', 'API: latency'],
      ['Workflow ContactWorkflow', 'Workflow RequestWorkflow'],
      ['Lambda errors per function', 'Lambda throttles per function'],
      ['Dead-letter queues: messages waiting'],
      ['SES bounce rate', 'SES complaint rate'],
      ['Overdue open requests (per digest run)', 'Deadline digest runs that reported'],
    ]);
  });

  it.each(nagPacks(stack).map((pack) => [pack.readPackName, pack] as const))(
    'leaves no unacknowledged %s finding on its own resources',
    (_, pack) => {
      // Act
      const report = pack.validateScope(stack);

      // Assess
      const findings = report.violations.flatMap((v) =>
        v.violatingResources
          .map((r) => (r as { constructPath?: string }).constructPath ?? '')
          .filter((path) => path.startsWith('Test/OperationsAlarms'))
          .map((path) => `${v.ruleName}: ${path}`),
      );
      expect(findings).toEqual([]);
    },
  );
});

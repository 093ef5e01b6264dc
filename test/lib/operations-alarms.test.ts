import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { MockIntegration, RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, Pass, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { alarmMetrics } from '../../bench/fixed-cost';
import { FIXED_PRICES, FREE_TIER } from '../../bench/prices';
import { OperationsAlarms } from '../../lib/constructs/operations-alarms';
import { nagPacks } from '../../lib/nag';

const ALARM_EMAIL = 'drift@personvern.example';

function stackWithAlarms(
  options: { importedKey?: boolean; configurationSetName?: string; functions?: number; queues?: number } = {},
) {
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
  // The stack's other functions: the alarms read the account's Lambda metrics, so these add none.
  for (let i = 0; i < (options.functions ?? 2) - 1; i++) lambda(stack, i === 0 ? 'GetPolicy' : `Handler${i}`);
  const alarms = new OperationsAlarms(stack, 'OperationsAlarms', {
    alarmEmail: ALARM_EMAIL,
    key,
    api,
    stateMachines: [workflow('ContactWorkflow'), workflow('RequestWorkflow')],
    deadLetterQueues: Array.from(
      { length: options.queues ?? 1 },
      (_, i) => new Queue(stack, i === 0 ? 'NoticeDeadLetters' : `OtherDeadLetters${i}`),
    ),
    configurationSetName: options.configurationSetName,
    overdueRequests: new Metric({
      namespace: 'Personvern',
      metricName: 'OverdueRequests',
      dimensionsMap: { service: digest.functionName },
    }),
  });
  return { stack, alarms, template: Template.fromStack(stack) };
}

/**
 * The alarm metrics of a template, counted here rather than with the construct's own helper: a single-metric
 * alarm reads one, a metric-math alarm one per `MetricStat` query (its expressions are not billed).
 */
/** The alarm metrics the fixed-cost benchmark (bench/fixed-cost.ts) prices for this template. */
function pricedAlarmMetrics(template: Template): number {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).reduce(
    (sum, { Properties: alarm }) => sum + alarmMetrics(alarm).metrics,
    0,
  );
}

/** What an alarm metric costs a month beyond the free ones left in the account. */
const alarmMonthlyUsd = (metrics: number, freeMetrics: number = FREE_TIER.alarmMetrics) =>
  Math.round(Math.max(0, metrics - freeMetrics) * FIXED_PRICES.alarmMetric.usd * 100) / 100;

function billedAlarmMetrics(template: Template): { name: string; metrics: number }[] {
  return Object.values(template.findResources('AWS::CloudWatch::Alarm')).map(({ Properties: alarm }) => {
    const queries = alarm.Metrics as { MetricStat?: unknown; Expression?: string }[] | undefined;
    if (queries === undefined) {
      expect(alarm.MetricName).toEqual(expect.any(String));
      return { name: alarm.AlarmName, metrics: 1 };
    }
    expect(queries.filter((q) => q.Expression !== undefined)).toHaveLength(1);
    return { name: alarm.AlarmName, metrics: queries.filter((q) => q.MetricStat !== undefined).length };
  });
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
function dashboardWidgets(
  template: Template,
): { y: number; properties: { title?: string; metrics?: unknown[][] } }[] {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  const body = dashboard?.Properties.DashboardBody;
  const text =
    typeof body === 'string'
      ? body
      : (body['Fn::Join'][1] as unknown[]).map((part) => (typeof part === 'string' ? part : 'REF')).join('');
  return JSON.parse(text).widgets;
}

/** The dashboard's graph entries: metrics, and expressions (a search) as `{ expression }`. */
function dashboardEntries(template: Template): { metrics: unknown[][]; expressions: string[] } {
  const entries = dashboardWidgets(template).flatMap((w) => w.properties.metrics ?? []);
  const isExpression = (entry: unknown[]) =>
    typeof entry[0] === 'object' && entry[0] !== null && 'expression' in entry[0];
  return {
    metrics: entries.filter((entry) => !isExpression(entry)),
    expressions: entries.filter(isExpression).map((entry) => (entry[0] as { expression: string }).expression),
  };
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
      'Test-ops-lambda-errors-throttles',
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

  it('alarms on failed or timed-out executions, per state machine, and only graphs aborted ones', () => {
    // Assess
    const alarm = alarmNamed(template, 'workflow-RequestWorkflow');
    expect(alarm).toMatchObject({ Threshold: 1, TreatMissingData: 'notBreaching' });
    const queries = alarm.Metrics as {
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { MetricName: string; Dimensions: { Name: string }[] } };
    }[];
    expect(queries.find((q) => q.Expression !== undefined)?.Expression).toBe(
      'FILL(failed, 0) + FILL(timedOut, 0)',
    );
    expect(
      queries.filter((q) => q.MetricStat !== undefined).map((q) => [q.Id, q.MetricStat?.Metric.MetricName]),
    ).toEqual([
      ['failed', 'ExecutionsFailed'],
      ['timedOut', 'ExecutionsTimedOut'],
    ]);
    expect(queries[1]?.MetricStat?.Metric.Dimensions.map((d) => d.Name)).toEqual(['StateMachineArn']);
    const graphed = dashboardWidgets(template).find((w) => w.properties.title === 'Workflow RequestWorkflow');
    expect(graphed?.properties.metrics?.map((m) => m[1])).toEqual([
      'ExecutionsStarted',
      'ExecutionsFailed',
      'ExecutionsTimedOut',
      'ExecutionsAborted',
    ]);
  });

  it("alarms on errors and throttles of all the account's functions in one alarm, and says so", () => {
    // Assess
    const alarm = alarmNamed(template, 'lambda-errors-throttles');
    expect(alarm).toMatchObject({
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
    });
    expect(alarm.AlarmDescription).toMatch(/shares the account/);
    expect(alarm.AlarmDescription).toMatch(/Test-operations/);
    // No dimensions: the account-and-region-level metrics, not one function's.
    expect(alarm.Metrics).toEqual([
      expect.objectContaining({ Id: 'expr_1', Expression: 'FILL(errors, 0) + FILL(throttles, 0)' }),
      expect.objectContaining({
        Id: 'errors',
        MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: 'Errors' }, Period: 300, Stat: 'Sum' },
      }),
      expect.objectContaining({
        Id: 'throttles',
        MetricStat: {
          Metric: { Namespace: 'AWS/Lambda', MetricName: 'Throttles' },
          Period: 300,
          Stat: 'Sum',
        },
      }),
    ]);
  });

  it('graphs errors and throttles per function with one search each, not one metric per function', () => {
    // Act
    const { expressions } = dashboardEntries(template);

    // Assess
    expect(expressions).toEqual([
      `SEARCH('{AWS/Lambda,FunctionName} MetricName="Errors"', 'Sum', 300)`,
      `SEARCH('{AWS/Lambda,FunctionName} MetricName="Throttles"', 'Sum', 300)`,
    ]);
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
      [
        'Lambda: errors and throttles (account)',
        'Lambda errors per function',
        'Lambda throttles per function',
      ],
      ['Dead-letter queues: messages waiting'],
      ['SES bounce rate', 'SES complaint rate'],
      ['Overdue open requests (per digest run)', 'Deadline digest runs that reported'],
    ]);
  });

  describe('cost, in the shape of the real stack (40 functions, 2 state machines)', () => {
    const real = stackWithAlarms({ functions: 40, configurationSetName: 'personvern' });

    it('reads at most 14 alarm metrics, whatever the number of functions', () => {
      // Act
      const perAlarm = billedAlarmMetrics(real.template);
      const total = perAlarm.reduce((sum, a) => sum + a.metrics, 0);

      // Assess
      real.template.resourceCountIs('AWS::Lambda::Function', 40);
      expect(Object.fromEntries(perAlarm.map((a) => [a.name, a.metrics]))).toEqual({
        'Test-ops-api-5xx': 1,
        'Test-ops-workflow-ContactWorkflow': 2,
        'Test-ops-workflow-RequestWorkflow': 2,
        'Test-ops-lambda-errors-throttles': 2,
        'Test-ops-dlq-NoticeDeadLetters': 1,
        'Test-ops-ses-bounce-rate': 1,
        'Test-ops-ses-complaint-rate': 1,
        'Test-ops-requests-overdue': 1,
        'Test-ops-deadline-digest-silent': 1,
      });
      expect(total).toBe(12);
      expect(total).toBeLessThanOrEqual(14);
      expect(real.alarms.alarmMetricCount).toBe(total);
      expect(pricedAlarmMetrics(real.template)).toBe(total);
    });

    it('adds one alarm metric per dead-letter queue', () => {
      // Act
      const { alarms, template: withThree } = stackWithAlarms({ functions: 40, queues: 3 });

      // Assess
      const total = billedAlarmMetrics(withThree).reduce((sum, a) => sum + a.metrics, 0);
      expect(total).toBe(14);
      expect(alarms.alarmMetricCount).toBe(14);
      expect(pricedAlarmMetrics(withThree)).toBe(14);
    });

    it('costs $0.20 a month past the free tier, $1.20 without it', () => {
      // Assess
      expect(alarmMonthlyUsd(real.alarms.alarmMetricCount)).toBe(0.2);
      expect(alarmMonthlyUsd(real.alarms.alarmMetricCount, 0)).toBe(1.2);
      expect(alarmMonthlyUsd(8)).toBe(0);
    });

    it('keeps the dashboard within the 50 metrics of a free one', () => {
      // Act
      const { metrics, expressions } = dashboardEntries(real.template);

      // Assess
      expect(metrics.length).toBeLessThanOrEqual(FREE_TIER.dashboardMaxMetrics);
      expect(metrics).toHaveLength(22);
      expect(expressions).toHaveLength(2);
      real.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    });
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

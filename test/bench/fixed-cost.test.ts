import {
  alarmMetrics,
  dashboardMetricCount,
  estimateFixedCost,
  type FixedCost,
  type Template,
} from '../../bench/fixed-cost';

const metricStat = (name: string, period = 300) => ({
  Id: name.toLowerCase(),
  MetricStat: { Metric: { Namespace: 'AWS/Lambda', MetricName: name }, Period: period, Stat: 'Sum' },
  ReturnData: false,
});

/** A small stack: a web ACL with 3 rules, a rotating key, a secret, two alarms, a dashboard, a queue. */
const TEMPLATE: Template = {
  Resources: {
    Acl: {
      Type: 'AWS::WAFv2::WebACL',
      Properties: {
        Rules: [
          { Name: 'Rate', Statement: { RateBasedStatement: { Limit: 1000, AggregateKeyType: 'IP' } } },
          {
            Name: 'Common',
            Statement: {
              ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' },
            },
          },
          {
            Name: 'BadInputs',
            Statement: {
              ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' },
            },
          },
        ],
      },
    },
    Key: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true } },
    Secret: { Type: 'AWS::SecretsManager::Secret', Properties: {} },
    Single: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: { MetricName: '5XXError', Namespace: 'AWS/ApiGateway', Period: 300, Statistic: 'Sum' },
    },
    WorkflowFailures: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        Metrics: [
          {
            Id: 'expr',
            Expression: 'FILL(failed, 0) + FILL(timedOut, 0) + FILL(aborted, 0)',
            ReturnData: true,
          },
          metricStat('ExecutionsFailed'),
          metricStat('ExecutionsTimedOut'),
          metricStat('ExecutionsAborted'),
        ],
      },
    },
    Dashboard: {
      Type: 'AWS::CloudWatch::Dashboard',
      Properties: {
        DashboardBody: {
          'Fn::Join': [
            '',
            [
              '{"widgets":[{"type":"metric","properties":{"metrics":[["AWS/Lambda","Errors","FunctionName","',
              { Ref: 'Fn' },
              '"],["AWS/Lambda","Throttles"]]}}]}',
            ],
          ],
        },
      },
    },
    Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
    Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
    Poll: {
      Type: 'AWS::Lambda::EventSourceMapping',
      Properties: { EventSourceArn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, FunctionName: { Ref: 'Fn' } },
    },
  },
};

const lineFor = (cost: FixedCost, what: string) => {
  const found = cost.lines.find((l) => l.what.startsWith(what));
  if (found === undefined)
    throw new Error(`no line "${what}" in ${cost.lines.map((l) => l.what).join(', ')}`);
  return found;
};

describe('the fixed monthly cost of a template', () => {
  const cost = estimateFixedCost(TEMPLATE);

  it('prices a web ACL with three rules at $8, a managed rule group counting as one rule', () => {
    expect(lineFor(cost, 'WAF web ACL').monthlyUsd).toBe(5);
    expect(lineFor(cost, 'WAF rules')).toMatchObject({ count: 3, monthlyUsd: 3 });
  });

  it('counts a math alarm by the metrics it reads: three MetricStat entries are three metrics', () => {
    expect(lineFor(cost, 'CloudWatch alarm metrics (standard')).toMatchObject({ count: 4, monthlyUsd: 0.4 });
  });

  it('charges a rotating key $1, and $1 for each of its first two rotations only after they happen', () => {
    expect(lineFor(cost, 'KMS customer managed keys')).toMatchObject({ count: 1, monthlyUsd: 1 });
    expect(lineFor(cost, 'KMS key rotations')).toMatchObject({
      count: 2,
      monthlyUsd: 2,
      afterRotation: true,
    });
    expect(cost.totalUsd - cost.firstYearUsd).toBeCloseTo(2, 6);
  });

  it('prices the secret, the dashboard and the idle polling of the queue', () => {
    expect(lineFor(cost, 'Secrets Manager').monthlyUsd).toBe(0.4);
    expect(lineFor(cost, 'CloudWatch dashboards').monthlyUsd).toBe(3);
    expect(lineFor(cost, 'SQS receives').count).toBe(657_000);
  });

  it('totals the line items without free tiers, and separately with them', () => {
    // 5 + 3 + 1 + 2 + 0.40 + 0.40 + 3 + 0.2628
    expect(cost.totalUsd).toBeCloseTo(15.0628, 4);
    // Free: 4 alarm metrics, the dashboard (2 metrics), the 657,000 SQS requests.
    expect(cost.withFreeTierUsd).toBeCloseTo(15.0628 - 0.4 - 3 - 0.2628, 4);
  });

  it('says why every other type costs nothing idle, and names a type it does not know', () => {
    expect(cost.zeroAtIdle.map((z) => z.type)).toEqual(
      expect.arrayContaining(['AWS::SQS::Queue', 'AWS::Lambda::Function']),
    );
    expect(cost.notAssessed).toEqual([]);
    const withNat = estimateFixedCost({
      Resources: { ...TEMPLATE.Resources, Nat: { Type: 'AWS::EC2::NatGateway', Properties: {} } },
    });
    expect(withNat.notAssessed).toEqual([
      expect.objectContaining({ type: 'AWS::EC2::NatGateway', count: 1 }),
    ]);
  });

  it('flags a setting that bills by the hour on an otherwise free type', () => {
    const cached = estimateFixedCost({
      Resources: { Stage: { Type: 'AWS::ApiGateway::Stage', Properties: { CacheClusterEnabled: true } } },
    });
    expect(cached.notAssessed.map((n) => n.type)).toEqual(['AWS::ApiGateway::Stage']);
  });
});

describe('alarm metrics', () => {
  it('is one for a single-metric alarm, high resolution under 60 seconds', () => {
    expect(alarmMetrics({ MetricName: 'Errors', Period: 60 })).toMatchObject({
      metrics: 1,
      highResolution: false,
    });
    expect(alarmMetrics({ MetricName: 'Errors', Period: 10 })).toMatchObject({
      metrics: 1,
      highResolution: true,
    });
  });

  it('bills an anomaly detection band as the metric and its two bounds', () => {
    const anomaly = alarmMetrics({
      Metrics: [
        metricStat('Invocations'),
        { Id: 'band', Expression: 'ANOMALY_DETECTION_BAND(invocations, 2)' },
      ],
      ThresholdMetricId: 'band',
    });
    expect(anomaly.metrics).toBe(3);
  });

  it('prices high-resolution alarms apart and leaves them out of the free tier', () => {
    const cost = estimateFixedCost({
      Resources: {
        Fast: { Type: 'AWS::CloudWatch::Alarm', Properties: { Metrics: [metricStat('Errors', 10)] } },
      },
    });
    expect(cost.lines).toEqual([expect.objectContaining({ count: 1, unitUsd: 0.3 })]);
    expect(cost.withFreeTierUsd).toBe(0.3);
  });
});

describe('dashboard metric count', () => {
  it('reads a joined body and keeps dashboards over 50 metrics out of the free tier', () => {
    const metrics = Array.from({ length: 51 }, (_, i) => ['AWS/Lambda', 'Errors', 'FunctionName', `f${i}`]);
    const body = JSON.stringify({ widgets: [{ type: 'metric', properties: { metrics } }] });
    expect(dashboardMetricCount(body)).toBe(51);
    const cost = estimateFixedCost({
      Resources: { Big: { Type: 'AWS::CloudWatch::Dashboard', Properties: { DashboardBody: body } } },
    });
    expect(cost.withFreeTierUsd).toBe(3);
  });

  it('is unknown for a body it cannot read', () => {
    expect(dashboardMetricCount({ 'Fn::Sub': 'a body from a parameter' })).toBeUndefined();
  });
});

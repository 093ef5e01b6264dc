/**
 * What the stack costs a month at zero traffic, read from its synthesized CloudFormation template: every
 * resource that bills by the month whether or not it is used, as line items priced from FIXED_PRICES.
 * Pure: it takes the template as JSON and looks nothing up, so the same template always gives the same
 * bill. `npm run bench -- --only fixed-cost` synthesizes the app and renders the result.
 *
 * Every resource type in the template ends up in one of three lists: a priced line item, a type that costs
 * nothing when idle (with the reason), or "not assessed". A type this file does not know lands in the last
 * list, so a new kind of resource shows up in the report instead of silently costing $0.
 */
import { FIXED_PRICES, FREE_TIER, type Price } from './prices';

export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}

export interface Template {
  readonly Resources: Record<string, TemplateResource>;
}

export interface FixedCostLine {
  /** The service the line is billed under, to add lines up by service. */
  readonly service: string;
  readonly what: string;
  readonly count: number;
  /** What one `count` is, e.g. "alarm metric". */
  readonly unit: string;
  readonly unitUsd: number;
  readonly monthlyUsd: number;
  readonly source: string;
  readonly note?: string;
  /** Logical IDs of the resources the line counts. */
  readonly resources: string[];
  /** Billed only once a key's material has been rotated: not in the first rotation period. */
  readonly afterRotation?: boolean;
}

export interface FreeTierLine {
  readonly what: string;
  readonly savedUsd: number;
}

export interface ResourceTypeNote {
  readonly type: string;
  readonly count: number;
  readonly why: string;
}

export interface FixedCost {
  readonly lines: FixedCostLine[];
  /** Every line, rotations included: what the stack costs a month once its keys have rotated twice. */
  readonly totalUsd: number;
  /** The same before the first rotation (the first year with the default rotation period). */
  readonly firstYearUsd: number;
  /** The always-free tier as it would apply in an account holding nothing but this stack. */
  readonly freeTier: FreeTierLine[];
  readonly withFreeTierUsd: number;
  /** Resource types in the template that cost nothing at zero traffic, and why. */
  readonly zeroAtIdle: ResourceTypeNote[];
  /** Resource types (or settings) that may bill by the month and that this estimate does not price. */
  readonly notAssessed: ResourceTypeNote[];
  readonly resourceCount: number;
}

/** Hours in a month, as AWS prices prorate them. */
const HOURS_PER_MONTH = 730;

/**
 * Lambda's pollers on an idle standard queue: about five long polls at a time, each waiting 20 s, so
 * 5 × 3 ReceiveMessage calls a minute. A model, not a measurement: AWS documents that Lambda polls
 * continuously and starts with five concurrent batches, and bills the receives as SQS requests.
 */
const IDLE_SQS_POLLERS = 5;
const IDLE_SQS_RECEIVES_PER_MONTH = IDLE_SQS_POLLERS * 3 * 60 * HOURS_PER_MONTH;

/** Paid AWS managed rule groups: a monthly subscription on top of the rule. */
const PAID_RULE_GROUPS = new Set([
  'AWSManagedRulesBotControlRuleSet',
  'AWSManagedRulesATPRuleSet',
  'AWSManagedRulesACFPRuleSet',
]);

/** Types with no charge while nothing uses them. Settings that would change that are checked below. */
const ZERO_AT_IDLE: Record<string, string> = {
  'AWS::Lambda::Function': 'billed per request and GB-second; no provisioned concurrency',
  'AWS::Lambda::Permission': 'no charge',
  'AWS::Lambda::LayerVersion': 'code storage, free up to 75 GB',
  'AWS::IAM::Role': 'no charge',
  'AWS::IAM::Policy': 'no charge',
  'AWS::Logs::LogGroup':
    'billed per GB ingested and stored; at zero traffic only the daily deadline digest writes a few KB',
  'AWS::ApiGateway::RestApi': 'billed per request; a custom domain name costs nothing either',
  'AWS::ApiGateway::Deployment': 'no charge',
  'AWS::ApiGateway::Stage': 'billed per request; no cache cluster (that one bills by the hour)',
  'AWS::ApiGateway::Resource': 'no charge',
  'AWS::ApiGateway::Method': 'no charge',
  'AWS::ApiGateway::GatewayResponse': 'no charge',
  'AWS::ApiGateway::Authorizer': 'no charge (the Cognito authorizer calls nothing billable)',
  'AWS::ApiGateway::Account': 'no charge',
  'AWS::WAFv2::WebACLAssociation': 'no charge beyond the web ACL',
  'AWS::WAFv2::LoggingConfiguration': 'billed per GB of logs delivered; only blocked requests are kept',
  'AWS::S3::Bucket':
    'billed per GB stored and per request; empty at zero traffic but for the staff console files (a few MB, under $0.001)',
  'AWS::S3::BucketPolicy': 'no charge',
  'AWS::SES::EmailIdentity': 'no charge; emails are billed as sent',
  'AWS::SES::ConfigurationSet': 'no charge without dedicated IPs or Virtual Deliverability Manager',
  'AWS::SES::ConfigurationSetEventDestination': 'billed as the SNS notifications it sends',
  'AWS::CloudFront::Distribution': 'pay as you go per request and GB (no flat-rate plan)',
  'AWS::CloudFront::ResponseHeadersPolicy': 'no charge',
  'AWS::CloudFront::OriginAccessControl': 'no charge',
  'AWS::Cognito::UserPool': 'Essentials tier, billed per monthly active user; none at zero traffic',
  'AWS::Cognito::UserPoolGroup': 'no charge',
  'AWS::Cognito::UserPoolClient': 'no charge',
  'AWS::Cognito::UserPoolDomain': 'no charge (prefix domain)',
  'AWS::DynamoDB::Table':
    'on-demand: billed per request; storage and point-in-time recovery per GB, about zero for an empty table',
  'AWS::StepFunctions::StateMachine': 'billed per state transition',
  'AWS::SQS::Queue': 'billed per request (idle polling by Lambda is a line item)',
  'AWS::SQS::QueuePolicy': 'no charge',
  'AWS::Lambda::EventSourceMapping': 'no charge itself; its idle polling of SQS is a line item',
  'AWS::SNS::Topic': 'billed per publish and delivery',
  'AWS::SNS::TopicPolicy': 'no charge',
  'AWS::SNS::Subscription': 'no charge; deliveries are billed',
  'AWS::Scheduler::Schedule':
    'billed per invocation ($1 per million after 14 million free); the daily schedule makes about 30 a month',
  'AWS::KMS::Alias': 'no charge',
  'AWS::CDK::Metadata': 'no charge',
};

/** Types priced by a line item: listed neither as free nor as not assessed. */
const PRICED = new Set([
  'AWS::WAFv2::WebACL',
  'AWS::KMS::Key',
  'AWS::KMS::ReplicaKey',
  'AWS::SecretsManager::Secret',
  'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::CompositeAlarm',
  'AWS::CloudWatch::Dashboard',
]);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
/** Dollars to a hundredth of a cent, so sums of line items do not drift. */
const round4 = (usd: number) => Math.round(usd * 10_000) / 10_000;

function line(
  price: Price,
  service: string,
  what: string,
  count: number,
  unit: string,
  resources: string[],
  extra: { note?: string; afterRotation?: boolean } = {},
): FixedCostLine {
  const note = [extra.note, 'note' in price ? price.note : undefined].filter(Boolean).join('. ');
  return {
    service,
    what,
    count,
    unit,
    unitUsd: price.usd,
    monthlyUsd: round4(count * price.usd),
    source: price.source,
    ...(note === '' ? {} : { note }),
    resources,
    ...(extra.afterRotation ? { afterRotation: true } : {}),
  };
}

interface AlarmMetrics {
  readonly metrics: number;
  readonly highResolution: boolean;
  readonly math: boolean;
  /** A Metrics Insights query: billed per metric it analyses, which the template does not say. */
  readonly insightsQuery: boolean;
}

/**
 * How many metrics CloudWatch bills for one alarm: 1 for a single-metric alarm; for a metric-math alarm,
 * each entry of `Metrics` that reads a metric (`MetricStat`), plus two for each anomaly detection band
 * (its upper and lower bound are billed as metrics). High resolution when any period is under 60 s.
 */
export function alarmMetrics(properties: Record<string, unknown>): AlarmMetrics {
  const entries = asArray(properties.Metrics).filter(isRecord);
  if (entries.length === 0) {
    const period = Number(properties.Period ?? 60);
    return { metrics: 1, highResolution: period < 60, math: false, insightsQuery: false };
  }
  let metrics = 0;
  let highResolution = false;
  let insightsQuery = false;
  for (const entry of entries) {
    const stat = entry.MetricStat;
    if (isRecord(stat)) {
      metrics += 1;
      if (Number(stat.Period ?? 60) < 60) highResolution = true;
    }
    const expression = typeof entry.Expression === 'string' ? entry.Expression : '';
    metrics += 2 * (expression.match(/ANOMALY_DETECTION_BAND\s*\(/gi)?.length ?? 0);
    if (/^\s*SELECT\b/i.test(expression)) insightsQuery = true;
    if (Number(entry.Period ?? 60) < 60) highResolution = true;
  }
  return { metrics, highResolution, math: true, insightsQuery };
}

/**
 * The number of metrics a dashboard body shows (the free tier covers dashboards of up to 50), or
 * undefined when the body cannot be read. CloudFormation tokens inside the body (ARNs, names) are replaced
 * by a placeholder: they sit inside JSON strings.
 */
export function dashboardMetricCount(body: unknown): number | undefined {
  let text: string | undefined;
  if (typeof body === 'string') text = body;
  else if (isRecord(body) && Array.isArray(body['Fn::Join'])) {
    const [separator, parts] = body['Fn::Join'] as [unknown, unknown];
    if (typeof separator === 'string' && Array.isArray(parts))
      text = parts.map((part) => (typeof part === 'string' ? part : 'TOKEN')).join(separator);
  }
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as { widgets?: { properties?: { metrics?: unknown[] } }[] };
    return (parsed.widgets ?? []).reduce((sum, w) => sum + (w.properties?.metrics?.length ?? 0), 0);
  } catch {
    return undefined;
  }
}

/** The logical ID an `Fn::GetAtt` or `Ref` points at, if it is one. */
function referencedId(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const getAtt = value['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return typeof value.Ref === 'string' ? value.Ref : undefined;
}

export function estimateFixedCost(template: Template): FixedCost {
  const resources = Object.entries(template.Resources ?? {});
  const ofType = (type: string) => resources.filter(([, r]) => r.Type === type);
  const props = (r: TemplateResource) => r.Properties ?? {};
  const lines: FixedCostLine[] = [];
  const notAssessed: ResourceTypeNote[] = [];
  const flag = (type: string, ids: string[], why: string) => {
    if (ids.length > 0) notAssessed.push({ type, count: ids.length, why: `${why} (${ids.join(', ')})` });
  };

  // WAF: the web ACL, each rule (a rule group counts as one), paid managed groups' subscriptions.
  const acls = ofType('AWS::WAFv2::WebACL');
  if (acls.length > 0) {
    const ids = acls.map(([id]) => id);
    lines.push(line(FIXED_PRICES.wafWebAcl, 'WAF', 'WAF web ACL', acls.length, 'web ACL', ids));
    const rules = acls.flatMap(([id, r]) =>
      asArray(props(r).Rules)
        .filter(isRecord)
        .map((rule) => ({ id, rule })),
    );
    const managed = rules.filter(({ rule }) =>
      isRecord(isRecord(rule.Statement) ? rule.Statement.ManagedRuleGroupStatement : undefined),
    );
    const names = rules.map(({ rule }) => String(rule.Name ?? '?'));
    lines.push(
      line(FIXED_PRICES.wafRule, 'WAF', 'WAF rules', rules.length, 'rule', ids, {
        note: `${names.join(', ')}; ${managed.length} of them managed rule groups, one rule each`,
      }),
    );
    const paid = managed.filter(({ rule }) => {
      const statement = (rule.Statement as Record<string, unknown>).ManagedRuleGroupStatement as Record<
        string,
        unknown
      >;
      return PAID_RULE_GROUPS.has(String(statement.Name));
    });
    if (paid.length > 0)
      lines.push(
        line(
          FIXED_PRICES.wafPaidRuleGroup,
          'WAF',
          'Paid managed rule groups',
          paid.length,
          'rule group',
          ids,
          {
            note: paid.map(({ rule }) => String(rule.Name)).join(', '),
          },
        ),
      );
  }

  // KMS: $1 per key; a rotating key pays for its first and second rotations, later ones are free.
  const keys = ofType('AWS::KMS::Key');
  const replicas = ofType('AWS::KMS::ReplicaKey');
  if (keys.length + replicas.length > 0) {
    const ids = [...keys, ...replicas].map(([id]) => id);
    lines.push(
      line(FIXED_PRICES.kmsKey, 'KMS', 'KMS customer managed keys', ids.length, 'key', ids, {
        ...(replicas.length > 0 ? { note: `${replicas.length} of them multi-Region replicas` } : {}),
      }),
    );
    const rotating = keys.filter(([, r]) => props(r).EnableKeyRotation === true);
    if (rotating.length > 0) {
      const periods = [...new Set(rotating.map(([, r]) => Number(props(r).RotationPeriodInDays ?? 365)))];
      lines.push(
        line(
          FIXED_PRICES.kmsRotation,
          'KMS',
          'KMS key rotations (first and second)',
          rotating.length * 2,
          'rotation',
          rotating.map(([id]) => id),
          {
            afterRotation: true,
            note: `${rotating.length} key${rotating.length === 1 ? '' : 's'} with automatic rotation every ${periods.join(' or ')} days: $1 more from day ${periods.join('/')}, $2 more from day ${periods.map((p) => p * 2).join('/')}, then no more`,
          },
        ),
      );
    }
  }

  // Secrets Manager: $0.40 per secret, and per replica.
  const secrets = ofType('AWS::SecretsManager::Secret');
  if (secrets.length > 0) {
    const replicaCount = secrets.reduce((sum, [, r]) => sum + asArray(props(r).ReplicaRegions).length, 0);
    lines.push(
      line(
        FIXED_PRICES.secretsManagerSecret,
        'Secrets Manager',
        'Secrets Manager secrets',
        secrets.length + replicaCount,
        'secret',
        secrets.map(([id]) => id),
        {
          ...(replicaCount > 0 ? { note: `${replicaCount} of them replicas in other regions` } : {}),
        },
      ),
    );
  }

  // CloudWatch alarms: billed per metric they read, by resolution.
  const alarms = ofType('AWS::CloudWatch::Alarm').map(([id, r]) => ({ id, ...alarmMetrics(props(r)) }));
  const standard = alarms.filter((a) => !a.highResolution);
  const high = alarms.filter((a) => a.highResolution);
  const describe = (list: typeof alarms) => {
    const single = list.filter((a) => !a.math).length;
    const byCount = new Map<number, number>();
    for (const a of list.filter((x) => x.math)) byCount.set(a.metrics, (byCount.get(a.metrics) ?? 0) + 1);
    const math = [...byCount.entries()]
      .sort(([a], [b]) => b - a)
      .map(([metrics, n]) => `${n} metric-math alarm${n === 1 ? '' : 's'} of ${metrics} metrics`);
    return [`${list.length} alarms`, `${single} on a single metric`, ...math].join(', ');
  };
  const standardMetrics = standard.reduce((sum, a) => sum + a.metrics, 0);
  if (standard.length > 0)
    lines.push(
      line(
        FIXED_PRICES.alarmMetric,
        'CloudWatch alarms',
        'CloudWatch alarm metrics (standard resolution)',
        standardMetrics,
        'alarm metric',
        standard.map((a) => a.id),
        { note: describe(standard) },
      ),
    );
  if (high.length > 0)
    lines.push(
      line(
        FIXED_PRICES.alarmMetricHighResolution,
        'CloudWatch alarms',
        'CloudWatch alarm metrics (high resolution)',
        high.reduce((sum, a) => sum + a.metrics, 0),
        'alarm metric',
        high.map((a) => a.id),
        { note: describe(high) },
      ),
    );
  flag(
    'AWS::CloudWatch::Alarm',
    alarms.filter((a) => a.insightsQuery).map((a) => a.id),
    'Metrics Insights query alarms are billed per metric analysed; counted here as their MetricStat entries only',
  );
  const composites = ofType('AWS::CloudWatch::CompositeAlarm');
  if (composites.length > 0)
    lines.push(
      line(
        FIXED_PRICES.compositeAlarm,
        'CloudWatch alarms',
        'CloudWatch composite alarms',
        composites.length,
        'alarm',
        composites.map(([id]) => id),
      ),
    );

  // Dashboards: $3 each; the free tier covers three of up to 50 metrics.
  const dashboards = ofType('AWS::CloudWatch::Dashboard').map(([id, r]) => ({
    id,
    metrics: dashboardMetricCount(props(r).DashboardBody),
  }));
  if (dashboards.length > 0)
    lines.push(
      line(
        FIXED_PRICES.dashboard,
        'CloudWatch dashboards',
        'CloudWatch dashboards',
        dashboards.length,
        'dashboard',
        dashboards.map((d) => d.id),
        {
          note: dashboards.map((d) => `${d.id}: ${d.metrics ?? 'unknown number of'} metrics`).join('; '),
        },
      ),
    );

  // Lambda polling SQS: billed as SQS requests even when the queue is empty.
  const pollers = ofType('AWS::Lambda::EventSourceMapping').filter(([, r]) => {
    const p = props(r);
    if (p.Enabled === false) return false;
    const source = p.EventSourceArn;
    const target = referencedId(source);
    if (target !== undefined) return template.Resources[target]?.Type === 'AWS::SQS::Queue';
    return typeof source === 'string' && source.includes(':sqs:');
  });
  if (pollers.length > 0)
    lines.push(
      line(
        FIXED_PRICES.sqsRequest,
        'SQS',
        'SQS receives by Lambda polling an empty queue (modelled)',
        pollers.length * IDLE_SQS_RECEIVES_PER_MONTH,
        'request',
        pollers.map(([id]) => id),
        {
          note: `${pollers.length} event source mapping${pollers.length === 1 ? '' : 's'}; assumed ${IDLE_SQS_POLLERS} pollers with 20-second long polls, ${IDLE_SQS_RECEIVES_PER_MONTH.toLocaleString('en')} receives a month each; not measured`,
        },
      ),
    );
  flag(
    'AWS::Lambda::EventSourceMapping',
    ofType('AWS::Lambda::EventSourceMapping')
      .filter(([, r]) => props(r).ProvisionedPollerConfig !== undefined)
      .map(([id]) => id),
    'provisioned pollers bill by the hour',
  );

  // Settings that turn an otherwise free type into an hourly bill.
  flag(
    'AWS::ApiGateway::Stage',
    ofType('AWS::ApiGateway::Stage')
      .filter(([, r]) => props(r).CacheClusterEnabled === true)
      .map(([id]) => id),
    'a cache cluster bills by the hour',
  );
  flag(
    'AWS::DynamoDB::Table',
    ofType('AWS::DynamoDB::Table')
      .filter(([, r]) => props(r).BillingMode !== 'PAY_PER_REQUEST')
      .map(([id]) => id),
    'provisioned capacity bills by the hour',
  );
  flag(
    'AWS::Lambda::Function',
    resources
      .filter(
        ([, r]) =>
          (r.Type === 'AWS::Lambda::Alias' || r.Type === 'AWS::Lambda::Version') &&
          props(r).ProvisionedConcurrencyConfig !== undefined,
      )
      .map(([id]) => id),
    'provisioned concurrency bills by the hour',
  );
  flag(
    'AWS::SES::ConfigurationSet',
    ofType('AWS::SES::ConfigurationSet')
      .filter(([, r]) => props(r).VdmOptions !== undefined)
      .map(([id]) => id),
    'Virtual Deliverability Manager bills by the month',
  );
  flag(
    'AWS::Cognito::UserPool',
    ofType('AWS::Cognito::UserPool')
      .filter(([, r]) => props(r).UserPoolTier === 'PLUS')
      .map(([id]) => id),
    'Plus tier: per monthly active user, $0 with none, but not checked further',
  );

  // Every other type: free when idle (known) or not assessed (unknown).
  const counts = new Map<string, number>();
  for (const [, r] of resources) counts.set(r.Type, (counts.get(r.Type) ?? 0) + 1);
  const zeroAtIdle: ResourceTypeNote[] = [];
  for (const [type, count] of [...counts.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (PRICED.has(type)) continue;
    const why =
      ZERO_AT_IDLE[type] ??
      (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource'
        ? 'runs at deploy time only'
        : undefined);
    if (why === undefined) notAssessed.push({ type, count, why: 'not known to bench/fixed-cost.ts' });
    else zeroAtIdle.push({ type, count, why });
  }

  // The always-free tier, in an account holding nothing else.
  const freeTier: FreeTierLine[] = [];
  const freeAlarmMetrics = Math.min(FREE_TIER.alarmMetrics, standardMetrics);
  if (freeAlarmMetrics > 0)
    freeTier.push({
      what: `${freeAlarmMetrics} standard-resolution alarm metrics (${FREE_TIER.alarmMetrics} free a month)`,
      savedUsd: round4(freeAlarmMetrics * FIXED_PRICES.alarmMetric.usd),
    });
  const smallDashboards = dashboards.filter(
    (d) => d.metrics !== undefined && d.metrics <= FREE_TIER.dashboardMaxMetrics,
  );
  const freeDashboards = Math.min(FREE_TIER.dashboards, smallDashboards.length);
  if (dashboards.length > 0)
    freeTier.push({
      what:
        freeDashboards === dashboards.length
          ? `${freeDashboards} dashboard${freeDashboards === 1 ? '' : 's'} (${FREE_TIER.dashboards} of up to ${FREE_TIER.dashboardMaxMetrics} metrics free)`
          : `${freeDashboards} of ${dashboards.length} dashboards: only dashboards of up to ${FREE_TIER.dashboardMaxMetrics} metrics are free (${FREE_TIER.dashboards} a month)`,
      savedUsd: round4(freeDashboards * FIXED_PRICES.dashboard.usd),
    });
  const sqsRequests = pollers.length * IDLE_SQS_RECEIVES_PER_MONTH;
  if (sqsRequests > 0) {
    const free = Math.min(FREE_TIER.sqsRequests, sqsRequests);
    freeTier.push({
      what: `${free.toLocaleString('en')} SQS requests (${FREE_TIER.sqsRequests.toLocaleString('en')} free a month)`,
      savedUsd: round4(free * FIXED_PRICES.sqsRequest.usd),
    });
  }

  const totalUsd = round4(lines.reduce((sum, l) => sum + l.monthlyUsd, 0));
  const firstYearUsd = round4(
    lines.filter((l) => !l.afterRotation).reduce((sum, l) => sum + l.monthlyUsd, 0),
  );
  const withFreeTierUsd = round4(totalUsd - freeTier.reduce((sum, f) => sum + f.savedUsd, 0));
  return {
    lines,
    totalUsd,
    firstYearUsd,
    freeTier,
    withFreeTierUsd,
    zeroAtIdle,
    notAssessed,
    resourceCount: resources.length,
  };
}

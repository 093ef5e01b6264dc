import { Annotations, ArnFormat, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { RestApiBase } from 'aws-cdk-lib/aws-apigateway';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type GraphWidgetProps,
  type IMetric,
  MathExpression,
  Metric,
  SearchExpression,
  Stats,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct, type IConstruct } from 'constructs';

/**
 * The rates at which SES puts an account under review (the Reputation metrics page of the SES developer
 * guide; it may pause sending at 10 % bounces and 0.5 % complaints). The metrics are fractions: 0.05 is 5 %.
 */
export const SES_REVIEW_RATES = { bounce: 0.05, complaint: 0.001 } as const;

/** We alarm at half the review rates: time to find the cause before SES acts on the account. */
export const SES_ALARM_RATES = {
  bounce: SES_REVIEW_RATES.bounce / 2,
  complaint: SES_REVIEW_RATES.complaint / 2,
} as const;

/**
 * How long the deadline digest may stay silent before that alone alarms: a day between runs, up to six hours
 * of scheduler retries, an hour when Oslo leaves summer time (07:00 Oslo is then 25 hours after the day
 * before), and an hour to spare.
 */
export const DIGEST_SILENCE = Duration.hours(32);

/** Errors, throttles, failed executions and 5xx answers are counted over this window. */
const FAULT_PERIOD = Duration.minutes(5);

export interface OperationsAlarmsProps {
  /** The operations address: every alarm, and its return to OK, is emailed here. */
  readonly alarmEmail: string;
  /** Encrypts the topic. When it is a `Key` of this app, CloudWatch is allowed to use it (see below). */
  readonly key: IKey;
  /** Its 5xx answers alarm (a `RestApi` or a `SpecRestApi`). */
  readonly api: RestApiBase;
  /** Each one's failed and timed-out executions alarm (aborted ones are graphed). */
  readonly stateMachines: readonly IStateMachine[];
  /** Any message visible in one of these alarms (one alarm per queue). */
  readonly deadLetterQueues: readonly IQueue[];
  /** Our mail's configuration set (with reputation metrics on): its rates are graphed beside the account's. */
  readonly configurationSetName?: string;
  /** The count of overdue open requests from the daily digest: `DeadlineReminders.metricOverdueRequests()`. */
  readonly overdueRequests: Metric;
}

/**
 * The alarms that tell operations something needs a person, all to one KMS-encrypted SNS topic that emails
 * `alarmEmail`, and a dashboard with the same signals, one row per area.
 *
 * ```ts
 * new OperationsAlarms(this, 'Operations', {
 *   alarmEmail: settings.alarmEmail,
 *   key,
 *   api: this.api.api,
 *   stateMachines: [workflow.machine, contact.workflow],
 *   deadLetterQueues: [notices.deadLetterQueue],
 *   configurationSetName: email.configurationSet.configurationSetName,
 *   overdueRequests: deadlines.metricOverdueRequests(),
 * });
 * ```
 *
 * The stack's fixed cost at zero traffic is budgeted at $10 a month, and about $9.40 of it is the WAF, the key
 * and the secret; so the alarms read as few metrics as honest monitoring allows (CloudWatch bills an alarm per metric it
 * reads; prices and free tier in bench/prices.ts, the stack's total in bench/README.md):
 * 1 (API 5xx) + 2 per state machine + 2 (Lambda) + 1 per dead-letter queue + 2 (SES) + 2 (deadline digest),
 * 12 for this stack's two state machines and one queue. `alarmMetricCount` says how many.
 *
 * - Lambda: one alarm on the account-and-region-level `AWS/Lambda` `Errors` and `Throttles` (no dimensions),
 *   whatever the number of functions. One alarm per function made the whole set about 94 alarm metrics with
 *   our ~41 functions, $8.40 a month past the free ten. The runbook recommends one environment per account;
 *   when a test and a production stack share an account (or the account runs other functions), each stack's
 *   alarm also fires for the other's functions. Which function failed is on the dashboard: one search per
 *   metric graphs every function of the account by name (generated names start with the stack name).
 *   Searches, not one metric per function: the free tier covers 3 dashboards "referencing up to 50 metrics
 *   each", and ~41 functions × 2 is over 80 (the page does not say how a search counts; the dashboard lists
 *   22 metrics besides its two searches). Past the free ones, a dashboard is $3 a month.
 * - State machines: `ExecutionsFailed` + `ExecutionsTimedOut` per machine (both set an execution timeout, so a
 *   time-out is a failure to finish). Step Functions has no account-level execution metrics. Aborted executions
 *   are graphed, not alarmed: an abort is a person's deliberate act.
 * - Dead-letter queues: one single-metric alarm per queue. A math alarm summing them would read the same
 *   metrics, cost the same and not name the queue.
 *
 * Alarm names start with `<stack name>-ops-`, so the topic and key policies can let CloudWatch publish for
 * exactly these alarms (`aws:SourceArn`).
 */
export class OperationsAlarms extends Construct {
  readonly topic: Topic;
  readonly dashboard: Dashboard;
  readonly alarms: Alarm[] = [];
  /** The metrics all the alarms read, the unit CloudWatch bills alarms by. */
  readonly alarmMetricCount: number;
  private readonly namePrefix: string;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: OperationsAlarmsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.namePrefix = `${stack.stackName}-ops-`;

    this.topic = new Topic(this, 'Topic', {
      displayName: `${stack.stackName} alarms`,
      masterKey: props.key,
      enforceSSL: true,
    });
    const subscription = this.topic.addSubscription(new EmailSubscription(props.alarmEmail));
    Validations.of(subscription).acknowledge({
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        'The email subscription of the alarm topic: SNS retries delivery itself, and an alarm whose email was lost still shows as ALARM in CloudWatch and in the dashboard’s alarm row; a dead-letter queue for it would be one more queue that nobody reads.',
    });
    this.allowCloudWatchOnly(props.key);
    this.action = new SnsAction(this.topic);

    const dashboardName = `${stack.stackName}-operations`;
    const api = this.apiAlarms(props.api);
    const workflows = props.stateMachines.map((machine) => this.workflowAlarm(machine));
    const functions = this.lambdaAlarm(dashboardName);
    const queues = props.deadLetterQueues.map((queue) => this.deadLetterAlarm(queue));
    const email = this.emailAlarms();
    const deadlines = this.deadlineAlarms(props.overdueRequests);
    this.alarmMetricCount = this.alarms.reduce((count, alarm) => count + metricsRead(alarm.metric), 0);

    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName,
      defaultInterval: Duration.days(7),
    });
    this.dashboard.addWidgets(
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24, height: 4 }),
    );
    this.dashboard.addWidgets(...api);
    this.dashboard.addWidgets(...workflows);
    this.dashboard.addWidgets(...functions);
    this.dashboard.addWidgets(graph('Dead-letter queues: messages waiting', queues, { width: 24 }));
    this.dashboard.addWidgets(...this.emailWidgets(email, props.configurationSetName));
    this.dashboard.addWidgets(...deadlines);
  }

  /** API Gateway answered 5xx: a handler threw, timed out or was throttled. */
  private apiAlarms(api: RestApiBase): GraphWidget[] {
    // Unlabelled for the alarm: CloudWatch then shows the plain metric, not a one-metric expression.
    const serverErrors = api.metricServerError({ period: FAULT_PERIOD, statistic: Stats.SUM });
    this.alarm('Api5xx', {
      name: 'api-5xx',
      description: `The API (${api.restApiName}) answered 5xx: find the function in its logs or in the Lambda graphs of the dashboard.`,
      metric: serverErrors,
      threshold: 1,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No requests, no datapoint: nothing failed.
      missing: TreatMissingData.NOT_BREACHING,
    });
    const period = FAULT_PERIOD;
    return [
      graph('API: 5xx and 4xx answers', [
        serverErrors.with({ label: '5xx' }),
        api.metricClientError({ period, statistic: Stats.SUM, label: '4xx' }),
      ]),
      graph('API: requests', [api.metricCount({ period, statistic: Stats.SUM, label: 'requests' })]),
      graph('API: latency', [
        api.metricLatency({ period, statistic: Stats.p(99), label: 'p99 ms' }),
        api.metricLatency({ period, statistic: Stats.p(50), label: 'p50 ms' }),
      ]),
    ];
  }

  /**
   * A workflow ended without finishing: its own catch paths should leave no execution failed, and its execution
   * timeout ends one that ran past it. Aborted executions are only graphed (a person stopped them on purpose).
   */
  private workflowAlarm(machine: IStateMachine): GraphWidget {
    const label = pathLabel(machine);
    const failed = machine.metricFailed({ period: FAULT_PERIOD, statistic: Stats.SUM, label: 'failed' });
    const timedOut = machine.metricTimedOut({
      period: FAULT_PERIOD,
      statistic: Stats.SUM,
      label: 'timed out',
    });
    this.alarm(`Workflow${idPart(label)}`, {
      name: `workflow-${label}`,
      description: `Executions of ${label} failed or timed out: docs/operations.md, "Redrive a failed execution".`,
      metric: new MathExpression({
        expression: 'FILL(failed, 0) + FILL(timedOut, 0)',
        usingMetrics: { failed, timedOut },
        period: FAULT_PERIOD,
        label: 'failed or timed out',
      }),
      threshold: 1,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      missing: TreatMissingData.NOT_BREACHING,
    });
    return graph(`Workflow ${label}`, [
      machine.metricStarted({ period: FAULT_PERIOD, statistic: Stats.SUM, label: 'started' }),
      failed,
      timedOut,
      machine.metricAborted({ period: FAULT_PERIOD, statistic: Stats.SUM, label: 'aborted' }),
    ]);
  }

  /**
   * Any function of the account and region threw, timed out or was throttled, read from the metrics Lambda keeps
   * without dimensions: two alarm metrics however many functions there are. When a test and a production stack
   * share an account (the runbook recommends one environment per account), each stack's alarm sees both stacks'
   * functions, and any other function there. The dashboard names the function.
   */
  private lambdaAlarm(dashboardName: string): GraphWidget[] {
    const account = (metricName: 'Errors' | 'Throttles', label: string) =>
      new Metric({ namespace: 'AWS/Lambda', metricName, period: FAULT_PERIOD, statistic: Stats.SUM, label });
    const errors = account('Errors', 'errors');
    const throttles = account('Throttles', 'throttles');
    this.alarm('LambdaErrorsThrottles', {
      name: 'lambda-errors-throttles',
      description: `A Lambda function in this account and region threw, timed out or was throttled; retried steps may have recovered. The alarm reads the account's metrics, so when another stack (a test stack) shares the account, its functions trip it too. The dashboard ${dashboardName} graphs errors and throttles per function; the function's log group has the error.`,
      metric: new MathExpression({
        expression: 'FILL(errors, 0) + FILL(throttles, 0)',
        usingMetrics: { errors, throttles },
        period: FAULT_PERIOD,
        label: 'errors + throttles (account)',
      }),
      threshold: 1,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      missing: TreatMissingData.NOT_BREACHING,
    });
    // One search per metric instead of one metric per function keeps the dashboard within the 50 metrics of a
    // free one; it graphs every function of the account and region, each labelled with its name.
    const perFunction = (metricName: 'Errors' | 'Throttles') =>
      new SearchExpression({
        expression: `SEARCH('{AWS/Lambda,FunctionName} MetricName="${metricName}"', 'Sum', ${FAULT_PERIOD.toSeconds()})`,
        period: FAULT_PERIOD,
      });
    return [
      graph('Lambda: errors and throttles (account)', [errors, throttles]),
      graph('Lambda errors per function', [perFunction('Errors')]),
      graph('Lambda throttles per function', [perFunction('Throttles')]),
    ];
  }

  /**
   * Anything in a dead-letter queue needs a person. SQS stops reporting a queue that has been empty and
   * untouched for six hours, so missing data means empty.
   */
  private deadLetterAlarm(queue: IQueue): Metric {
    const label = pathLabel(queue);
    const visible = queue.metricApproximateNumberOfMessagesVisible({
      period: FAULT_PERIOD,
      statistic: Stats.MAXIMUM,
    });
    this.alarm(`DeadLetters${idPart(label)}`, {
      name: `dlq-${label}`,
      description: `A message is waiting in the dead-letter queue ${label}: read why it failed, then replay or drop it.`,
      metric: visible,
      threshold: 1,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      missing: TreatMissingData.NOT_BREACHING,
    });
    return visible.with({ label });
  }

  /**
   * The account's reputation, which is what SES reviews (not a configuration set's). SES publishes a rate
   * now and then, not every period: a missing datapoint keeps the state the last rate set.
   */
  private emailAlarms(): { bounce: Metric; complaint: Metric } {
    const bounce = sesRate('Reputation.BounceRate');
    const complaint = sesRate('Reputation.ComplaintRate');
    for (const [kind, metric, threshold, review] of [
      ['bounce', bounce, SES_ALARM_RATES.bounce, SES_REVIEW_RATES.bounce],
      ['complaint', complaint, SES_ALARM_RATES.complaint, SES_REVIEW_RATES.complaint],
    ] as const) {
      this.alarm(kind === 'bounce' ? 'SesBounceRate' : 'SesComplaintRate', {
        name: `ses-${kind}-rate`,
        description: `The SES ${kind} rate reached ${percent(threshold)}, half the ${percent(review)} at which SES reviews the account: docs/operations.md, "SES bounces and complaints".`,
        metric,
        threshold,
        comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        missing: TreatMissingData.IGNORE,
      });
    }
    return { bounce: bounce.with({ label: 'account' }), complaint: complaint.with({ label: 'account' }) };
  }

  private emailWidgets(
    account: { bounce: Metric; complaint: Metric },
    configurationSetName: string | undefined,
  ): GraphWidget[] {
    const annotations = (kind: 'bounce' | 'complaint') => [
      { value: SES_ALARM_RATES[kind], label: 'alarm' },
      { value: SES_REVIEW_RATES[kind], label: 'SES review' },
    ];
    const perSet = (metricName: string, label: string) =>
      configurationSetName === undefined
        ? []
        : [sesRate(metricName, { 'ses:configuration-set': configurationSetName }).with({ label })];
    return [
      graph('SES bounce rate', [account.bounce, ...perSet('Reputation.BounceRate', 'configuration set')], {
        leftAnnotations: annotations('bounce'),
        width: 12,
      }),
      graph(
        'SES complaint rate',
        [account.complaint, ...perSet('Reputation.ComplaintRate', 'configuration set')],
        { leftAnnotations: annotations('complaint'), width: 12 },
      ),
    ];
  }

  /**
   * Two alarms on the digest's one metric. "Requests overdue" holds what the last run found: a run reports once
   * a day, so between runs the alarm keeps its state (IGNORE) rather than turning OK for lack of data. That
   * alone would look healthy forever if the digest stopped, so "digest silent" reads every missing hour as
   * breaching and alarms when a whole `DIGEST_SILENCE` passed without a run. One alarm cannot do both: an
   * alarm on "any value > 0 in the last 32 hours" would stay red for most of a day after the count fell to 0,
   * and one over a 24-hour window would fire every time a run came late (a retry, the autumn clock change).
   */
  private deadlineAlarms(overdueRequests: Metric): GraphWidget[] {
    const hourly = { period: Duration.hours(1) };
    this.alarm('RequestsOverdue', {
      name: 'requests-overdue',
      description:
        'The last deadline digest found open requests past their due date (GDPR Art. 12(3)): see the staff console and the digest email.',
      metric: overdueRequests.with({ ...hourly, statistic: Stats.MAXIMUM }),
      threshold: 0,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      missing: TreatMissingData.IGNORE,
    });
    const periods = DIGEST_SILENCE.toHours() / hourly.period.toHours();
    this.alarm('DigestSilent', {
      name: 'deadline-digest-silent',
      description: `No deadline digest has reported for ${DIGEST_SILENCE.toHours()} hours: check its schedule and its function's logs. (Expected once after a first deploy, until the first 07:00 run.)`,
      metric: overdueRequests.with({ ...hourly, statistic: Stats.SAMPLE_COUNT }),
      threshold: 1,
      comparison: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      missing: TreatMissingData.BREACHING,
    });
    const daily = { period: Duration.days(1) };
    return [
      graph(
        'Overdue open requests (per digest run)',
        [overdueRequests.with({ ...daily, statistic: Stats.MAXIMUM, label: 'overdue' })],
        { width: 12 },
      ),
      graph(
        'Deadline digest runs that reported',
        [overdueRequests.with({ ...daily, statistic: Stats.SAMPLE_COUNT, label: 'runs' })],
        { width: 12 },
      ),
    ];
  }

  private alarm(
    id: string,
    spec: {
      name: string;
      description: string;
      metric: IMetric;
      threshold: number;
      comparison: ComparisonOperator;
      missing: TreatMissingData;
      evaluationPeriods?: number;
      datapointsToAlarm?: number;
    },
  ): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: `${this.namePrefix}${spec.name}`,
      alarmDescription: spec.description,
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: spec.comparison,
      evaluationPeriods: spec.evaluationPeriods ?? 1,
      datapointsToAlarm: spec.datapointsToAlarm ?? spec.evaluationPeriods ?? 1,
      treatMissingData: spec.missing,
    });
    // OK too, so the mailbox also says when it is over.
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.alarms.push(alarm);
    return alarm;
  }

  /**
   * CloudWatch publishes to the topic, and encrypts with the key, for this stack's alarms only. No other
   * principal is granted anything here; the key's other users are the stack's own.
   */
  private allowCloudWatchOnly(key: IKey): void {
    const stack = Stack.of(this);
    const cloudWatch = new ServicePrincipal('cloudwatch.amazonaws.com');
    const conditions = {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: {
        'aws:SourceArn': stack.formatArn({
          service: 'cloudwatch',
          resource: 'alarm',
          resourceName: `${this.namePrefix}*`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      },
    };
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [cloudWatch],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions,
      }),
    );
    if (key instanceof Key) {
      key.addToResourcePolicy(
        new PolicyStatement({
          sid: 'CloudWatchAlarmsUseKeyForTopic',
          principals: [cloudWatch],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          resources: ['*'],
          conditions,
        }),
      );
    } else {
      Annotations.of(this).addWarningV2(
        'personvern:operationsAlarmsImportedKey',
        'The alarm topic is encrypted with an imported key: its key policy must let cloudwatch.amazonaws.com use kms:Decrypt and kms:GenerateDataKey*, or no alarm email is sent.',
      );
    }
  }
}

/** A construct's path below its stack, e.g. `DeadlineReminders.SendDigests`: stable, readable, unique. */
function pathLabel(construct: IConstruct): string {
  const stackPath = Stack.of(construct).node.path;
  const path = construct.node.path.startsWith(`${stackPath}/`)
    ? construct.node.path.slice(stackPath.length + 1)
    : construct.node.path;
  return path.replaceAll('/', '.');
}

/** The metrics an alarm reads: 1, or each metric under a math expression (its expressions are free). */
function metricsRead(metric: IMetric): number {
  const { mathExpression } = metric.toMetricConfig();
  return mathExpression === undefined
    ? 1
    : Object.values(mathExpression.usingMetrics).reduce((count, m) => count + metricsRead(m), 0);
}

/** A construct id from a label: letters and digits only. */
function idPart(label: string): string {
  return label.replace(/[^A-Za-z0-9]/g, '');
}

function sesRate(metricName: string, dimensionsMap?: Record<string, string>): Metric {
  return new Metric({
    namespace: 'AWS/SES',
    metricName,
    dimensionsMap,
    statistic: Stats.MAXIMUM,
    period: Duration.hours(1),
  });
}

function percent(rate: number): string {
  return `${Number((rate * 100).toFixed(3))} %`;
}

/** A 6-high graph, a third of the row wide unless told, its left axis from 0 (all our signals are counts or rates). */
function graph(title: string, left: IMetric[], options: Partial<GraphWidgetProps> = {}): GraphWidget {
  return new GraphWidget({ title, left, width: 8, height: 6, leftYAxis: { min: 0 }, ...options });
}

import { type CfnElement, Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { IAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import { Metric, type MetricOptions, Stats } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';
import { DeadlineRemindersEnv, StaffMailEnv } from '../../lambdas/config/environments';
import { DIGEST_METRICS_NAMESPACE, OVERDUE_REQUESTS_METRIC } from '../../lambdas/config/metric-names';
import { OPEN_BY_DUE_DATE_INDEX } from '../../lambdas/config/table-indexes';
import { AppFunction } from './app-function';
import type { EmailSending } from './email-sending';
import type { PublicApi } from './public-api';
import { grantTable } from './table-grants';

/** Where the local stack finds the reminder function (its `personvern:entry`). */
export const SEND_DIGESTS_ENTRY = 'lambdas/handlers/reminders/send-digests.ts';

export interface DeadlineRemindersProps {
  readonly api: PublicApi;
  readonly authorizer: IAuthorizer;
  readonly table: ITable;
  readonly key: IKey;
  readonly email: EmailSending;
  readonly consoleUrl: string;
  /** Gets a copy of every digest with overdue requests. */
  readonly privacyOfficerEmail: string;
}

/**
 * Deadlines (GDPR Art. 12(3)): `POST /staff/requests/{id}/extension`, and the daily digest: an
 * EventBridge Scheduler schedule at 07:00 Europe/Oslo invokes a function that Queries the sparse
 * OpenByDueDate index (never the table) and emails each controller's privacy contact.
 */
export class DeadlineReminders extends Construct {
  readonly digestFunction: AppFunction<typeof DeadlineRemindersEnv>;
  readonly schedule: Schedule;

  constructor(scope: Construct, id: string, props: DeadlineRemindersProps) {
    super(scope, id);
    const { table, key, email } = props;
    const mail = {
      MAIL_FROM: email.mailFrom,
      SES_CONFIGURATION_SET: email.configurationSet.configurationSetName,
    };

    const extend = new AppFunction(this, 'ExtendDeadline', {
      entry: 'lambdas/handlers/staff/extend-deadline.ts',
      description: 'Staff API: POST /staff/requests/{id}/extension (once, before the due date)',
      envSchema: StaffMailEnv,
      environment: { TABLE_NAME: table.tableName, ...mail },
      reservedConcurrentExecutions: 5,
      logKey: key,
    });
    // GetItem (the request), UpdateItem (the extension), PutItem and Query (the audit trail).
    grantTable(table, key, extend, ['GetItem', 'UpdateItem', 'PutItem', 'Query']);
    email.grantSend(extend);
    props.api.addStaffRoute('POST', 'staff/requests/{id}/extension', extend, props.authorizer);

    this.digestFunction = new AppFunction(this, 'SendDigests', {
      entry: SEND_DIGESTS_ENTRY,
      description: 'Daily deadline digest per controller, from the open-requests index',
      envSchema: DeadlineRemindersEnv,
      environment: {
        TABLE_NAME: table.tableName,
        ...mail,
        CONSOLE_URL: props.consoleUrl,
        PRIVACY_OFFICER_EMAIL: props.privacyOfficerEmail,
      },
      timeout: Duration.minutes(1),
      // Overlapping runs are safe without a reservation: each digest is claimed with a lease before sending.
      reservedConcurrentExecutions: 1,
      logKey: key,
    });
    // The digest claims and records: GetItem, UpdateItem and PutItem on the table. The sweep: Query on one index only.
    grantTable(table, key, this.digestFunction, ['GetItem', 'UpdateItem', 'PutItem']);
    Grant.addToPrincipal({
      grantee: this.digestFunction,
      actions: ['dynamodb:Query'],
      resourceArns: [`${table.tableArn}/index/${OPEN_BY_DUE_DATE_INDEX}`],
    });
    email.grantSend(this.digestFunction);
    Validations.of(this.digestFunction).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked asynchronously by EventBridge Scheduler with retries; a run that still fails is reported again by the next morning’s digest, which is built from the index, not from events.',
    });

    // The schedule's own role, which may only invoke this function (CDK grants the function and its qualifiers).
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    });
    const fnId = Stack.of(this).getLogicalId(this.digestFunction.node.defaultChild as CfnElement);
    for (const [ids, reason] of [
      [
        [`AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`],
        'The scheduler may invoke the digest function by a qualified ARN (version or alias); the wildcard covers the qualifiers of that one function only.',
      ],
      [
        ['HIPAA.Security-IAMNoInlinePolicy', 'NIST.800.53.R5-IAMNoInlinePolicy'],
        'The schedule role’s one inline policy is generated from the grant to invoke the digest function; inline keeps it bound to that role alone.',
      ],
    ] as const) {
      for (const id of ids) Validations.of(schedulerRole).acknowledge({ id, reason });
    }

    this.schedule = new Schedule(this, 'Daily', {
      description: 'Deadline digests at 07:00 Oslo time',
      schedule: ScheduleExpression.cron({ minute: '0', hour: '7', timeZone: TimeZone.of('Europe/Oslo') }),
      target: new LambdaInvoke(this.digestFunction, {
        // The run reports on the scheduled day, even when a retry comes later.
        input: ScheduleTargetInput.fromObject({ scheduledTime: ContextAttribute.scheduledTime }),
        role: schedulerRole,
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
      }),
    });
  }

  /**
   * The number of overdue open requests each run found (EMF from the digest function, once a run; default
   * Maximum over an hour). `OperationsAlarms` alarms on it, and on its absence.
   */
  metricOverdueRequests(options: MetricOptions = {}): Metric {
    return new Metric({
      namespace: DIGEST_METRICS_NAMESPACE,
      metricName: OVERDUE_REQUESTS_METRIC,
      // Powertools' `service` dimension, which the handler sets to the function's name.
      dimensionsMap: { service: this.digestFunction.functionName },
      statistic: Stats.MAXIMUM,
      period: Duration.hours(1),
      ...options,
    });
  }
}

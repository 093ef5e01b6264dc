import { Duration, Stack, Validations } from 'aws-cdk-lib';
import type { IAuthorizer } from 'aws-cdk-lib/aws-apigateway';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { ConfigurationSetEventDestination, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type * as z from 'zod';
import {
  EmailEventsEnv,
  NoticeRunEnv,
  NoticeSenderEnv,
  NoticeStartEnv,
  NoticeTableEnv,
} from '../../lambdas/config/notice-environments';
import { AppFunction } from './app-function';
import type { EmailSending } from './email-sending';
import type { PseudonymKey } from './pseudonym-key';
import type { PublicApi } from './public-api';
import { grantTable } from './table-grants';

export interface ChangeNoticesProps {
  readonly api: PublicApi;
  readonly authorizer: IAuthorizer;
  readonly table: ITable;
  readonly key: IKey;
  readonly email: EmailSending;
  readonly publicBaseUrl: string;
  readonly pseudonymKey: PseudonymKey;
  /** The account's SES sending rate (emails a second) that notices may use; SES's production default is 14. */
  readonly sesSendRate?: number;
}

/** Senders at once. Each sends at its share of the rate, so together they stay within it. */
const SENDER_CONCURRENCY = 2;
/** Messages per invocation: at 5 a second each, a batch of 10 takes about two seconds. */
const BATCH_SIZE = 10;
/** Receives before a message is dead-lettered: the first send and four retries, backing off from 30 s. */
const MAX_RECEIVES = 5;
const SENDER_TIMEOUT = Duration.seconds(60);

/**
 * Change notices for a major policy version (lambdas/domain/notices/): the privacy officer starts a run
 * (`POST /staff/policy/versions/{version}/notices` with an optional CSV), which records one delivery per
 * person and queues ids on SQS; a sender drains the queue within the SES sending rate (the event source's
 * maximum concurrency × per-instance pace), retries with backoff through the queue, and after the last retry the message lands
 * in the dead-letter queue, which staff see in the progress (`GET …/notices`) and replay
 * (`POST /staff/policy/notices/dead-letters/replay`). `GET|POST /policy/unsubscribe` is the link in every
 * email; SES bounces and complaints reach the suppression list through SNS.
 */
export class ChangeNotices extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;

  constructor(scope: Construct, id: string, props: ChangeNoticesProps) {
    super(scope, id);
    const { api, authorizer, table, key, email } = props;
    const rate = props.sesSendRate ?? 10;

    this.deadLetterQueue = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    for (const id of ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']) {
      Validations.of(this.deadLetterQueue).acknowledge({
        id,
        reason:
          'This queue is the dead-letter queue of the notice queue; staff replay it, so it needs none of its own.',
      });
    }
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      // AWS's advice for a Lambda event source: at least six times the function's timeout.
      visibilityTimeout: Duration.seconds(SENDER_TIMEOUT.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: MAX_RECEIVES },
    });

    const sender = new AppFunction(this, 'SendNotices', {
      entry: 'lambdas/handlers/notices/send-notices.ts',
      description: 'Drains the change-notice queue within the SES sending rate',
      envSchema: NoticeSenderEnv,
      environment: {
        TABLE_NAME: table.tableName,
        NOTICE_QUEUE_URL: this.queue.queueUrl,
        MAIL_FROM: email.mailFrom,
        SES_CONFIGURATION_SET: email.configurationSet.configurationSetName,
        PUBLIC_BASE_URL: props.publicBaseUrl,
        NOTICE_SEND_RATE: String(rate / SENDER_CONCURRENCY),
        NOTICE_RETRY_BASE_SECONDS: '30',
        NOTICE_MAX_RECEIVES: String(MAX_RECEIVES),
      },
      timeout: SENDER_TIMEOUT,
      reservedConcurrentExecutions: SENDER_CONCURRENCY,
      logKey: key,
    });
    sender.addEventSource(
      new SqsEventSource(this.queue, {
        batchSize: BATCH_SIZE,
        maxConcurrency: SENDER_CONCURRENCY,
        reportBatchItemFailures: true,
      }),
    );
    acknowledgeQueueConsumer(sender);
    Validations.of(sender).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason:
        'An SQS event source cannot have an on-failure destination; the queue’s redrive policy (five receives, then the dead-letter queue) is that destination.',
    });
    // GetItem and Query (the published versions), UpdateItem (claim, sent, failed), BatchGetItem (below).
    grantTable(table, key, sender, ['GetItem', 'Query', 'UpdateItem']);
    grantBatchGet(table, sender);
    email.grantSend(sender);

    const runEnvironment = {
      TABLE_NAME: table.tableName,
      NOTICE_QUEUE_URL: this.queue.queueUrl,
      NOTICE_DLQ_URL: this.deadLetterQueue.queueUrl,
    };
    const staffFunction = <Env extends z.core.$ZodType<Record<string, string>>>(
      fnId: string,
      file: string,
      description: string,
      envSchema: Env,
      environment: z.input<Env>,
    ) =>
      new AppFunction(this, fnId, {
        entry: `lambdas/handlers/notices/${file}.ts`,
        description: `Staff API: ${description}`,
        envSchema,
        environment,
        timeout: Duration.seconds(29),
        memorySize: 1024,
        reservedConcurrentExecutions: 2,
        logKey: key,
      });

    const start = staffFunction(
      'StartNotice',
      'start-notice',
      'POST /staff/policy/versions/{version}/notices',
      NoticeStartEnv,
      { ...runEnvironment, ...props.pseudonymKey.environment },
    );
    props.pseudonymKey.grantUse(start);
    // Query and GetItem (versions, subscribers, deliveries), PutItem and DeleteItem (the run lock, the audit),
    // BatchWriteItem (new deliveries), BatchGetItem (the suppression list).
    grantTable(table, key, start, ['GetItem', 'PutItem', 'DeleteItem', 'Query'], { batchWrite: true });
    grantBatchGet(table, start);
    this.queue.grantSendMessages(start);
    api.addStaffRoute('POST', 'staff/policy/versions/{version}/notices', start, authorizer);

    const progress = staffFunction(
      'NoticeProgress',
      'notice-progress',
      'GET /staff/policy/versions/{version}/notices',
      NoticeRunEnv,
      runEnvironment,
    );
    grantTable(table, key, progress, ['Query']);
    Grant.addToPrincipal({
      grantee: progress,
      actions: ['sqs:GetQueueAttributes'],
      resourceArns: [this.deadLetterQueue.queueArn],
    });
    api.addStaffRoute('GET', 'staff/policy/versions/{version}/notices', progress, authorizer);

    const replay = staffFunction(
      'ReplayDeadLetters',
      'replay-dead-letters',
      'POST /staff/policy/notices/dead-letters/replay',
      NoticeRunEnv,
      runEnvironment,
    );
    grantTable(table, key, replay, ['UpdateItem', 'PutItem', 'Query']);
    grantBatchGet(table, replay);
    this.deadLetterQueue.grantConsumeMessages(replay);
    this.queue.grantSendMessages(replay);
    api.addStaffRoute('POST', 'staff/policy/notices/dead-letters/replay', replay, authorizer);
    for (const fn of [start, replay]) {
      for (const id of [
        'AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        'AwsSolutions-IAM5[Action::kms:ReEncrypt*]',
      ]) {
        Validations.of(fn.executionRole).acknowledge({
          id,
          reason:
            'Sending to a KMS-encrypted queue needs these KMS actions (CDK’s grant for an encrypted queue); the wildcard is in the action names only, and the resource is our one key.',
        });
      }
    }

    const unsubscribe = new AppFunction(this, 'Unsubscribe', {
      entry: 'lambdas/handlers/notices/unsubscribe.ts',
      description: 'The unsubscribe link of change notices (GET shows a button, POST unsubscribes)',
      envSchema: NoticeTableEnv,
      environment: { TABLE_NAME: table.tableName },
      reservedConcurrentExecutions: 5,
      logKey: key,
    });
    // BatchGetItem (the delivery's token hashes), PutItem (the opt-out), UpdateItem (the consent's withdrawal).
    grantTable(table, key, unsubscribe, ['PutItem', 'UpdateItem']);
    grantBatchGet(table, unsubscribe);
    api.addPublicRoute('GET', 'policy/unsubscribe', unsubscribe);
    api.addPublicRoute('POST', 'policy/unsubscribe', unsubscribe);

    this.routeBouncesAndComplaints(props, key, table);
  }

  /** SES → SNS (encrypted with our key, which SES may therefore use) → the function that suppresses. */
  private routeBouncesAndComplaints(props: ChangeNoticesProps, key: IKey, table: ITable): void {
    const topic = new Topic(this, 'EmailEvents', { masterKey: key, enforceSSL: true });
    // Only SES sending for this account's configuration set may use the key (no confused deputy).
    const stack = Stack.of(this);
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('ses.amazonaws.com')],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: {
            'aws:SourceArn': stack.formatArn({
              service: 'ses',
              resource: 'configuration-set',
              resourceName: props.email.configurationSet.configurationSetName,
            }),
          },
        },
      }),
    );
    new ConfigurationSetEventDestination(this, 'BouncesAndComplaints', {
      configurationSet: props.email.configurationSet,
      destination: EventDestination.snsTopic(topic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    const events = new AppFunction(this, 'EmailEventsFunction', {
      entry: 'lambdas/handlers/notices/email-events.ts',
      description: 'Puts addresses that bounce for good or complain on the suppression list',
      envSchema: EmailEventsEnv,
      environment: { TABLE_NAME: table.tableName, ...props.pseudonymKey.environment },
      reservedConcurrentExecutions: 2,
      logKey: key,
    });
    grantTable(table, key, events, ['PutItem']);
    props.pseudonymKey.grantUse(events);
    topic.addSubscription(new LambdaSubscription(events));
    Validations.of(events).acknowledge({
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        'SNS retries a Lambda subscriber for days (AWS-managed endpoint policy), and the function only writes one item per address; a lost bounce means at worst one more email to an address SES itself suppresses.',
    });
  }
}

/** BatchGetItem on the table only (grantTable's actions do not include it). */
function grantBatchGet(table: ITable, grantee: IGrantable): void {
  Grant.addToPrincipal({ grantee, actions: ['dynamodb:BatchGetItem'], resourceArns: [table.tableArn] });
}

/** The sender is not invoked synchronously: its failures go back to the queue and end in its dead-letter queue. */
function acknowledgeQueueConsumer(fn: AppFunction<typeof NoticeSenderEnv>): void {
  for (const id of ['Serverless-LambdaDLQ', 'HIPAA.Security-LambdaDLQ', 'NIST.800.53.R5-LambdaDLQ']) {
    Validations.of(fn).acknowledge({
      id,
      reason:
        'Invoked by an SQS event source mapping: a failed message returns to the queue and after five receives moves to the queue’s own dead-letter queue.',
    });
  }
}

/**
 * Lambda's SQS event source mapping for the local stack: for each `AWS::Lambda::EventSourceMapping` of the
 * template whose source is one of its queues, pollers receive up to `BatchSize` messages, invoke the real
 * handler with the SQS event Lambda would send, and delete what succeeded: with `ReportBatchItemFailures`
 * everything but the reported failures, otherwise all of the batch, or none of it when the handler throws.
 * Failures are left to the queue: they come back after their visibility timeout (or the delay the handler
 * set), and the queue's redrive policy dead-letters them, exactly as on AWS. As many pollers run as the
 * mapping's `ScalingConfig.MaximumConcurrency` (else 1), like Lambda's concurrency cap for the source.
 *
 * Lambda polls and deletes with the function's execution role, so with `mayCall` each receive and delete is
 * authorised first: a mapping whose role may not receive delivers nothing (its pollers stop, the messages stay
 * in the queue), and a batch whose delete is denied stays in the queue and comes back after its visibility
 * timeout, as on AWS.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { LOCAL_REGION } from '../template/intrinsics';

export interface LocalEventSourceMapping {
  readonly functionLogicalId: string;
  readonly queueLogicalId: string;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly reportBatchItemFailures: boolean;
}

type TemplateResources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** The template's mappings from its queues to its functions. */
export function templateEventSourceMappings(resources: TemplateResources): LocalEventSourceMapping[] {
  return Object.values(resources)
    .filter((resource) => resource.Type === 'AWS::Lambda::EventSourceMapping')
    .flatMap((resource) => {
      const p = resource.Properties ?? {};
      const queue = (p.EventSourceArn as { 'Fn::GetAtt'?: [string, string] })?.['Fn::GetAtt']?.[0];
      const fn = (p.FunctionName as { Ref?: string })?.Ref;
      if (queue === undefined || fn === undefined || resources[queue]?.Type !== 'AWS::SQS::Queue') return [];
      return [
        {
          functionLogicalId: fn,
          queueLogicalId: queue,
          batchSize: Number(p.BatchSize ?? 10),
          concurrency: Number((p.ScalingConfig as { MaximumConcurrency?: number })?.MaximumConcurrency ?? 1),
          reportBatchItemFailures: ((p.FunctionResponseTypes as string[] | undefined) ?? []).includes(
            'ReportBatchItemFailures',
          ),
        },
      ];
    });
}

export interface RunningEventSources {
  stop(): Promise<void>;
}

/** The calls a poller makes with the function's role; the check maps each to its IAM actions. */
export type EventSourceCall = 'ReceiveMessage' | 'DeleteMessage';

export function startSqsEventSources(options: {
  readonly client: SQSClient;
  readonly mappings: readonly LocalEventSourceMapping[];
  readonly queues: ReadonlyMap<string, { readonly url: string; readonly arn: string }>;
  readonly invoke: (functionLogicalId: string, event: SQSEvent) => Promise<unknown>;
  readonly onError?: (error: unknown) => void;
  /** Whether the function's role may make the call on the queue (it logs a denial); unchecked without it. */
  readonly mayCall?: (functionLogicalId: string, call: EventSourceCall, queueArn: string) => Promise<boolean>;
}): RunningEventSources {
  const mayCall = options.mayCall ?? (() => Promise.resolve(true));
  let stopping = false;
  const pollers: Promise<void>[] = [];
  for (const mapping of options.mappings) {
    const queue = options.queues.get(mapping.queueLogicalId);
    if (queue === undefined) continue;
    for (let i = 0; i < Math.max(1, mapping.concurrency); i++) {
      pollers.push(poll(mapping, queue));
    }
  }

  async function poll(mapping: LocalEventSourceMapping, queue: { url: string; arn: string }): Promise<void> {
    while (!stopping) {
      try {
        // The role cannot change while the stack runs: a mapping that may not receive never will.
        if (!(await mayCall(mapping.functionLogicalId, 'ReceiveMessage', queue.arn))) return;
        const { Messages = [] } = await options.client.send(
          new ReceiveMessageCommand({
            QueueUrl: queue.url,
            MaxNumberOfMessages: Math.min(10, mapping.batchSize),
            WaitTimeSeconds: 1,
            MessageSystemAttributeNames: ['All'],
          }),
        );
        if (Messages.length === 0 || stopping) continue;
        const event: SQSEvent = {
          Records: Messages.map((message) => ({
            messageId: message.MessageId ?? '',
            receiptHandle: message.ReceiptHandle ?? '',
            body: message.Body ?? '',
            attributes: {
              ApproximateReceiveCount: '1',
              SentTimestamp: String(Date.now()),
              SenderId: 'local',
              ApproximateFirstReceiveTimestamp: String(Date.now()),
              ...(message.Attributes ?? {}),
            },
            messageAttributes: {},
            md5OfBody: message.MD5OfBody ?? '',
            eventSource: 'aws:sqs',
            eventSourceARN: queue.arn,
            awsRegion: LOCAL_REGION,
          })),
        };
        let failed: Set<string>;
        try {
          const result = (await options.invoke(mapping.functionLogicalId, event)) as
            | SQSBatchResponse
            | undefined;
          failed = new Set(
            mapping.reportBatchItemFailures
              ? (result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier)
              : [],
          );
        } catch (error) {
          options.onError?.(error);
          continue; // The whole batch comes back after its visibility timeout.
        }
        const done = Messages.filter((message) => !failed.has(message.MessageId ?? ''));
        if (done.length > 0 && (await mayCall(mapping.functionLogicalId, 'DeleteMessage', queue.arn))) {
          await options.client.send(
            new DeleteMessageBatchCommand({
              QueueUrl: queue.url,
              Entries: done.map((message, index) => ({
                Id: String(index),
                ReceiptHandle: message.ReceiptHandle ?? '',
              })),
            }),
          );
        }
      } catch (error) {
        if (stopping) return;
        options.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  return {
    async stop() {
      stopping = true;
      await Promise.allSettled(pollers);
    },
  };
}

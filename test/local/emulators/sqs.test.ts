/**
 * The local SQS stand-in and Lambda's event source mapping as the local stack runs them: queues made from
 * template resources (with their redrive policy), pollers that invoke a handler with SQS events, delete what
 * succeeded, leave reported failures to come back, and let the queue dead-letter what keeps failing.
 */
import { ReceiveMessageCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { type LocalSqs, startSqs, templateQueues } from '../../../local/emulators/sqs';
import {
  startSqsEventSources,
  templateEventSourceMappings,
} from '../../../local/emulators/sqs-event-sources';

const resources = {
  Work: {
    Type: 'AWS::SQS::Queue',
    Properties: {
      VisibilityTimeout: 1,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': ['Dead', 'Arn'] }, maxReceiveCount: 2 },
    },
  },
  Dead: { Type: 'AWS::SQS::Queue', Properties: {} },
  Handler: { Type: 'AWS::Lambda::Function', Properties: {} },
  Mapping: {
    Type: 'AWS::Lambda::EventSourceMapping',
    Properties: {
      EventSourceArn: { 'Fn::GetAtt': ['Work', 'Arn'] },
      FunctionName: { Ref: 'Handler' },
      BatchSize: 10,
      ScalingConfig: { MaximumConcurrency: 2 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    },
  },
};

describe('Local SQS with its event source mapping', () => {
  let sqs: LocalSqs;

  beforeAll(async () => {
    sqs = await startSqs({ port: 0, queues: templateQueues(resources) });
  });

  afterAll(async () => {
    await sqs.stop();
  });

  it('reads the queues (dead-letter queue first) and the mapping from the template', () => {
    // Assess
    expect(templateQueues(resources).map((queue) => queue.logicalId)).toEqual(['Dead', 'Work']);
    expect(templateEventSourceMappings(resources)).toEqual([
      {
        functionLogicalId: 'Handler',
        queueLogicalId: 'Work',
        batchSize: 10,
        concurrency: 2,
        reportBatchItemFailures: true,
      },
    ]);
    expect(sqs.queues.get('Work')?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\d+\/Work$/);
  });

  it('delivers each message, returns reported failures, and dead-letters what fails on every receive', async () => {
    // Prepare
    const work = sqs.queues.get('Work');
    const dead = sqs.queues.get('Dead');
    if (work === undefined || dead === undefined) throw new Error('queues missing');
    await sqs.client.send(
      new SendMessageBatchCommand({
        QueueUrl: work.url,
        Entries: ['ok-1', 'ok-2', 'flaky', 'broken'].map((body, i) => ({ Id: String(i), MessageBody: body })),
      }),
    );
    const seen: string[] = [];
    const flakyTries: number[] = [];

    // Act
    const sources = startSqsEventSources({
      client: sqs.client,
      mappings: templateEventSourceMappings(resources),
      queues: sqs.queues,
      invoke: async (_fn, event: SQSEvent): Promise<SQSBatchResponse> => {
        const failures = event.Records.filter((record) => {
          seen.push(record.body);
          if (record.body === 'flaky') flakyTries.push(Number(record.attributes.ApproximateReceiveCount));
          return (
            record.body === 'broken' ||
            (record.body === 'flaky' && record.attributes.ApproximateReceiveCount === '1')
          );
        });
        return { batchItemFailures: failures.map((record) => ({ itemIdentifier: record.messageId })) };
      },
    });
    const deadLetters: string[] = [];
    const deadline = Date.now() + 20_000;
    while (deadLetters.length === 0 && Date.now() < deadline) {
      const { Messages = [] } = await sqs.client.send(
        new ReceiveMessageCommand({ QueueUrl: dead.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
      );
      deadLetters.push(...Messages.map((message) => message.Body ?? ''));
    }
    await sources.stop();

    // Assess
    expect(deadLetters).toEqual(['broken']);
    expect(seen.filter((body) => body === 'ok-1')).toHaveLength(1);
    expect(seen.filter((body) => body === 'ok-2')).toHaveLength(1);
    expect(flakyTries).toEqual([1, 2]);
    expect(seen.filter((body) => body === 'broken')).toHaveLength(2);
  });
});

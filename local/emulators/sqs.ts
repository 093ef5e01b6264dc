/**
 * SQS for the local stack: fauxqs (an in-memory SQS emulator from the npm registry that speaks the JSON
 * protocol of `@aws-sdk/client-sqs` v3, with redrive to dead-letter queues) on loopback. The queues are the
 * template's `AWS::SQS::Queue` resources, made with their visibility timeout, retention and redrive policy,
 * named by their logical ids. Messages live in memory: a restart of `npm start` starts with empty queues.
 */
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { buildApp } from 'fauxqs';
import { LOCAL_REGION } from '../template/intrinsics';
import { endpointFor, type RunningEmulator } from './emulator';
import { LOCALHOST, PortInUseError } from './ports';

export interface TemplateQueue {
  readonly logicalId: string;
  readonly properties: Record<string, unknown>;
}

export interface LocalSqs extends RunningEmulator {
  /** Queue URL and ARN by the queue's logical id in the template. */
  readonly queues: ReadonlyMap<string, { readonly url: string; readonly arn: string }>;
  readonly client: SQSClient;
}

/** The queues of a template: dead-letter queues first, since a redrive policy names its target's ARN. */
export function templateQueues(
  resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>,
): TemplateQueue[] {
  const queues = Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::SQS::Queue')
    .map(([logicalId, resource]) => ({ logicalId, properties: resource.Properties ?? {} }));
  return [...queues.filter((queue) => !hasRedrive(queue)), ...queues.filter(hasRedrive)];
}

const hasRedrive = (queue: TemplateQueue) => queue.properties.RedrivePolicy !== undefined;

export async function startSqs({
  port,
  queues,
}: {
  port: number;
  queues: readonly TemplateQueue[];
}): Promise<LocalSqs> {
  // fauxqs's own starter listens on every interface; its app is served here on loopback only.
  const app = buildApp({ logger: false, defaultRegion: LOCAL_REGION });
  let address: string;
  try {
    address = await app.listen({ port, host: LOCALHOST });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new PortInUseError('SQS', port, undefined, { cause: error });
    throw error;
  }
  const endpoint = endpointFor(Number(new URL(address).port));
  const server = { stop: () => app.close() };
  const client = new SQSClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const made = new Map<string, { url: string; arn: string }>();
  try {
    for (const { logicalId, properties } of queues) {
      const attributes: Record<string, string> = {};
      for (const name of [
        'VisibilityTimeout',
        'MessageRetentionPeriod',
        'DelaySeconds',
        'ReceiveMessageWaitTimeSeconds',
      ]) {
        if (properties[name] !== undefined) attributes[name] = String(properties[name]);
      }
      const redrive = properties.RedrivePolicy as
        | { deadLetterTargetArn?: unknown; maxReceiveCount?: number }
        | undefined;
      if (redrive !== undefined) {
        const target = (redrive.deadLetterTargetArn as { 'Fn::GetAtt'?: [string, string] })?.[
          'Fn::GetAtt'
        ]?.[0];
        const dlq = target === undefined ? undefined : made.get(target);
        if (dlq === undefined)
          throw new Error(`The redrive target of queue ${logicalId} is not a queue of this template`);
        attributes.RedrivePolicy = JSON.stringify({
          deadLetterTargetArn: dlq.arn,
          maxReceiveCount: redrive.maxReceiveCount,
        });
      }
      const { QueueUrl } = await client.send(
        new CreateQueueCommand({ QueueName: logicalId, Attributes: attributes }),
      );
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
      );
      // fauxqs names queues `sqs.<region>.localhost:<port>`, which need not resolve; the SDK sends a request
      // to its queue URL's host, so the URL is given on the loopback address (fauxqs ignores the host).
      made.set(logicalId, {
        url: `${endpoint}${new URL(String(QueueUrl)).pathname}`,
        arn: String(Attributes?.QueueArn),
      });
    }
  } catch (error) {
    client.destroy();
    await server.stop();
    throw error;
  }
  return {
    endpoint,
    queues: made,
    client,
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}

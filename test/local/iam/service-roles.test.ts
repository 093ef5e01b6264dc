/**
 * The roles AWS services act with for us, read from the real synthesized template: the schedule's role may
 * invoke the digest function and nothing else, and Lambda's SQS event source polls with the function's own
 * execution role. With the receive grant taken out of that role, the local event source delivers nothing and
 * the denial names the function, the action and the queue; with the template as it is, it delivers.
 */
import { GetQueueAttributesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { type LocalSqs, startSqs, templateQueues } from '../../../local/emulators/sqs';
import {
  startSqsEventSources,
  templateEventSourceMappings,
} from '../../../local/emulators/sqs-event-sources';
import { IamAuthorizer } from '../../../local/iam/authorizer';
import type { Denial } from '../../../local/iam/proxy';
import { LambdaAccessDeniedError, ServiceRoles, schedulesByFunction } from '../../../local/iam/service-roles';
import { readExecutionRoles } from '../../../local/template/iam';
import { readLocalResources } from '../../../local/template/resources';
import { synthTemplate } from '../../../local/template/synth';
import type { CfnTemplate } from '../../../local/template/types';
import { withoutGrant } from '../../support/template-grants';

let template: CfnTemplate;
const idOf = (prefix: string, type: string) => {
  const id = Object.keys(template.Resources).find(
    (key) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(key) && template.Resources[key]?.Type === type,
  );
  if (id === undefined) throw new Error(`No ${type} ${prefix} in the template`);
  return id;
};

beforeAll(() => {
  template = synthTemplate();
}, 120_000);

describe('the schedule’s role (EventBridge Scheduler invoking the digest function)', () => {
  it('may invoke the function the schedule targets, and no other', async () => {
    // Prepare
    const denials: Denial[] = [];
    const roles = new ServiceRoles(new IamAuthorizer(readExecutionRoles(template)), (d) => denials.push(d));
    const digest = idOf('DeadlinesSendDigests', 'AWS::Lambda::Function');
    const [schedule] = schedulesByFunction(template).get(digest) ?? [];
    const { functions } = readLocalResources(template);
    const intake = functions.get(idOf('RequestsPostRequest', 'AWS::Lambda::Function'))?.arn ?? '';

    // Act
    const allowed = roles.invoke(schedule ?? '', functions.get(digest)?.arn ?? '');
    const stranger = roles.invoke(schedule ?? '', intake);

    // Assess
    expect(schedule).toMatch(/^DeadlinesDaily[0-9A-F]{8}$/);
    await expect(allowed).resolves.toBeUndefined();
    await expect(stranger).rejects.toThrow(LambdaAccessDeniedError);
    await expect(stranger).rejects.toThrow(
      `is not authorized to perform: lambda:InvokeFunction on resource: ${intake} because no identity-based policy allows the lambda:InvokeFunction action`,
    );
    expect(denials).toEqual([
      expect.objectContaining({
        functionLogicalId: schedule,
        action: 'lambda:InvokeFunction',
        resource: intake,
      }),
    ]);
  });
});

describe('the SQS event source (Lambda polling with the function’s execution role)', () => {
  let sqs: LocalSqs;
  const sender = () => idOf('ChangeNoticesSendNotices', 'AWS::Lambda::Function');
  const queueId = () => idOf('ChangeNoticesQueue', 'AWS::SQS::Queue');

  beforeEach(async () => {
    sqs = await startSqs({ port: 0, queues: templateQueues(template.Resources) });
  });

  afterEach(async () => {
    await sqs.stop();
  });

  /** Runs the template's mappings against the local queues for a while; what reached the function, and the denials. */
  async function deliver(roles: CfnTemplate): Promise<{ delivered: SQSEvent[]; denials: Denial[] }> {
    const delivered: SQSEvent[] = [];
    const denials: Denial[] = [];
    const service = new ServiceRoles(new IamAuthorizer(readExecutionRoles(roles)), (d) => denials.push(d));
    const queue = sqs.queues.get(queueId());
    await sqs.client.send(new SendMessageCommand({ QueueUrl: queue?.url, MessageBody: '{"probe":true}' }));
    const sources = startSqsEventSources({
      client: sqs.client,
      mappings: templateEventSourceMappings(template.Resources),
      queues: sqs.queues,
      invoke: async (_fn, event) => {
        delivered.push(event);
        return { batchItemFailures: [] };
      },
      mayCall: (fn, call, queueArn) => service.eventSource(fn, call, queueArn),
    });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await sources.stop();
    return { delivered, denials };
  }

  it('delivers with the template as it is, and denies nothing', async () => {
    // Act
    const { delivered, denials } = await deliver(template);

    // Assess
    expect(denials).toEqual([]);
    expect(delivered.flatMap((event) => event.Records.map((record) => record.body))).toEqual([
      '{"probe":true}',
    ]);
  });

  it('delivers nothing when the function’s role may not sqs:ReceiveMessage, and names function, action and queue', async () => {
    // Prepare
    const modified = withoutGrant(template, sender(), 'sqs:ReceiveMessage');

    // Act
    const { delivered, denials } = await deliver(modified);

    // Assess
    const queueArn = sqs.queues.get(queueId())?.arn;
    expect(delivered).toEqual([]);
    // Each of the mapping's pollers (its maximum concurrency) is refused, and stops.
    expect(denials.length).toBeGreaterThan(0);
    expect(
      new Set(denials.map((denial) => `${denial.functionLogicalId} ${denial.action} ${denial.resource}`)),
    ).toEqual(new Set([`${sender()} sqs:ReceiveMessage ${queueArn}`]));
    expect(denials[0]?.message).toContain(
      `is not authorized to perform: sqs:ReceiveMessage on resource: ${queueArn} because no identity-based policy allows the sqs:ReceiveMessage action`,
    );
  });

  it('leaves a handled batch in the queue when the role may not sqs:DeleteMessage', async () => {
    // Prepare
    const modified = withoutGrant(template, sender(), 'sqs:DeleteMessage');

    // Act
    const { delivered, denials } = await deliver(modified);

    // Assess: handled once, not deleted, so it is still in flight (back after its visibility timeout).
    expect(delivered).toHaveLength(1);
    expect(denials.map((denial) => denial.action)).toEqual(['sqs:DeleteMessage']);
    const inFlight = await sqs.client.send(
      new GetQueueAttributesCommand({
        QueueUrl: sqs.queues.get(queueId())?.url,
        AttributeNames: ['ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(inFlight.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('1');
  });
});

/**
 * The local stack enforces the execution roles of the template (issue 16): `npm start -- --template <file>` runs a
 * template with the intake function's `dynamodb:PutItem` taken out, and `POST /requests` then fails as it would
 * on AWS, with the stack naming the function, the action and the table. The same template unmodified works, so
 * the failure is the missing grant and nothing else. S3 is checked too: with the staff upload function's
 * `s3:PutObject` taken out, the presigned PUT it signs is refused by the local S3 as AWS refuses it, because a
 * presigned URL acts with the role of the function that signed it. So are the roles AWS services act with:
 * without its sqs:ReceiveMessage, the change-notice sender's event source delivers nothing, and without the
 * schedule role's lambda:InvokeFunction, the digest run fails.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { jest } from '@jest/globals';
import { repoRoot } from '../../lib/paths';
import { synthTemplate } from '../../local/template/synth';
import type { CfnTemplate } from '../../local/template/types';
import { signInWithLocalIdporten } from '../support/idporten-sign-in';
import { freePort, type StartedProcess, waitForOutput } from '../support/local-process';
import type { LocalStackFixture } from '../support/local-stack-fixture';
import { withoutGrant } from '../support/template-grants';
import { WorkflowDriver } from '../support/workflow-driver';

jest.setTimeout(240_000);

const INTAKE = /^RequestsPostRequest[0-9A-F]{8}$/;
const STAFF_UPLOAD = /^StaffUploadUrl[0-9A-F]{8}$/;

/** `npm start --fresh --template <file>` on free ports and a fresh data folder (local-process.ts passes no args). */
async function startWithTemplate(templateFile: string, dataDir: string): Promise<StartedProcess> {
  const env = {
    ...process.env,
    NODE_OPTIONS: '',
    PERSONVERN_STRICT: '1',
    PORT: String(await freePort()),
    DYNAMODB_PORT: String(await freePort()),
    SES_PORT: String(await freePort()),
    S3_PORT: String(await freePort()),
    SFN_PORT: String(await freePort()),
    IDPORTEN_PORT: String(await freePort()),
    KMS_PORT: String(await freePort()),
    PERSONVERN_DATA_DIR: dataDir,
  };
  const child: ChildProcess = spawn(
    join(repoRoot, 'node_modules/.bin/tsx'),
    ['local/start.ts', '--fresh', '--template', templateFile],
    { cwd: repoRoot, env },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited, dataDir };
}

async function stop(started: StartedProcess): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return;
  started.child.kill('SIGINT');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), 10_000);
  await started.exited;
  clearTimeout(timer);
}

async function postRequest(apiUrl: string): Promise<Response> {
  return fetch(`${apiUrl}/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({
      type: 'access',
      name: 'Kari Nordmann',
      email: `iam${Date.now()}@example.no`,
      lang: 'en',
    }),
  });
}

const sqsUrlOf = (output: string) => /^\s+SQS\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(output)?.[1] ?? '';
const apiUrlOf = (output: string) => /^\s+API\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(output)?.[1] ?? '';
const tableOf = (output: string) => /tables: ([^,)\s]+)/.exec(output)?.[1] ?? '';
const sesUrlOf = (output: string) =>
  /^\s+Email \(SES\)\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(output)?.[1] ?? '';

/** The little of the shared fixture the workflow driver uses: the API, the output and the SES store. */
function driverFor(stack: StartedProcess): WorkflowDriver {
  const output = stack.output();
  const fixture = {
    apiUrl: apiUrlOf(output),
    output: stack.output,
    emails: async () => {
      const response = await fetch(`${sesUrlOf(output)}/store`);
      return ((await response.json()) as { emails: unknown[] }).emails;
    },
  };
  return new WorkflowDriver(fixture as unknown as LocalStackFixture);
}

describe('IAM from the template, locally', () => {
  const folder = mkdtempSync(join(tmpdir(), 'personvern-iam-'));
  let template: CfnTemplate;
  let intake: string;

  beforeAll(() => {
    template = synthTemplate();
    intake = Object.keys(template.Resources).find((id) => INTAKE.test(id)) ?? '';
    if (intake === '') throw new Error('The template has no RequestsPostRequest function');
  }, 120_000);

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("refuses the intake function's PutItem once the template no longer grants it, naming function, action and table", async () => {
    // Prepare
    const file = join(folder, 'without-putitem.json');
    writeFileSync(file, JSON.stringify(withoutGrant(template, intake, 'dynamodb:PutItem')));
    const stack = await startWithTemplate(file, join(folder, 'data-denied'));
    try {
      await waitForOutput(stack, 'Press Ctrl-C to stop.', 120_000);
      expect(stack.output()).toMatch(/IAM\s+enforced/);
      const table = tableOf(stack.output());

      // Act
      const response = await postRequest(apiUrlOf(stack.output()));

      // Assess
      expect(response.status).toBe(500);
      const tableArn = `arn:aws:dynamodb:eu-north-1:000000000000:table/${table}`;
      const denial = stack
        .output()
        .split('\n')
        .find((line) => line.includes('IAM:') && line.includes('dynamodb:PutItem'));
      expect(denial).toBeDefined();
      expect(denial).toContain(intake);
      expect(denial).toContain(tableArn);
      expect(denial).toContain(
        `is not authorized to perform: dynamodb:PutItem on resource: ${tableArn} because no identity-based policy allows the dynamodb:PutItem action`,
      );
    } finally {
      await stop(stack);
    }
  });

  it('refuses the presigned PUT of a function without s3:PutObject, naming the function and the object', async () => {
    // Prepare
    const upload = Object.keys(template.Resources).find((id) => STAFF_UPLOAD.test(id)) ?? '';
    const file = join(folder, 'without-s3-putobject.json');
    writeFileSync(file, JSON.stringify(withoutGrant(template, upload, 's3:PutObject')));
    const stack = await startWithTemplate(file, join(folder, 'data-s3-denied'));
    try {
      await waitForOutput(stack, 'Press Ctrl-C to stop.', 120_000);
      const driver = driverFor(stack);
      const officer = await driver.token('personvernombud');
      // Portability to BRP: one manual collection, no identity check.
      const { id } = await driver.submitVerified({
        type: 'portability',
        name: 'Kari Nordmann',
        email: `iam-s3-${Date.now()}@example.no`,
        lang: 'en',
      });
      await driver.openTasks(officer, id, 'manual-collection');
      const bytes = Buffer.from('Medlem siden 2019.\n', 'utf8');
      // Signing the URL makes no call, so the function still hands one out.
      const issued = await driver.staff(officer, 'POST', `/staff/requests/${id}/uploads`, {
        systemId: 'brp-systems',
        fileName: 'brp.txt',
        contentType: 'text/plain',
        size: bytes.length,
      });
      expect(issued.status).toBe(201);
      const { url, headers, uploadKey } = (await issued.json()) as {
        url: string;
        headers: Record<string, string>;
        uploadKey: string;
      };
      const { 'Content-Length': _length, ...sent } = headers;

      // Act
      const put = await fetch(url, { method: 'PUT', headers: sent, body: bytes });

      // Assess
      expect(put.status).toBe(403);
      expect(await put.text()).toContain('<Code>AccessDenied</Code>');
      const objectArn = `arn:aws:s3:::${new URL(url).pathname.split('/')[1]}/${uploadKey}`;
      const denial = stack
        .output()
        .split('\n')
        .find((line) => line.includes('IAM:') && line.includes('s3:PutObject'));
      expect(denial).toContain(upload);
      expect(denial).toContain(
        `is not authorized to perform: s3:PutObject on resource: ${objectArn} because no identity-based policy allows the s3:PutObject action`,
      );
    } finally {
      await stop(stack);
    }
  });

  it("opens no national identity number without the reveal route's kms:Decrypt, naming the function, the action and the key", async () => {
    // Prepare: a request signed in with ID-porten (the callback may seal), then the reveal route may not open
    const reveal =
      Object.keys(template.Resources).find((id) => /^EidRevealNationalId[0-9A-F]{8}$/.test(id)) ?? '';
    const file = join(folder, 'without-kms-decrypt.json');
    writeFileSync(file, JSON.stringify(withoutGrant(template, reveal, 'kms:Decrypt')));
    const stack = await startWithTemplate(file, join(folder, 'data-kms-denied'));
    try {
      await waitForOutput(stack, 'Press Ctrl-C to stop.', 120_000);
      const driver = driverFor(stack);
      const officer = await driver.token('personvernombud');
      const { id, statusUrl } = await driver.submitVerified({
        type: 'access',
        name: 'Kari Testesen',
        email: `iam-kms-${Date.now()}@example.no`,
        birthDate: '1985-03-14',
        lang: 'nb',
        verification: 'eid',
      });
      await signInWithLocalIdporten(statusUrl.replace('/status?', '/eid?'), '14838512470');

      // Act
      const revealed = await driver.staff(officer, 'POST', `/staff/requests/${id}/national-id`, {
        reason: 'identity-check',
      });

      // Assess
      expect(revealed.status).toBe(500);
      expect(await revealed.text()).not.toContain('14838512470');
      const denial = stack
        .output()
        .split('\n')
        .find((line) => line.includes('IAM:') && line.includes('kms:Decrypt'));
      expect(denial).toContain(reveal);
      expect(denial).toMatch(
        /is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:eu-north-1:000000000000:key\/EidNationalIdKey/,
      );
    } finally {
      await stop(stack);
    }
  });

  it("delivers no change notice without the sender's sqs:ReceiveMessage, and runs no digest without the schedule role's lambda:InvokeFunction", async () => {
    // Prepare: the service roles, which no function signs with: Lambda's SQS poller and EventBridge Scheduler.
    const idOf = (pattern: RegExp) => Object.keys(template.Resources).find((id) => pattern.test(id)) ?? '';
    const sender = idOf(/^ChangeNoticesSendNotices[0-9A-F]{8}$/);
    const queue = idOf(/^ChangeNoticesQueue[0-9A-F]{8}$/);
    const schedule = idOf(/^DeadlinesDaily[0-9A-F]{8}$/);
    const digest = idOf(/^DeadlinesSendDigests[0-9A-F]{8}$/);
    const file = join(folder, 'without-service-grants.json');
    const modified = withoutGrant(
      withoutGrant(template, sender, 'sqs:ReceiveMessage'),
      schedule,
      'lambda:InvokeFunction',
    );
    writeFileSync(file, JSON.stringify(modified));
    const stack = await startWithTemplate(file, join(folder, 'data-service-roles'));
    try {
      await waitForOutput(stack, 'Press Ctrl-C to stop.', 120_000);
      const queueArn = `arn:aws:sqs:eu-north-1:000000000000:${queue}`;
      const sqs = new SQSClient({
        endpoint: sqsUrlOf(stack.output()),
        region: 'eu-north-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      });
      const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queue }));

      // Act
      await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"probe":true}' }));
      const run = await fetch(`${apiUrlOf(stack.output())}/local/reminders/run`, { method: 'POST' });
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
        }),
      );
      sqs.destroy();

      // Assess: the message was never received; the digest function never ran.
      expect(Attributes).toEqual({
        ApproximateNumberOfMessages: '1',
        ApproximateNumberOfMessagesNotVisible: '0',
      });
      const lines = stack.output().split('\n');
      const receive = lines.find((line) => line.includes('IAM:') && line.includes('sqs:ReceiveMessage'));
      expect(receive).toContain(sender);
      expect(receive).toContain(
        `is not authorized to perform: sqs:ReceiveMessage on resource: ${queueArn} because no identity-based policy allows the sqs:ReceiveMessage action`,
      );
      expect(run.status).toBe(502);
      expect(await run.text()).toContain('AccessDeniedException');
      const functionArn = `arn:aws:lambda:eu-north-1:000000000000:function:${digest}`;
      const invoke = lines.find((line) => line.includes('IAM:') && line.includes('lambda:InvokeFunction'));
      expect(invoke).toContain(schedule);
      expect(invoke).toContain(
        `is not authorized to perform: lambda:InvokeFunction on resource: ${functionArn} because no identity-based policy allows the lambda:InvokeFunction action`,
      );
    } finally {
      await stop(stack);
    }
  });

  it('accepts the same request with the unmodified template, and denies nothing on the way', async () => {
    // Prepare
    const file = join(folder, 'unmodified.json');
    writeFileSync(file, JSON.stringify(template));
    const stack = await startWithTemplate(file, join(folder, 'data-allowed'));
    try {
      await waitForOutput(stack, 'Press Ctrl-C to stop.', 120_000);

      // Act: a request, and a digest run as the schedule invokes it.
      const response = await postRequest(apiUrlOf(stack.output()));
      const digests = await fetch(`${apiUrlOf(stack.output())}/local/reminders/run`, { method: 'POST' });

      // Assess
      expect(response.status).toBe(202);
      expect(digests.status).toBe(200);
      expect(stack.output()).not.toContain('IAM:');
    } finally {
      await stop(stack);
    }
  });
});

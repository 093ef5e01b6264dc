/**
 * `npx tsx bench/workflow-cost.ts`: each request type the policy offers, end to end on the real local
 * stack, with the requester typing the code at once and staff approving every task as soon as it opens
 * (over the staff API, as the console does). For each request it counts what AWS would bill:
 *
 * - state transitions: the `…StateEntered` events of the execution's GetExecutionHistory (the Step
 *   Functions shim translates the runner's log; Map iterations' states are included);
 * - Lambda invocations and their durations (the runtime both the API and the state machine use), priced
 *   at each function's memory size from the template;
 * - DynamoDB calls and request units (dynamo-meter.ts), API Gateway requests, S3 and Secrets Manager
 *   calls (http-meter.ts), emails (the SES emulator's store), and the bytes the handlers log;
 * - KMS calls, which have no emulator: modelled from the S3 and DynamoDB traffic (see `kmsModel`).
 *
 * A first pass of every type warms the functions; the second pass is measured, one request at a time.
 */

import { GetExecutionHistoryCommand, type HistoryEvent, SFNClient } from '@aws-sdk/client-sfn';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { synthTemplate } from '../local/template/synth';
import policy from '../policy/sterk.json' with { type: 'json' };
import type { LocalStackFixture, StoredEmail } from '../test/support/local-stack-fixture';
import { type StaffTaskView, WorkflowDriver } from '../test/support/workflow-driver';
import { reportResult } from './child';
import { BENCH_AGENT, type DynamoTotals } from './dynamo-meter';
import { HttpMeter } from './http-meter';
import { type InstrumentedStack, startInstrumentedStack } from './instrumented-stack';
import { LAMBDA_PLATFORM_LOG_BYTES, PRICES } from './prices';

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly usd: number;
}

export interface WorkflowCost {
  readonly type: string;
  readonly status: string;
  readonly wallMs: number;
  readonly transitions: number;
  /** Of the transitions, how many entered each state (Map iterations' states included). */
  readonly transitionsByState?: Record<string, number>;
  readonly tasks: Record<string, number>;
  readonly invocations: {
    readonly function: string;
    readonly count: number;
    readonly ms: number;
    readonly memoryMb: number;
  }[];
  readonly dynamo: DynamoTotals;
  readonly apiRequests: number;
  readonly s3: Record<string, number>;
  readonly secretsManagerCalls: number;
  readonly emails: number;
  readonly logBytes: number;
  readonly kms: { readonly modelledCalls: number; readonly withoutBucketKeys: number };
  readonly costs: CostLine[];
  readonly totalUsd: number;
}

const offeredTypes = (policy.rights as { kind: string; type?: string }[])
  .filter((r) => r.kind === 'request' && r.type !== undefined)
  .map((r) => String(r.type));

/** What a staff member answers to each task type when everything is in order. */
const APPROVALS: Record<string, Record<string, unknown>> = {
  'identity-check': { decision: 'approve', comment: 'Checked in person' },
  'manual-collection': { decision: 'approve', noDataFound: true, comment: 'Searched by name and email' },
  review: { decision: 'approve' },
  'manual-action': { decision: 'approve', comment: 'Done in the system' },
  attention: { decision: 'approve' },
};

let logBytes = 0;
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  // Handlers' log lines reach this process's stdout from their worker threads.
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    logBytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : (chunk as Buffer).length;
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

const bench = await startInstrumentedStack();
const { stack } = bench;
const sesUrl = stack.endpoints.ses;
const emails = async (): Promise<StoredEmail[]> =>
  ((await (await fetch(`${sesUrl}/store`)).json()) as { emails: StoredEmail[] }).emails;
// The driver reads the fake Mailchimp's address and the API from what `npm start` prints, and the emails
// from the SES store: an in-process stack offers the same, so it gets a view shaped like the fixture.
const fixtureView = {
  apiUrl: stack.apiUrl,
  sesUrl,
  dynamodbUrl: stack.endpoints.dynamodb,
  tableName: bench.tableName,
  output: () => `  Mailchimp      ${stack.mailchimp.url}\n`,
  emails,
} as unknown as LocalStackFixture;
const driver = new WorkflowDriver(fixtureView);
const api = new HttpMeter(stack.apiUrl, (request) => !/^\/(local|console)\//.test(request.url ?? ''));
const s3 = new HttpMeter(stack.endpoints.s3);
const secrets = new HttpMeter(stack.endpoints.secretsManager);
const sfn = new SFNClient({
  region: 'eu-north-1',
  endpoint: stack.endpoints.stepfunctions,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  customUserAgent: BENCH_AGENT,
});
const requestMachine = stack.resources.stateMachines.find((m) => /request/i.test(m.name));
if (requestMachine === undefined) throw new Error('No request workflow in the template');
const memoryOf = memorySizes();
let counter = 0;

try {
  const officer = await driver.token('personvernombud');
  // Warm-up: every type once, all at the same time.
  await Promise.all(offeredTypes.map((type) => runOne(type, officer)));
  const results: WorkflowCost[] = [];
  for (const type of offeredTypes) {
    await bench.idle(1000);
    results.push(await measure(type, officer));
    process.stderr.write(`  workflow ${type}: $${results.at(-1)?.totalUsd.toFixed(5)}\n`);
  }
  reportResult({ types: results });
} finally {
  api.close();
  s3.close();
  secrets.close();
  sfn.destroy();
  await bench.stop();
}

async function measure(type: string, officer: string): Promise<WorkflowCost> {
  const address = `bench.${type}.${Date.now()}.${counter++}@example.no`;
  // Seeded before the meters start: the Mailchimp member is the person's data, not the request's work.
  await driver.seedMailchimpMember(address, { FNAME: 'Bench', LNAME: 'Person' });
  await bench.dynamo.reset();
  api.reset();
  s3.reset();
  secrets.reset();
  const emailsBefore = (await emails()).length;
  const invocationsBefore = bench.invocations.length;
  const logBytesBefore = logBytes;
  const started = performance.now();
  const { id, status, tasks } = await runOne(type, officer, address);
  const wallMs = performance.now() - started;
  await bench.idle(1000);
  const dynamo = await bench.dynamo.snapshot();
  const invocationsList = bench.invocations.slice(invocationsBefore);
  const history = await executionHistory(id);
  const entered = history.filter((e) => String(e.type).endsWith('StateEntered'));
  const transitions = entered.length;
  const transitionsByState: Record<string, number> = {};
  for (const event of entered) {
    const name = event.stateEnteredEventDetails?.name ?? '?';
    transitionsByState[name] = (transitionsByState[name] ?? 0) + 1;
  }
  const byFunction = new Map<string, { count: number; ms: number; memoryMb: number }>();
  for (const invocation of invocationsList) {
    const name = invocation.entry.replace('lambdas/handlers/', '').replace(/\.ts$/, '');
    const line = byFunction.get(name) ?? {
      count: 0,
      ms: 0,
      memoryMb: memoryOf.get(invocation.functionName) ?? 512,
    };
    line.count += 1;
    line.ms += Math.ceil(invocation.ms);
    byFunction.set(name, line);
  }
  const invocations = [...byFunction.entries()].map(([fn, v]) => ({ function: fn, ...v }));
  const s3Calls = s3.snapshot();
  const s3Writes = (s3Calls.PUT ?? 0) + (s3Calls.POST ?? 0) + (s3Calls.DELETE ?? 0);
  const s3Reads = (s3Calls.GET ?? 0) + (s3Calls.HEAD ?? 0);
  const emailCount = (await emails()).length - emailsBefore;
  const handlerLogBytes = logBytes - logBytesBefore + invocationsList.length * LAMBDA_PLATFORM_LOG_BYTES;
  const kms = kmsModel(s3Writes, s3Reads);
  const gbSeconds = invocations.reduce((sum, i) => sum + (i.ms / 1000) * (i.memoryMb / 1024), 0);
  const apiRequests = api.total();
  const costs: CostLine[] = [
    line('Lambda duration', gbSeconds, 'GB-s', PRICES.lambdaGbSecondArm.usd),
    line('Lambda invocations', invocationsList.length, 'invocations', PRICES.lambdaRequest.usd),
    line('Step Functions', transitions, 'transitions', PRICES.stepFunctionsTransition.usd),
    line('DynamoDB writes', dynamo.writeUnits, 'WRU', PRICES.dynamoWriteUnit.usd),
    line('DynamoDB reads', dynamo.readUnits, 'RRU', PRICES.dynamoReadUnit.usd),
    line('API Gateway', apiRequests, 'requests', PRICES.apiGatewayRequest.usd),
    line('SES', emailCount, 'emails', PRICES.sesEmail.usd),
    line('S3 writes', s3Writes, 'requests', PRICES.s3Put.usd),
    line('S3 reads', s3Reads, 'requests', PRICES.s3Get.usd),
    line('Secrets Manager', secrets.total(), 'calls', PRICES.secretsManagerCall.usd),
    line('KMS (modelled)', kms.modelledCalls, 'calls', PRICES.kmsRequest.usd),
    line('CloudWatch Logs', handlerLogBytes / 2 ** 30, 'GB', PRICES.logsIngestedGb.usd),
    // At most one trace per API call and one for the execution's Lambda calls.
    line('X-Ray (at most)', apiRequests + 1, 'traces', PRICES.xrayTrace.usd),
  ];
  return {
    type,
    status,
    wallMs,
    transitions,
    transitionsByState,
    tasks,
    invocations,
    dynamo,
    apiRequests,
    s3: s3Calls,
    secretsManagerCalls: secrets.total(),
    emails: emailCount,
    logBytes: handlerLogBytes,
    kms,
    costs,
    totalUsd: costs.reduce((sum, c) => sum + c.usd, 0),
  };
}

function line(item: string, quantity: number, unit: string, price: number): CostLine {
  return { item, quantity, unit, usd: quantity * price };
}

/**
 * KMS has no local emulator, so its calls are modelled:
 * - the table is encrypted with a customer managed key, but DynamoDB caches the table key and calls KMS
 *   about once per 5 minutes per table and caller, not per item: a fixed cost, counted here as 0;
 * - the export bucket uses SSE-KMS with S3 Bucket Keys: S3 asks KMS for a bucket-level key and reuses it
 *   for a time, so per-object calls almost vanish (AWS: up to 99% fewer). Without bucket keys every
 *   object write would be a GenerateDataKey and every read a Decrypt; the report shows that bound, and
 *   prices 1% of it as the modelled figure;
 * - the log groups' KMS key is used by CloudWatch Logs per batch, not per line: also fixed.
 */
function kmsModel(s3Writes: number, s3Reads: number) {
  const withoutBucketKeys = s3Writes + s3Reads;
  return { modelledCalls: withoutBucketKeys * 0.01, withoutBucketKeys };
}

/** Files one request, answers its code, approves each task as it opens; resolves when the request closed. */
async function runOne(type: string, officer: string, email?: string) {
  const address = email ?? `bench.warm.${type}.${Date.now()}.${counter++}@example.no`;
  const { id } = await driver.submitVerified({
    type,
    name: 'Bench Person',
    email: address,
    lang: 'nb',
    ...(type === 'rectification' ? { details: 'Etternavnet er feilstavet.' } : {}),
  });
  const decided = new Set<string>();
  const tasks: Record<string, number> = {};
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (Date.now() > deadline) throw new Error(`${type} request ${id} did not close in 2 minutes`);
    const { Item: request } = await bench.db.send(
      new GetCommand({ TableName: bench.tableName, Key: { pk: `REQUEST#${id}`, sk: 'REQUEST' } }),
    );
    if (request?.completedAt !== undefined) return { id, status: String(request.status), tasks };
    const open = await openTaskTypes(id, decided);
    if (open.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    // What a staff member does: open the task list, then decide what is there.
    const views: StaffTaskView[] = [];
    for (const taskType of new Set(open)) {
      views.push(
        ...(await driver.openTasks(officer, id, taskType, open.filter((t) => t === taskType).length)),
      );
    }
    for (const view of views.filter((v) => v.status === 'open' && !decided.has(v.taskId))) {
      decided.add(view.taskId);
      tasks[view.type] = (tasks[view.type] ?? 0) + 1;
      const answer = await driver.decide(
        officer,
        view.taskId,
        APPROVALS[view.type] ?? { decision: 'approve' },
      );
      if (answer.status !== 200) throw new Error(`Deciding ${view.type} answered ${answer.status}`);
    }
  }
}

/** The types of the request's open tasks not yet decided (read by the bench, not counted). */
async function openTaskTypes(requestId: string, decided: Set<string>): Promise<string[]> {
  const { Items = [] } = await bench.db.send(
    new QueryCommand({
      TableName: bench.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :task)',
      ExpressionAttributeValues: { ':pk': `REQUEST#${requestId}`, ':task': 'TASK#' },
    }),
  );
  return Items.filter(
    (t) => t.status === 'open' && t.taskToken !== undefined && !decided.has(String(t.taskId)),
  ).map((t) => String(t.type));
}

async function executionHistory(requestId: string): Promise<HistoryEvent[]> {
  const executionArn = `${requestMachine?.arn.replace(':stateMachine:', ':execution:')}:${requestId}`;
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }),
    );
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  return events;
}

/** Each function's MemorySize from the template, by its local name. */
function memorySizes(): Map<string, number> {
  const template = synthTemplate() as {
    Resources: Record<string, { Type: string; Properties?: { MemorySize?: number } }>;
  };
  const sizes = new Map<string, number>();
  for (const fn of stack.resources.functions.values()) {
    sizes.set(fn.name, template.Resources[fn.logicalId]?.Properties?.MemorySize ?? 128);
  }
  return sizes;
}

export type { InstrumentedStack };

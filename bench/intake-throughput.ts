/**
 * `npx tsx bench/intake-throughput.ts [seconds]`: POST /requests on the real local stack with autocannon at
 * 32 and 100 connections, and, in the same run and against the same dynalite, raw PutItem throughput from
 * one client. Targets: intake ≥ 40% of raw PutItem; p99 < 100 ms at 32 connections.
 *
 * The stack runs in this process; the load comes from separate processes (bench/intake-load.ts), so the
 * generator does not steal the stack's event loop. The workflows the submissions start (code emails) run
 * during the measurement, as they would share the machine locally.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../lib/paths';
import { reportResult } from './child';
import { startInstrumentedStack } from './instrumented-stack';

const SECONDS = Number(process.argv[2] ?? 10);
const loadScript = join(repoRoot, 'bench/intake-load.ts');

export interface PutItemRun {
  readonly inFlight: number;
  readonly puts: number;
  readonly putsPerSecond: number;
  readonly latencyMs: { p50: number; p99: number };
}

export interface IntakeRun {
  readonly connections: number;
  readonly responses: number;
  readonly requestsPerSecond: number;
  readonly acceptedPerSecond: number;
  readonly statuses: Record<string, number>;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly latencyMs: { p50: number; p90: number; p99: number; max: number };
  readonly addressesUsed: number;
  /** Measured on the stack during the run, per accepted submission (intake and the code email step). */
  readonly perSubmission?: {
    /** Submissions the stack handled (post-request invocations), in flight at the end included. */
    readonly handled: number;
    readonly dynamoCalls: number;
    readonly dynamoWriteCalls: number;
    readonly invocations: Record<string, number>;
  };
}

/**
 * Submissions one at a time on a quiet stack, every write sized: what one accepted submission costs in
 * DynamoDB, the intake's calls and the verification step's (code and receipt) together.
 */
export interface MeteredSubmissions {
  readonly submissions: number;
  readonly accepted: number;
  /** Per accepted submission. */
  readonly calls: number;
  readonly readCalls: number;
  readonly writeCalls: number;
  readonly callsByOperation: Record<string, number>;
  /** Write request units as ReturnConsumedCapacity 'INDEXES' reports them: table and indexes. */
  readonly writeUnits: number;
  readonly indexWriteUnits: number;
  readonly indexWriteUnitsByIndex: Record<string, number>;
  readonly readUnits: number;
  readonly failedConditions: number;
}

export interface IntakeResult {
  readonly seconds: number;
  readonly putItem: PutItemRun;
  readonly intake: IntakeRun[];
  readonly metered?: MeteredSubmissions;
}

const METERED_SUBMISSIONS = 20;

function load<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(
      join(repoRoot, 'node_modules/.bin/tsx'),
      [loadScript, ...args],
      { cwd: repoRoot, env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${args[0]} load failed: ${error.message}\n${stderr.slice(-2000)}`));
        else resolve(JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as T);
      },
    );
  });
}

const bench = await startInstrumentedStack();
bench.dynamo.sizeUpdates = false;
try {
  const apiUrl = bench.stack.apiUrl;
  // Warm every function on the intake path (first import, first connections), as a busy stack would be.
  await load<IntakeRun>(['intake', apiUrl, '4', '2', String(1 << 16)]);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const putItem = await load<PutItemRun>([
    'putitem',
    bench.stack.endpoints.dynamodb,
    bench.tableName,
    String(SECONDS),
    '32',
  ]);
  const intake: IntakeRun[] = [];
  for (const [i, connections] of [1, 32, 100].entries()) {
    // The previous run's workflows (code emails) finish first, so each run starts from a quiet stack.
    await bench.idle();
    await bench.dynamo.reset();
    const invocationsBefore = bench.invocations.length;
    const run = await load<IntakeRun>([
      'intake',
      apiUrl,
      String(connections),
      String(SECONDS),
      String((i + 2) << 16),
    ]);
    await bench.idle();
    const dynamo = await bench.dynamo.snapshot();
    // Submissions the stack handled, including those still in flight when the load stopped.
    const handled = bench.invocations
      .slice(invocationsBefore)
      .filter((i) => i.ok && i.entry.endsWith('post-request.ts')).length;
    const per = (n: number) => n / Math.max(1, handled);
    const invocations: Record<string, number> = {};
    for (const { entry } of bench.invocations.slice(invocationsBefore)) {
      const name = entry.split('/').at(-1)?.replace(/\.ts$/, '') ?? entry;
      invocations[name] = (invocations[name] ?? 0) + per(1);
    }
    intake.push({
      ...run,
      perSubmission: {
        handled,
        dynamoCalls: per(dynamo.readCalls + dynamo.writeCalls),
        dynamoWriteCalls: per(dynamo.writeCalls),
        invocations,
      },
    });
  }
  const metered = await meteredSubmissions(apiUrl, METERED_SUBMISSIONS);
  reportResult({ seconds: SECONDS, putItem, intake, metered } satisfies IntakeResult);
} finally {
  await bench.stop();
}

/** `count` submissions in a row, each answered before the next; the meter sizes every write. */
async function meteredSubmissions(apiUrl: string, count: number): Promise<MeteredSubmissions> {
  await bench.idle();
  bench.dynamo.sizeUpdates = true;
  await bench.dynamo.reset();
  let accepted = 0;
  for (let i = 0; i < count; i++) {
    const answer = await fetch(`${apiUrl}/requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({
        type: 'access',
        name: 'Bench Person',
        email: `bench.metered.${Date.now()}.${i}@example.no`,
        lang: 'nb',
      }),
    });
    await answer.arrayBuffer();
    if (answer.status >= 200 && answer.status < 300) accepted += 1;
  }
  // The verification steps (code and receipt) the submissions started.
  await bench.idle();
  const t = await bench.dynamo.snapshot();
  const per = (n: number) => n / Math.max(1, accepted);
  return {
    submissions: count,
    accepted,
    calls: per(t.readCalls + t.writeCalls),
    readCalls: per(t.readCalls),
    writeCalls: per(t.writeCalls),
    callsByOperation: Object.fromEntries(Object.entries(t.calls).map(([op, n]) => [op, per(n)])),
    writeUnits: per(t.writeUnits),
    indexWriteUnits: per(t.indexWriteUnits),
    indexWriteUnitsByIndex: Object.fromEntries(
      Object.entries(t.indexWriteUnitsByIndex).map(([index, n]) => [index, per(n)]),
    ),
    readUnits: per(t.readUnits),
    failedConditions: per(t.failedConditions),
  };
}

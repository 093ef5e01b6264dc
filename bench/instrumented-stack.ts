/**
 * The real local stack (local/stack.ts), started in this process with meters on it:
 *
 * - every Lambda invocation (through the runtime that the API and the state machines share): function,
 *   wall time from call to answer;
 * - every DynamoDB call that reaches dynalite: operation, and the request units AWS would bill for it,
 *   from the item sizes in the call and its answer (see `dynamo-meter.ts`).
 *
 * The meters only observe. The bench's own DynamoDB calls (polling, seeding, sizing) carry the user agent
 * `BENCH_AGENT` and are not counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { type LocalStack, startLocalStack } from '../local/stack';
import type { LocalFunction } from '../local/template/resources';
import { BENCH_AGENT, DynamoMeter } from './dynamo-meter';

export interface Invocation {
  readonly functionName: string;
  readonly entry: string;
  readonly ms: number;
  readonly ok: boolean;
}

export interface InstrumentedStack {
  readonly stack: LocalStack;
  readonly tableName: string;
  /** A DocumentClient on the stack's dynalite whose calls the meter does not count. */
  readonly db: DynamoDBDocumentClient;
  readonly dynamo: DynamoMeter;
  /** Invocations since the stack started, oldest first. */
  readonly invocations: Invocation[];
  /** Resolves once no invocation has been running or finished for `quietMs` (or after `maxMs`). */
  idle(quietMs?: number, maxMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startInstrumentedStack(): Promise<InstrumentedStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'personvern-bench-stack-'));
  const stack = await startLocalStack({
    dataDir,
    fresh: true,
    apiPort: 0,
    emulatorPorts: { dynamodb: 0, ses: 0, s3: 0, stepfunctions: 0 },
  });
  const table = stack.resources.tables[0];
  if (table === undefined) throw new Error('The template has no table');
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'eu-north-1',
      endpoint: stack.endpoints.dynamodb,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      customUserAgent: BENCH_AGENT,
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const dynamo = new DynamoMeter(stack.endpoints.dynamodb, table, db);
  const invocations: Invocation[] = [];
  const functions = [...stack.resources.functions.values()];
  const invoke = stack.runtime.invoke.bind(stack.runtime);
  let running = 0;
  // The API server and the state machines call runtime.invoke at call time, so wrapping it sees them all.
  stack.runtime.invoke = async (target: string, event: unknown) => {
    const fn = functionFor(functions, target);
    const started = performance.now();
    let ok = false;
    running += 1;
    try {
      const result = await invoke(target, event);
      ok = true;
      return result;
    } finally {
      running -= 1;
      invocations.push({
        functionName: fn?.name ?? target,
        entry: fn?.entry ?? target,
        ms: performance.now() - started,
        ok,
      });
    }
  };
  const instrumented: InstrumentedStack = {
    stack,
    tableName: table.name,
    db,
    dynamo,
    invocations,
    async idle(quietMs = 1500, maxMs = 120_000) {
      const until = Date.now() + maxMs;
      let seen = -1;
      let quietSince = Date.now();
      while (Date.now() < until) {
        if (running > 0 || invocations.length !== seen) {
          seen = invocations.length;
          quietSince = Date.now();
        } else if (Date.now() - quietSince >= quietMs) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      // Workflows still running would meet closed emulators; let them finish first.
      await instrumented.idle();
      dynamo.close();
      db.destroy();
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return instrumented;
}

/** The same matching the runtime does: a logical id, name, ARN or qualified ARN. */
function functionFor(functions: LocalFunction[], target: string): LocalFunction | undefined {
  return functions.find(
    (fn) =>
      target === fn.logicalId || target === fn.name || target === fn.arn || target.startsWith(`${fn.arn}:`),
  );
}

/**
 * `npx tsx bench/sweep-scaling.ts [sizes…]`: the daily deadline sweep (the real `sendDigests` with the real
 * DynamoDeadlines adapter) against a dynalite holding 1k, 10k and 100k requests. The same 200 requests are
 * open at every size (due from 10 days ago to 60 days ahead); the rest are closed, as most requests in a
 * year-old table are. Target: items read grow with the open requests due in the window, not with the table.
 *
 * The table is the template's (keys and indexes from the synth); items are written with BatchWriteItem in
 * the shape DynamoRequests writes them (and the workflow leaves them when it finishes: no `openController`).
 * The sweep's reads are counted twice: by the adapter (DynamoDB's ScannedCount, its `itemsRead`) and by the
 * bench's DynamoDB meter on the dynalite port (dynamo-meter.ts), which also sees every other call.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import dynalite from 'dynalite';
import { DynamoDeadlines } from '../lambdas/adapters/store/dynamo-deadlines';
import { keys } from '../lambdas/adapters/store/keys';
import { computeDeadlines, endOfDayInstant } from '../lambdas/domain/deadlines';
import type { PolicyDocument } from '../lambdas/domain/policy/schema';
import { keyedPseudonyms } from '../lambdas/domain/pseudonyms';
import { sweepUpTo } from '../lambdas/domain/reminders/digest';
import { sendDigests } from '../lambdas/domain/reminders/send-digests';
import { subjectHash } from '../lambdas/domain/subject';
import { readLocalResources } from '../local/template/resources';
import { synthTemplate } from '../local/template/synth';
import policy from '../policy/sterk.json' with { type: 'json' };
import { reportResult } from './child';
import { BENCH_AGENT, DynamoMeter } from './dynamo-meter';

const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const sizes = SIZES.length > 0 ? SIZES : [1000, 10_000, 100_000];
const OPEN_REQUESTS = 200;
const NOW = new Date('2026-11-25T06:00:00Z');
const DAY = 86_400_000;
const TYPES = [
  'access',
  'erasure',
  'rectification',
  'objection',
  'withdraw-consent',
  'portability',
  'restriction',
];

export interface SweepRun {
  readonly requests: number;
  readonly open: number;
  readonly dueInWindow: number;
  readonly itemsRead: number;
  readonly queries: number;
  readonly readUnits: number;
  readonly otherCalls: Record<string, number>;
  readonly ms: number;
  readonly seedSeconds: number;
}

/** The subject hashes need a key; any fixed one serves a bench. Declared before the top-level run uses it. */
const BENCH_PSEUDONYMS = keyedPseudonyms(Buffer.alloc(32, 1));

const table = readLocalResources(synthTemplate()).tables[0];
if (table === undefined) throw new Error('The template has no table');
const controllers = (policy as unknown as PolicyDocument).controllers.map((c) => c.id);

const runs: SweepRun[] = [];
for (const size of sizes) runs.push(await sweepWith(size));
reportResult({ openRequests: OPEN_REQUESTS, now: NOW.toISOString(), upTo: sweepUpTo(NOW), runs });

async function sweepWith(size: number): Promise<SweepRun> {
  // In memory: a fresh table per size, and seeding at memory speed.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = (agent?: string) =>
    DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: 'eu-north-1',
        endpoint,
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        ...(agent ? { customUserAgent: agent } : {}),
      }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
  const setup = client(BENCH_AGENT);
  const sweepClient = client();
  const meter = new DynamoMeter(endpoint, table as NonNullable<typeof table>, setup);
  try {
    const p = table?.properties as Record<string, never>;
    await setup.send(
      new CreateTableCommand({
        TableName: table?.name,
        KeySchema: p.KeySchema,
        AttributeDefinitions: p.AttributeDefinitions,
        GlobalSecondaryIndexes: p.GlobalSecondaryIndexes,
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    const seedStarted = performance.now();
    const items: Record<string, unknown>[] = Array.from({ length: size }, (_, i) =>
      requestItem(i, i < OPEN_REQUESTS),
    );
    const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, b) =>
      items.slice(b * 25, b * 25 + 25),
    );
    // A few batches in flight keep dynalite busy; its answers say nothing was left unprocessed.
    for (let b = 0; b < batches.length; b += 4) {
      await Promise.all(
        batches.slice(b, b + 4).map(async (batch) => {
          const { UnprocessedItems = {} } = await setup.send(
            new BatchWriteCommand({
              RequestItems: { [String(table?.name)]: batch.map((Item) => ({ PutRequest: { Item } })) },
            }),
          );
          if (Object.keys(UnprocessedItems).length > 0) throw new Error('dynalite left items unprocessed');
        }),
      );
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const upTo = sweepUpTo(NOW);
    const dueInWindow = items.filter(
      (item) => item.openController !== undefined && String(item.dueAt) <= upTo,
    ).length;

    await meter.reset();
    const store = new DynamoDeadlines(sweepClient, String(table?.name));
    const started = performance.now();
    await sendDigests(NOW, {
      policy: policy as unknown as PolicyDocument,
      index: store,
      log: store,
      mailer: { send: async () => ({ messageId: randomUUID() }) } as never,
      mailFrom: 'personvern@example.org',
      consoleUrl: 'https://example.org/console',
      privacyOfficerEmail: 'personvernombud@example.org',
    });
    const ms = performance.now() - started;
    const totals = await meter.snapshot();
    const { Query: queries = 0, ...otherCalls } = totals.calls;
    process.stderr.write(`  sweep over ${size} requests: ${store.itemsRead} items read\n`);
    return {
      requests: size,
      open: OPEN_REQUESTS,
      dueInWindow,
      itemsRead: store.itemsRead,
      queries,
      readUnits: totals.readUnits,
      otherCalls,
      ms,
      seedSeconds,
    };
  } finally {
    meter.close();
    setup.destroy();
    sweepClient.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * A request as DynamoRequests writes it and the workflow leaves it. Open ones were received over the last
 * ~40 days (due from about 10 days ago to 60 days ahead, some extended); closed ones over the two years before.
 */
function requestItem(index: number, open: boolean) {
  const id = randomUUID();
  const receivedAt = open
    ? new Date(NOW.getTime() - (index % 40) * DAY - 3_600_000).toISOString()
    : new Date(NOW.getTime() - (45 + (index % 700)) * DAY).toISOString();
  const deadlines = computeDeadlines(receivedAt);
  const extended = open && index % 10 === 0;
  const dueDate = extended ? deadlines.extendedDueDate : deadlines.dueDate;
  const controllerId = controllers[index % controllers.length] ?? 'sterk-helse-og-trening';
  const email = `person.${index}@example.no`;
  const type = TYPES[index % TYPES.length] ?? 'access';
  return {
    ...keys.request(id),
    kind: 'request',
    id,
    type,
    controllerId,
    lang: index % 3 === 0 ? 'en' : 'nb',
    receivedAt,
    receivedDate: deadlines.receivedDate,
    dueDate,
    dueAt: endOfDayInstant(dueDate),
    status: open ? 'verified' : 'completed',
    statusTokenHashes: [sha(`${id}-a`), sha(`${id}-b`)],
    verifiedAt: receivedAt,
    policyVersion: '2026-09-01',
    requester: { name: `Person ${index}`, email },
    ...(type === 'rectification' ? { details: 'Etternavnet er feilstavet i medlemsregisteret.' } : {}),
    receiptSentAt: receivedAt,
    resumedAt: receivedAt,
    stage: open ? 'collect' : 'completed',
    ...(open ? { openController: controllerId } : { completedAt: receivedAt }),
    ...(extended
      ? {
          extendedAt: receivedAt,
          extendedBy: 'personvernombud',
          extensionReason: 'Many systems',
          originalDueDate: deadlines.dueDate,
        }
      : {}),
    requestController: controllerId,
    // Any key will do: the sweep never reads it, but the item must have the shape the index projects.
    subjectHash: subjectHash(BENCH_PSEUDONYMS, email),
  };
}

function sha(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

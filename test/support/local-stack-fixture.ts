import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, type NativeAttributeValue, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type StartedProcess, startReadyLocalProcess } from './local-process';

export type Item = Record<string, NativeAttributeValue>;

/** One email as aws-ses-v2-local keeps it (`GET <ses>/store`). */
export interface StoredEmail {
  readonly messageId: string;
  readonly from: string;
  readonly destination: { readonly to: string[]; readonly cc: string[]; readonly bcc: string[] };
  readonly subject: string;
  readonly body: { readonly text?: string; readonly html?: string };
}

/** How much the system has kept: items in the table and emails in the SES store. */
export interface StoredState {
  readonly items: number;
  readonly emails: number;
}

export interface LocalStackFixture {
  readonly apiUrl: string;
  readonly sesUrl: string;
  readonly dynamodbUrl: string;
  readonly tableName: string;
  /** Where the stack keeps its data (the tables' files, generated secrets); removed by `stop()`. */
  readonly dataDir: string;
  /** The API's routes as npm start lists them, e.g. `{ method: 'GET', resourcePath: '/forms/{form}' }`. */
  readonly routes: readonly { readonly method: string; readonly resourcePath: string }[];
  /** A DocumentClient on the stack's dynalite. */
  readonly db: DynamoDBDocumentClient;
  /** Everything `npm start` printed so far (routes, addresses, errors). */
  readonly output: () => string;
  /** Every item in the table (scanning an emulator in tests is fine). */
  scanItems(filter?: (item: Item) => boolean): Promise<Item[]>;
  countItems(filter?: (item: Item) => boolean): Promise<number>;
  /** Items by the prefix of their key (`MESSAGE`, `REQUEST`, `RATE`, …); reads only the keys. */
  countByKind(): Promise<Record<string, number>>;
  /** Every email the SES emulator has accepted, oldest first. */
  emails(): Promise<StoredEmail[]>;
  state(): Promise<StoredState>;
  stop(): Promise<void>;
}

const STARTED = 'Press Ctrl-C to stop.';

/**
 * Runs `npm start`'s script as the e2e test does (free ports, a new temporary data folder, `--fresh`) and
 * reads what runs where from what it prints. `stop()` sends Ctrl-C (SIGKILL if it hangs) and removes the
 * data folder.
 */
export async function startLocalStackFixture(args: readonly string[] = []): Promise<LocalStackFixture> {
  // startLocalProcess makes the temporary data folder; npm start prints it.
  const stack = await startReadyLocalProcess({}, STARTED, 90_000, args);
  const removeData = () => {
    const dataDir = /Data is kept in (\S+) \(started fresh\)/.exec(stack.output())?.[1];
    if (dataDir?.startsWith(tmpdir())) rmSync(dataDir, { recursive: true, force: true });
  };
  const output = stack.output();
  const apiUrl = printed(output, /^\s+API\s+(http:\/\/127\.0\.0\.1:\d+)/m, 'API');
  const sesUrl = printed(output, /^\s+Email \(SES\)\s+(http:\/\/127\.0\.0\.1:\d+)/m, 'Email (SES)');
  const dynamodbUrl = printed(output, /^\s+DynamoDB\s+(http:\/\/127\.0\.0\.1:\d+)/m, 'DynamoDB');
  const tableName = printed(output, /tables: ([^,)\s]+)/, 'the table');
  const dataDir = printed(output, /Data is kept in (\S+)/, 'the data folder');
  // Every "METHOD <api url>/path" npm start prints: the template's routes and local-only ones (staff sign-in).
  const apiPort = new URL(apiUrl).port;
  const routes = [
    ...output.matchAll(
      /\b(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY)\s+http:\/\/127\.0\.0\.1:(\d+)(\/\S*)/g,
    ),
  ]
    .filter(([, , port]) => port === apiPort)
    .map(([, method = '', , resourcePath = '']) => ({ method, resourcePath }));
  const db = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'eu-north-1',
      endpoint: dynamodbUrl,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );

  const scanItems = async (filter: (item: Item) => boolean = () => true): Promise<Item[]> => {
    const items: Item[] = [];
    let startKey: Record<string, NativeAttributeValue> | undefined;
    do {
      const page = await db.send(
        new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
      );
      items.push(...(page.Items ?? []).filter(filter));
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return items;
  };
  const countByKind = async (): Promise<Record<string, number>> => {
    const counts: Record<string, number> = {};
    let startKey: Record<string, NativeAttributeValue> | undefined;
    do {
      const page = await db.send(
        new ScanCommand({
          TableName: tableName,
          ConsistentRead: true,
          ProjectionExpression: 'pk',
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const kind = String(item.pk).split('#')[0] ?? '';
        counts[kind] = (counts[kind] ?? 0) + 1;
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    return counts;
  };
  const emails = async (): Promise<StoredEmail[]> => {
    const response = await fetch(`${sesUrl}/store`);
    if (!response.ok) throw new Error(`GET ${sesUrl}/store answered ${response.status}`);
    return ((await response.json()) as { emails: StoredEmail[] }).emails;
  };

  return {
    apiUrl,
    sesUrl,
    dynamodbUrl,
    tableName,
    dataDir,
    routes,
    db,
    output: stack.output,
    scanItems,
    countItems: async (filter) => (await scanItems(filter)).length,
    countByKind,
    emails,
    state: async () => {
      const [items, sent] = await Promise.all([scanItems(), emails()]);
      return { items: items.length, emails: sent.length };
    },
    async stop() {
      db.destroy();
      if (stack.child.exitCode !== null) {
        // It died during the suite: its last words are the only clue to why.
        process.stderr.write(
          `npm start exited early (code ${stack.child.exitCode}). Its output ended:\n${stack.output().slice(-4000)}\n`,
        );
      }
      await stopProcess(stack);
      removeData();
    },
  };
}

/**
 * One stack for the whole suite: starts it in `beforeAll`, stops it in `afterAll`, and returns a getter
 * to call inside tests. `args` go to npm start (`-c policyFile=…`, as `cdk synth -c` takes it).
 */
export function useLocalStack(
  startTimeoutMs = 120_000,
  args: readonly string[] = [],
): () => LocalStackFixture {
  let fixture: LocalStackFixture | undefined;
  beforeAll(async () => {
    fixture = await startLocalStackFixture(args);
  }, startTimeoutMs);
  afterAll(async () => {
    await fixture?.stop();
  }, 30_000);
  return () => {
    if (fixture === undefined) throw new Error('The local stack did not start (see beforeAll)');
    return fixture;
  };
}

function printed(output: string, pattern: RegExp, what: string): string {
  const value = pattern.exec(output)?.[1];
  if (value === undefined) throw new Error(`npm start did not print ${what}. Output:\n${output}`);
  return value;
}

async function stopProcess(started: StartedProcess): Promise<void> {
  if (started.child.exitCode !== null || started.child.signalCode !== null) return;
  started.child.kill('SIGINT');
  const timer = setTimeout(() => started.child.kill('SIGKILL'), 10_000);
  await started.exited;
  clearTimeout(timer);
}

/** The request workflow's status for one request (RUNNING, SUCCEEDED, …), from the local Step Functions. */
export async function executionStatus(stack: LocalStackFixture, requestId: string): Promise<string> {
  const machine = /state machines: [^)]*?(RequestWorkflow\w+)/.exec(stack.output())?.[1] ?? 'missing';
  const sfnUrl = /Step Functions (http:\/\/127\.0\.0\.1:\d+)/.exec(stack.output())?.[1] ?? '';
  const response = await fetch(sfnUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': 'AWSStepFunctions.DescribeExecution',
    },
    body: JSON.stringify({
      executionArn: `arn:aws:states:eu-north-1:000000000000:execution:${machine}:${requestId}`,
    }),
  });
  return ((await response.json()) as { status: string }).status;
}

/** The local S3 (as `npm start` printed it) and the export bucket's name; destroy the client when done. */
export function exportsBucketOf(stack: LocalStackFixture): { s3: S3Client; bucket: string } {
  const endpoint = /^\s+S3\s+(http:\/\/127\.0\.0\.1:\d+)/m.exec(stack.output())?.[1] ?? '';
  const bucket = /buckets: [^)]*?(exportsbucket\w+)/.exec(stack.output())?.[1] ?? '';
  const s3 = new S3Client({
    endpoint,
    region: 'eu-north-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return { s3, bucket };
}

/** Deletes one object from the export bucket, as an expiry or a lost upload would. */
export async function deleteFromExports(stack: LocalStackFixture, key: string): Promise<void> {
  const { s3, bucket } = exportsBucketOf(stack);
  try {
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  } finally {
    s3.destroy();
  }
}

import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startSecretsManager } from '../local/emulators/secrets-manager';
import { composition, type PackageShare, writeSdkBaseline } from './bundle-composition';
import type { DeployedBundle } from './deployed-bundles';

const execFileAsync = promisify(execFile);
const importTimeScript = fileURLToPath(new URL('./import-time.mjs', import.meta.url));
const emptyHandler = fileURLToPath(new URL('./fixtures/empty-handler.mjs', import.meta.url));

export interface ColdStartResult {
  readonly entry: string;
  readonly bundleBytes: number;
  readonly importMsMedian: number;
  readonly emptyHandlerImportMsMedian: number;
  /** The `@aws-sdk/*` packages the bundle imports from the runtime, from esbuild's metafile. */
  readonly sdkPackages: string[];
  /** The function reads the pseudonym key at init, so its floor includes that one GetSecretValue. */
  readonly readsPseudonymKey?: boolean;
  /**
   * Importing only those packages and constructing their clients (and reading the pseudonym key where the
   * function does): the floor this function can reach.
   */
  readonly sdkOnlyImportMsMedian: number;
  /**
   * The fastest of the runs, for the bundle and for SDK only. Load on a shared machine only ever adds
   * time, so the best run is the steadier estimate of what the module itself costs.
   */
  readonly importMsBest?: number;
  readonly sdkOnlyImportMsBest?: number;
  /** The same entry rebuilt with a metafile (should match bundleBytes but for the source map comment). */
  readonly rebuiltBytes: number;
  /** The biggest contributors to the bundle, biggest first (at most six). */
  readonly topPackages: PackageShare[];
  readonly runs: number;
  /** Why the bundle could not be imported, when it could not. */
  readonly error?: string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * The functions that find people by address read the pseudonym key at init, as on AWS (one GetSecretValue):
 * a local Secrets Manager stand-in answers it, so that call is part of what the bench measures.
 */
const BENCH_PSEUDONYM_SECRET = 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:bench-pseudonyms';

/** Stand-ins for values only CloudFormation knows (table names, ARNs, URLs), shaped as each schema wants. */
const PLACEHOLDERS: Record<string, string> = {
  TABLE_NAME: 'bench',
  CONTACT_WORKFLOW_ARN: 'arn:aws:states:eu-north-1:000000000000:stateMachine:bench',
  REQUEST_WORKFLOW_ARN: 'arn:aws:states:eu-north-1:000000000000:stateMachine:bench-request',
  PUBLIC_BASE_URL: 'https://example.org/v1',
  CONSOLE_URL: 'https://example.org/console',
  MAIL_FROM: 'personvern@example.org',
  SES_CONFIGURATION_SET: 'bench',
  EXPORT_BUCKET: 'bench-exports',
  DATA_KEY_ARN: 'arn:aws:kms:eu-north-1:000000000000:key/bench',
  MAILCHIMP_SECRET_ID: 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:bench',
  PSEUDONYM_KEY_SECRET_ARN: BENCH_PSEUDONYM_SECRET,
  PRIVACY_OFFICER_EMAIL: 'personvernombud@example.org',
};

function placeholder(name: string): string {
  const known = PLACEHOLDERS[name];
  if (known !== undefined) return known;
  if (name.endsWith('_QUEUE_URL') || name.endsWith('_DLQ_URL'))
    return 'https://sqs.eu-north-1.amazonaws.com/000000000000/bench';
  if (name.endsWith('_URL')) return 'https://example.org/bench';
  if (name.endsWith('_ARN')) return 'arn:aws:lambda:eu-north-1:000000000000:function:bench';
  return 'bench';
}

/**
 * The process environment of a cold start: the function's environment as deployed (NODE_OPTIONS
 * included, should a function set it), with placeholders where the template holds a deploy-time reference.
 */
function deployedEnvironment(environment: Record<string, unknown>): Record<string, string> {
  return {
    AWS_REGION: 'eu-north-1',
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    NODE_OPTIONS: '',
    ...Object.fromEntries(
      Object.entries(environment).map(([name, value]) => [
        name,
        typeof value === 'string' ? value : placeholder(name),
      ]),
    ),
  };
}

/**
 * Median import time of each file over `runs` fresh Node processes, each importing the module once (a cold
 * start's init). The files take turns, run by run, so a slow patch of the machine hits them all alike.
 */
async function importTimes(
  files: readonly string[],
  runs: number,
  environment: Record<string, unknown>,
  secretsManager: string,
): Promise<{ median: number; best: number }[]> {
  const env = {
    ...process.env,
    ...deployedEnvironment(environment),
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secretsManager,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
  };
  const times = files.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    for (const [i, file] of files.entries()) {
      // Asynchronous, so that this process's Secrets Manager stand-in can answer the child's init.
      const { stdout } = await execFileAsync(process.execPath, [importTimeScript, file], {
        env,
        encoding: 'utf8',
      });
      times[i]?.push(Number(stdout));
    }
  }
  return times.map((samples) => ({ median: median(samples), best: Math.min(...samples) }));
}

/**
 * Bundle size and cold import time of each function, next to an empty handler and a module that loads only
 * the function's own AWS SDK clients, all three measured in the same run and interleaved per function so
 * machine noise does not favour any of them.
 */
export async function measureColdStarts(bundles: DeployedBundle[], runs = 15): Promise<ColdStartResult[]> {
  const secrets = await startSecretsManager({ port: 0 });
  secrets.put(BENCH_PSEUDONYM_SECRET, randomBytes(48).toString('base64url'));
  try {
    return await measureEach(bundles, runs, secrets.endpoint);
  } finally {
    await secrets.stop();
  }
}

async function measureEach(
  bundles: DeployedBundle[],
  runs: number,
  secretsManager: string,
): Promise<ColdStartResult[]> {
  const results: ColdStartResult[] = [];
  for (const bundle of bundles) {
    const built = await composition(bundle.entry);
    const readsPseudonymKey = 'PSEUDONYM_KEY_SECRET_ARN' in bundle.environment;
    const sdkOnly = writeSdkBaseline(dirname(dirname(bundle.file)), built.sdkPackages, { readsPseudonymKey });
    let times: { median: number; best: number }[] = [];
    let error: string | undefined;
    try {
      times = await importTimes(
        [emptyHandler, sdkOnly, bundle.file],
        runs,
        bundle.environment,
        secretsManager,
      );
    } catch (failure) {
      // One function that cannot start (say, an environment variable the bench cannot stand in for) is
      // reported as such; it does not cost the other functions their figures.
      error = String((failure as { stderr?: string }).stderr ?? failure)
        .split('\n')
        .filter((line) => /Error|expected|path/.test(line))
        .slice(0, 6)
        .join(' ')
        .slice(0, 400);
    }
    const [empty, sdk, own] = times;
    const emptyHandlerImportMsMedian = empty?.median ?? Number.NaN;
    const sdkOnlyImportMsMedian = sdk?.median ?? Number.NaN;
    const importMsMedian = own?.median ?? Number.NaN;
    results.push({
      ...(error === undefined ? {} : { error }),
      entry: bundle.entry,
      bundleBytes: statSync(bundle.file).size,
      importMsMedian,
      emptyHandlerImportMsMedian,
      sdkPackages: built.sdkPackages,
      readsPseudonymKey,
      sdkOnlyImportMsMedian,
      importMsBest: own?.best ?? Number.NaN,
      sdkOnlyImportMsBest: sdk?.best ?? Number.NaN,
      rebuiltBytes: built.rebuiltBytes,
      topPackages: built.packages.slice(0, 6),
      runs,
    });
    process.stderr.write(
      `  cold start ${bundle.entry}: ${importMsMedian.toFixed(0)} ms (SDK only ${sdkOnlyImportMsMedian.toFixed(0)} ms)\n`,
    );
  }
  return results;
}

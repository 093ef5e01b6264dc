import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composition, type PackageShare, writeSdkBaseline } from './bundle-composition';
import type { DeployedBundle } from './deployed-bundles';

const importTimeScript = fileURLToPath(new URL('./import-time.mjs', import.meta.url));
const emptyHandler = fileURLToPath(new URL('./fixtures/empty-handler.mjs', import.meta.url));

export interface ColdStartResult {
  readonly entry: string;
  readonly bundleBytes: number;
  readonly importMsMedian: number;
  readonly emptyHandlerImportMsMedian: number;
  /** The `@aws-sdk/*` packages the bundle imports from the runtime, from esbuild's metafile. */
  readonly sdkPackages: string[];
  /** Importing only those packages and constructing their clients: the floor this function can reach. */
  readonly sdkOnlyImportMsMedian: number;
  /** The same entry rebuilt with a metafile (should match bundleBytes but for the source map comment). */
  readonly rebuiltBytes: number;
  /** The biggest contributors to the bundle, biggest first (at most six). */
  readonly topPackages: PackageShare[];
  readonly runs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/**
 * Median import time of each file over `runs` fresh Node processes, each importing the module once (a cold
 * start's init). The files take turns, run by run, so a slow patch of the machine hits them all alike.
 */
function importTimes(files: readonly string[], runs: number): number[] {
  const env = {
    ...process.env,
    AWS_REGION: 'eu-north-1',
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
    NODE_OPTIONS: '',
    // What each function's environment schema requires at cold start, with placeholder values.
    TABLE_NAME: 'bench',
    CONTACT_WORKFLOW_ARN: 'arn:aws:states:eu-north-1:000000000000:stateMachine:bench',
    PUBLIC_BASE_URL: 'https://example.org/v1',
    CONSOLE_URL: 'https://example.org/console',
    MAIL_FROM: 'personvern@example.org',
    SES_CONFIGURATION_SET: 'bench',
    REQUEST_WORKFLOW_ARN: 'arn:aws:states:eu-north-1:000000000000:stateMachine:bench-request',
    EXPORT_BUCKET: 'bench-exports',
    DATA_KEY_ARN: 'arn:aws:kms:eu-north-1:000000000000:key/bench',
    MAILCHIMP_SECRET_ID: 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:bench',
    PRIVACY_OFFICER_EMAIL: 'personvernombud@example.org',
  };
  const times = files.map(() => [] as number[]);
  for (let run = 0; run < runs; run++) {
    files.forEach((file, i) => {
      times[i]?.push(
        Number(execFileSync(process.execPath, [importTimeScript, file], { env, encoding: 'utf8' })),
      );
    });
  }
  return times.map(median);
}

/**
 * Bundle size and cold import time of each function, next to an empty handler and a module that loads only
 * the function's own AWS SDK clients, all three measured in the same run and interleaved per function so
 * machine noise does not favour any of them.
 */
export async function measureColdStarts(bundles: DeployedBundle[], runs = 15): Promise<ColdStartResult[]> {
  const results: ColdStartResult[] = [];
  for (const bundle of bundles) {
    const built = await composition(bundle.entry);
    const sdkOnly = writeSdkBaseline(dirname(dirname(bundle.file)), built.sdkPackages);
    const [emptyHandlerImportMsMedian = 0, sdkOnlyImportMsMedian = 0, importMsMedian = 0] = importTimes(
      [emptyHandler, sdkOnly, bundle.file],
      runs,
    );
    results.push({
      entry: bundle.entry,
      bundleBytes: statSync(bundle.file).size,
      importMsMedian,
      emptyHandlerImportMsMedian,
      sdkPackages: built.sdkPackages,
      sdkOnlyImportMsMedian,
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

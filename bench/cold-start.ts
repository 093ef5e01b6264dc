import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DeployedBundle } from './deployed-bundles';

const importTimeScript = fileURLToPath(new URL('./import-time.mjs', import.meta.url));
const emptyHandler = fileURLToPath(new URL('./fixtures/empty-handler.mjs', import.meta.url));

export interface ColdStartResult {
  readonly entry: string;
  readonly bundleBytes: number;
  readonly importMsMedian: number;
  readonly emptyHandlerImportMsMedian: number;
  readonly runs: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Median import time over `runs` fresh Node processes, each importing the module once (a cold start's init). */
function importTimes(file: string, runs: number): number {
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
  const times = Array.from({ length: runs }, () =>
    Number(execFileSync(process.execPath, [importTimeScript, file], { env, encoding: 'utf8' })),
  );
  return median(times);
}

/** Bundle size and cold import time of each function, next to an empty handler measured in the same run. */
export function measureColdStarts(bundles: DeployedBundle[], runs = 15): ColdStartResult[] {
  return bundles.map((bundle) => {
    // Interleaving the baseline with each function keeps machine noise from favouring either.
    const emptyHandlerImportMsMedian = importTimes(emptyHandler, runs);
    return {
      entry: bundle.entry,
      bundleBytes: statSync(bundle.file).size,
      importMsMedian: importTimes(bundle.file, runs),
      emptyHandlerImportMsMedian,
      runs,
    };
  });
}

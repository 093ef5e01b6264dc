import type { ColdStartResult } from './cold-start';

/** Targets from the issues; a miss is reported as a miss. */
const TARGETS = {
  'lambdas/handlers/api/get-policy.ts': { maxBytes: 100 * 1024, maxImportMs: 40 },
} as Record<string, { maxBytes: number; maxImportMs: number } | undefined>;
const DEFAULT_MAX_BYTES = 250 * 1024;

export interface BenchResults {
  readonly measuredAt: string;
  readonly machine: { node: string; cpu: string; cores: number; memoryGiB: number };
  readonly coldStarts: ColdStartResult[];
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

export function renderReport(results: BenchResults): string {
  const rows = results.coldStarts.map((r) => {
    const target = TARGETS[r.entry];
    const maxBytes = target?.maxBytes ?? DEFAULT_MAX_BYTES;
    const sizeOk = r.bundleBytes <= maxBytes;
    const timeOk = target === undefined || r.importMsMedian <= target.maxImportMs;
    return `| \`${r.entry}\` | ${kb(r.bundleBytes)} | < ${kb(maxBytes)} (${verdict(sizeOk)}) | ${ms(r.importMsMedian)} | ${ms(r.emptyHandlerImportMsMedian)} | ${target ? `< ${target.maxImportMs} ms (${verdict(timeOk)})` : '—'} |`;
  });
  return `# Benchmarks

Measured ${results.measuredAt} on ${results.machine.cpu} (${results.machine.cores} cores, ${results.machine.memoryGiB} GiB), Node ${results.machine.node}.
Reproduce with \`npm run bench\`; raw figures are in \`bench/results/latest.json\`.

## Cold start, per function

Each bundle is the esbuild output of a real \`cdk synth\` (minified ESM, as deployed). Import time is the
median of ${results.coldStarts[0]?.runs ?? 15} fresh Node processes importing the bundle once, which runs the module's init
(for the policy function: rendering both language versions and hashing them). The empty handler is measured
in the same run, interleaved, as the floor.

| Function | Bundle | Size target | Import (median) | Empty handler | Time target |
|---|---|---|---|---|---|
${rows.join('\n')}

Import time on a laptop-class core is not Lambda's init time (arm64, 256 MB gives a fraction of a core);
the ratio to the empty handler is the figure that travels.
`;
}

// `npm run bench`: measures on this machine and writes bench/results/latest.json and bench/README.md.
// `npm run bench -- --only intake,workflow` runs some parts and keeps the others' last figures.
// Parts: cold-start, intake, workflow, sweep, export, fixed-cost, consent-script. `--report-only` re-renders the report from the last
// figures. `--entries post-request,staff/holds` limits cold-start to the handlers whose path contains one of the words,
// keeping the other functions' last figures.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildApp } from '../lib/app';
import { repoRoot } from '../lib/paths';
import { runChild } from './child';
import { measureColdStarts } from './cold-start';
import { measureConsentScript } from './consent-script';
import { synthDeployedBundles } from './deployed-bundles';
import { estimateFixedCost, type Template } from './fixed-cost';
import type { IntakeResult } from './intake-throughput';
import {
  type BenchResults,
  type ExportResult,
  type FixedCostResult,
  renderReport,
  type SweepResult,
  type WorkflowResult,
} from './report';

const PARTS = [
  'cold-start',
  'intake',
  'workflow',
  'sweep',
  'export',
  'fixed-cost',
  'consent-script',
] as const;
type Part = (typeof PARTS)[number];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    entries: { type: 'string' },
    'report-only': { type: 'boolean', default: false },
  },
});
const only = new Set(
  values['report-only'] ? [] : ((values.only ?? PARTS.join(',')).split(',').map((p) => p.trim()) as Part[]),
);
for (const part of only) {
  if (!PARTS.includes(part)) throw new Error(`--only: unknown part "${part}"; parts: ${PARTS.join(', ')}`);
}

const resultsFile = fileURLToPath(new URL('./results/latest.json', import.meta.url));
const previous: Partial<BenchResults> = existsSync(resultsFile)
  ? (JSON.parse(readFileSync(resultsFile, 'utf8')) as Partial<BenchResults>)
  : {};
const step = (name: string) => process.stderr.write(`${new Date().toISOString()} ${name}\n`);
const durations: Record<string, number> = { ...(previous.durationsSeconds ?? {}) };
async function timed<T>(part: Part, run: () => Promise<T>): Promise<T> {
  step(part);
  const started = performance.now();
  const result = await run();
  durations[part] = Math.round((performance.now() - started) / 1000);
  return result;
}

const loadBefore = loadavg()[0] ?? 0;
const entryWords = values.entries
  ?.split(',')
  .map((w) => w.trim())
  .filter((w) => w !== '');
const chosen = (entry: string) => entryWords === undefined || entryWords.some((w) => entry.includes(w));
const coldStarts = only.has('cold-start')
  ? await timed('cold-start', async () => {
      const bundles = synthDeployedBundles();
      try {
        const measured = await measureColdStarts(bundles.filter((b) => chosen(b.entry)));
        if (entryWords === undefined) return measured;
        // A partial run replaces the chosen functions' rows and keeps the others', in the synth's order.
        const earlier = new Map((previous.coldStarts ?? []).map((r) => [r.entry, r]));
        const now = new Map(measured.map((r) => [r.entry, r]));
        return bundles.flatMap((b) => {
          const row = now.get(b.entry) ?? earlier.get(b.entry);
          return row === undefined ? [] : [row];
        });
      } finally {
        // The synth's output folder (bundles, SDK-only modules) is only needed while measuring.
        const outdir = bundles[0] === undefined ? undefined : dirname(dirname(bundles[0].file));
        if (outdir?.startsWith(tmpdir())) rmSync(outdir, { recursive: true, force: true });
      }
    })
  : // Figures from before the SDK-only comparison existed cannot fill today's table.
    (previous.coldStarts ?? []).filter((r) => Array.isArray(r.sdkPackages));
const intake = only.has('intake')
  ? await timed('intake', () => runChild<IntakeResult>('bench/intake-throughput.ts', ['10']))
  : previous.intake;
const workflow = only.has('workflow')
  ? await timed('workflow', () => runChild<WorkflowResult>('bench/workflow-cost.ts'))
  : previous.workflow;
const sweep = only.has('sweep')
  ? await timed('sweep', () => runChild<SweepResult>('bench/sweep-scaling.ts', ['1000', '10000', '100000']))
  : previous.sweep;
const exportScaling = only.has('export')
  ? await timed('export', () => exportRun(100_000))
  : previous.exportScaling;
const fixedCost = only.has('fixed-cost')
  ? await timed('fixed-cost', async () => fixedCostRun())
  : previous.fixedCost;
const consentScript = only.has('consent-script')
  ? await timed('consent-script', async () => measureConsentScript())
  : previous.consentScript;

const results: BenchResults = values['report-only']
  ? (previous as BenchResults)
  : {
      measuredAt: new Date().toISOString(),
      machine: {
        node: process.version,
        cpu: cpus()[0]?.model ?? 'unknown',
        cores: availableParallelism(),
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        loadAverageAtStart: Math.round(loadBefore * 10) / 10,
        loadAverageAtEnd: Math.round((loadavg()[0] ?? 0) * 10) / 10,
      },
      parts: [...only],
      durationsSeconds: durations,
      coldStarts,
      ...(intake ? { intake } : {}),
      ...(workflow ? { workflow } : {}),
      ...(sweep ? { sweep } : {}),
      ...(exportScaling ? { exportScaling } : {}),
      ...(fixedCost ? { fixedCost } : {}),
      ...(consentScript ? { consentScript } : {}),
    };
writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
const report = fileURLToPath(new URL('./README.md', import.meta.url));
writeFileSync(report, renderReport(results));
// The report is committed, so it is formatted as the linter wants (aligned tables).
execFileSync('npx', ['biome', 'format', '--write', report], { stdio: 'ignore' });
console.log(readFileSync(report, 'utf8'));

/** The export benchmark in its own process, so the peak RSS it reports is the export's alone. */
function exportRun(records: number): Promise<ExportResult> {
  return new Promise((resolve, reject) => {
    execFile(
      `${repoRoot}/node_modules/.bin/tsx`,
      ['bench/export-scaling.ts', String(records)],
      { cwd: repoRoot, env: { ...process.env, NODE_OPTIONS: '' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`export-scaling failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as ExportResult);
      },
    );
  });
}

/**
 * The fixed monthly cost from the template of `buildApp({ bundling: false })` with cdk.json's development
 * settings, as the tests and `npm start` synthesize it: no deploy, no network. Which commit the template
 * came from, and whether files that shape it had uncommitted changes, goes with the figures.
 */
function fixedCostRun(): FixedCostResult {
  const { app, stack, settings } = buildApp({ bundling: false });
  const assembly = app.synth();
  const template = assembly.getStackByName(stack.stackName).template as Template;
  if (assembly.directory.startsWith(tmpdir())) rmSync(assembly.directory, { recursive: true, force: true });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  // Porcelain lines are "XY path": two status letters and a space before the path.
  const uncommitted = git('status', '--porcelain', '--', 'lib', 'bin', 'policy', 'cdk.json')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.slice(3));
  return {
    ...estimateFixedCost(template),
    stackName: stack.stackName,
    region: settings.region,
    commit: git('rev-parse', '--short', 'HEAD').trim(),
    uncommittedFiles: uncommitted,
  };
}

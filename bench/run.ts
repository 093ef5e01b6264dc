// `npm run bench`: measures on this machine and writes bench/results/latest.json and bench/README.md.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureColdStarts } from './cold-start';
import { synthDeployedBundles } from './deployed-bundles';
import { renderReport } from './report';

const bundles = synthDeployedBundles();
const coldStarts = measureColdStarts(bundles);
const results = {
  measuredAt: new Date().toISOString(),
  machine: {
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  },
  coldStarts,
};
writeFileSync(
  fileURLToPath(new URL('./results/latest.json', import.meta.url)),
  `${JSON.stringify(results, null, 2)}\n`,
);
const report = fileURLToPath(new URL('./README.md', import.meta.url));
writeFileSync(report, renderReport(results));
// The report is committed, so it is formatted as the linter wants (aligned tables).
execFileSync('npx', ['biome', 'format', '--write', report], { stdio: 'ignore' });
console.log(renderReport(results));

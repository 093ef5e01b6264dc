/**
 * `tsx console/build-cli.ts <outDir> <policyFile>`: builds the console for the deployment's policy into a folder
 * (used by the CDK asset's bundling, which passes the `policyFile` setting).
 */
import { resolve } from 'node:path';
import { buildConsole } from './build';

const [outDir, policyFile] = process.argv.slice(2);
if (outDir === undefined || policyFile === undefined) {
  console.error('Usage: tsx console/build-cli.ts <outDir> <policyFile>');
  process.exit(2);
}
const files = await buildConsole({ outDir: resolve(outDir), policyFile });
console.log(`Built the staff console into ${outDir}: ${[...files.keys()].join(', ')}`);

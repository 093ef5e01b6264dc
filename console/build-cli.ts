/** `tsx console/build-cli.ts <outDir>`: builds the console into a folder (used by the CDK asset's bundling). */
import { resolve } from 'node:path';
import { buildConsole } from './build';

const outDir = process.argv[2];
if (outDir === undefined) {
  console.error('Usage: tsx console/build-cli.ts <outDir>');
  process.exit(2);
}
const files = await buildConsole({ outDir: resolve(outDir) });
console.log(`Built the staff console into ${outDir}: ${[...files.keys()].join(', ')}`);

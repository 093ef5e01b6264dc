#!/usr/bin/env node
// The operator CLI. It is plain JavaScript so `npx personvern` works without a build step;
// tsx's loader lets it run the TypeScript commands and the domain code they share with the Lambdas.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const node22 = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
if (!process.version.startsWith('v22.') && existsSync(node22)) {
  // Outside npm scripts, `node` may be the machine's own; the project runs on the Node 22 it installed.
  const { status } = spawnSync(node22, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  process.exit(status ?? 1);
}

const { register } = await import('tsx/esm/api');
register();
// `#policy`, the deployed document the policy commands compare with, is the one cdk.json configures.
const { configuredPolicyFile, registerPolicyModule } = await import('../lib/policy-module.ts');
registerPolicyModule(configuredPolicyFile());
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));

#!/usr/bin/env node
// The operator CLI. It is plain JavaScript so `npx personvern` works without a build step;
// tsx's loader lets it run the TypeScript commands and the domain code they share with the Lambdas.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
process.exitCode = await main(process.argv.slice(2));

import { readFileSync } from 'node:fs';

/**
 * `#policy` (lambdas/adapters/policy/bundled-policy.ts) is the policy cdk.json's environment configures, as
 * lib/policy-module.ts `configuredPolicyFile` reads it: the document `npm start` and `cdk synth` use too.
 */
function configuredPolicyFile() {
  const { context = {} } = JSON.parse(readFileSync(new URL('./cdk.json', import.meta.url), 'utf8'));
  return context.environments?.[context.env ?? 'development']?.policyFile ?? 'policy/sterk.json';
}

/** Jest runs our TypeScript as native ESM through SWC: middy 7 ships ESM only. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2023',
          parser: { syntax: 'typescript' },
          experimental: { keepImportAttributes: true, emitAssertForImportAttributes: false },
        },
        module: { type: 'es6' },
      },
    ],
  },
  moduleNameMapper: { '^#policy$': `<rootDir>/${configuredPolicyFile()}` },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // The stress runs (`*.stress.test.ts`) take many minutes: `npm run test:stress` runs them on their own.
  testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '\\.stress\\.test\\.ts$'],
  modulePathIgnorePatterns: ['<rootDir>/cdk.out/', '<rootDir>/.local-data/'],
  testTimeout: 60000,
  // Jest's default on two cores is one worker. Most suites spend their time waiting on a local stack or an
  // emulator, so two workers take the whole run from about 11 to about 7.5 minutes on a 2-core machine.
  maxWorkers: 2,
};

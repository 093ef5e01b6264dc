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
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // The stress runs (`*.stress.test.ts`) take many minutes: `npm run test:stress` runs them on their own.
  testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '\\.stress\\.test\\.ts$'],
  modulePathIgnorePatterns: ['<rootDir>/cdk.out/', '<rootDir>/.local-data/'],
  testTimeout: 60000,
  // Jest's default on two cores is one worker. Most suites spend their time waiting on a local stack or an
  // emulator, so two workers take the whole run from about 11 to about 7.5 minutes on a 2-core machine.
  maxWorkers: 2,
};

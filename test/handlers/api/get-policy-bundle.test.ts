/**
 * The public policy function's cold start is mostly what its bundle loads (bench/README.md, cold start):
 * it must not load the AWS SDK (the versions are read with a signed fetch, adapters/aws-fetch), luxon or
 * zod, whatever a shared module it imports comes to import.
 */
import { bundleModule } from '../../support/bundle';

describe('Bundle: the public policy function', () => {
  it('loads no AWS SDK client, luxon or zod', async () => {
    // Act
    const { inputs } = await bundleModule('lambdas/handlers/api/get-policy.ts');
    const packages = new Set(
      inputs
        .filter((input) => input.includes('node_modules/'))
        .map((input) => {
          const path = input.slice(input.lastIndexOf('node_modules/') + 'node_modules/'.length);
          return path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : (path.split('/')[0] ?? '');
        }),
    );

    // Assess
    expect([...packages].filter((name) => name.startsWith('@aws-sdk/'))).toEqual([]);
    expect(packages).not.toContain('luxon');
    expect(packages).not.toContain('zod');
    expect(packages).toContain('aws4fetch');
  });
});

import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('Module: forms/render (bundled)', () => {
  it('pulls no zod and no package into the bundle, so the forms Lambda stays small', async () => {
    // Prepare
    const entry = `${repoRoot}lambdas/domain/forms/render.ts`;

    // Act
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      minify: true,
      metafile: true,
      logLevel: 'silent',
    });

    // Assess
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((input) => input.includes('node_modules/'))).toEqual([]);
    expect(inputs.some((input) => input.endsWith('policy/schema.ts'))).toBe(false);
    expect(result.outputFiles[0]?.contents.byteLength).toBeLessThan(40_000);
  });
});

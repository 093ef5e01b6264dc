import { bundleModule } from '../support/bundle';

describe('Module: renderers (bundled)', () => {
  it.each([
    [
      'lambdas/domain/policy/render.ts',
      'policy/schema.ts',
      40_000,
      'the policy Lambda must stay under its 100 KB budget',
    ],
    ['lambdas/domain/forms/render.ts', 'policy/schema.ts', 40_000, 'the forms Lambda stays small'],
    [
      'lambdas/domain/email/render.ts',
      'schema.ts',
      // Thirteen kinds of email in two languages: about 2.5 KB each, all in every sending Lambda.
      45_000,
      'every sending Lambda carries the renderer',
    ],
    [
      'lambdas/domain/requests/pages/render.ts',
      'policy/schema.ts',
      // The progress steps, the language switch and the download page took it from about 28 to 31 KB in two
      // languages; the ID-porten choice on the status page and the page after the code took it to about
      // 37 KB (issue 20). The forms' renderer is allowed 40 KB.
      38_000,
      'the requester pages stay as light as the forms',
    ],
  ])(
    'bundles %s without zod or any package (%s excluded, under %i bytes): %s',
    async (entry, schema, maxBytes) => {
      // Act
      const { inputs, bytes } = await bundleModule(entry);

      // Assess
      expect(inputs.filter((input) => input.includes('node_modules/'))).toEqual([]);
      expect(inputs.some((input) => input.endsWith(schema))).toBe(false);
      expect(bytes).toBeLessThan(maxBytes);
    },
  );
});

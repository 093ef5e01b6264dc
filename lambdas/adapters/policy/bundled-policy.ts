import document from '#policy' with { type: 'json' };
import type { PolicyDocument } from '../../domain/policy/schema';

/**
 * The policy document shipped inside the bundle: the file the deployment's `policyFile` setting names
 * (lib/settings.ts), which every runtime maps the `#policy` import to (docs/policy.md, "Which policy a
 * function runs"): esbuild's alias in the Lambda bundle, jest's moduleNameMapper, a module hook on the local
 * stack and in the CLI. It is validated where it cannot be skipped: synth fails on an invalid document
 * (lib/constructs/policy-service.ts), and a test asserts each shipped file is already in the canonical form
 * the schema produces. Parsing it again at cold start would put zod (≈90 KB minified) into a function whose
 * whole budget is 100 KB.
 */
export const bundledPolicy = document as unknown as PolicyDocument;

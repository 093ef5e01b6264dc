import document from '../../../policy/sterk.json' with { type: 'json' };
import type { PolicyDocument } from '../../domain/policy/schema';

/**
 * The policy document shipped inside the bundle. It is validated where it cannot be skipped: synth
 * fails on an invalid document (lib/constructs/policy-service.ts), and a test asserts the file is already
 * in the canonical form the schema produces. Parsing it again at cold start would put zod (≈90 KB
 * minified) into a function whose whole budget is 100 KB.
 */
export const bundledPolicy = document as unknown as PolicyDocument;

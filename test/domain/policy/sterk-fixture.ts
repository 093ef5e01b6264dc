import type { PolicyDocument } from '../../../lambdas/domain/policy/schema';
import document from '../../../policy/sterk.json' with { type: 'json' };

/**
 * A fresh, mutable copy of STERK's document for each test: tests break it in one place and
 * check that exactly that place is reported.
 */
// biome-ignore lint/suspicious/noExplicitAny: tests reach into the raw JSON to break it on purpose
export function sterkDocument(): any {
  return structuredClone(document);
}

/** The shipped document is in canonical form, so it is already a valid PolicyDocument. */
export function sterkPolicy(): PolicyDocument {
  return structuredClone(document) as unknown as PolicyDocument;
}

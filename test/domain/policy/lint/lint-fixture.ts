import type { PolicyDocument } from '../../../../lambdas/domain/policy/schema';
import { validatePolicy } from '../../../../lambdas/domain/policy/validate';
import { sterkDocument } from '../sterk-fixture';

// biome-ignore lint/suspicious/noExplicitAny: tests reach into the raw JSON to break it on purpose
type Raw = any;

/**
 * STERK's document as shipped, which lints without errors since it offers the general right to object
 * (Art. 21(1), issue 18 item 3): the file each rule must stay silent on.
 */
export function fixedSterkDocument(): Raw {
  return sterkDocument();
}

/** Validates a (mutated) document; a mutation that the schema refuses is a mistake in the test. */
export function valid(document: Raw): PolicyDocument {
  const result = validatePolicy(document);
  if (!result.ok) throw new Error(`the mutation breaks the schema:\n${result.issues.join('\n')}`);
  return result.policy;
}

/** Removes a path from every assumption (and assumptions left without paths), when a mutation removes the fact. */
export function forget(document: Raw, path: string): void {
  for (const assumption of document.assumptions) {
    assumption.paths = assumption.paths.filter((candidate: string) => candidate !== path);
  }
  document.assumptions = document.assumptions.filter((assumption: Raw) => assumption.paths.length > 0);
}

/** Takes a request type out of the rights and out of every system and age rule that names it. */
export function withdrawRight(document: Raw, type: string): void {
  document.rights = document.rights.filter((right: Raw) => right.type !== type);
  for (const system of document.systems) {
    system.requestTypes = system.requestTypes.filter((candidate: string) => candidate !== type);
  }
  for (const rule of document.ageRules) {
    if (rule.requestTypes !== undefined) {
      rule.requestTypes = rule.requestTypes.filter((candidate: string) => candidate !== type);
    }
  }
}

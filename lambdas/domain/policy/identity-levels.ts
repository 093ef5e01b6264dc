/**
 * Which eID assurance level a request needs (issue 20; docs/id-porten.md section 5). A system states the
 * level at which its data may be released or changed without a manual identity check; without a statement,
 * a system holding special-category data needs `high` and any other `substantial`. A request asks ID-porten
 * for the highest level among the systems it reaches.
 */
import { IDENTITY_LEVELS } from './identity-level-names';
import { specialCategoryIds, systemsForRequest } from './queries';
import type { PolicyDocument, PolicySystem, RequestType } from './schema';

export type IdentityLevel = (typeof IDENTITY_LEVELS)[number];

export function identityLevelOf(policy: PolicyDocument, system: PolicySystem): IdentityLevel {
  if (system.identityLevel !== undefined) return system.identityLevel;
  const special = specialCategoryIds(policy);
  return system.categories.some((c) => special.has(c)) ? 'high' : 'substantial';
}

/** Whether `level` is at least `needed`. */
export function meets(level: IdentityLevel, needed: IdentityLevel): boolean {
  return IDENTITY_LEVELS.indexOf(level) >= IDENTITY_LEVELS.indexOf(needed);
}

/** The level to ask ID-porten for: the highest any system the request reaches needs. */
export function identityLevelFor(
  policy: PolicyDocument,
  type: RequestType,
  controllerId: string,
): IdentityLevel {
  const systems = systemsForRequest(policy, type, controllerId);
  return systems.some((s) => identityLevelOf(policy, s) === 'high') ? 'high' : 'substantial';
}

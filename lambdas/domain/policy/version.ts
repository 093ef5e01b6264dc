/**
 * Policy versions are plain MAJOR.MINOR.PATCH numbers. Pre-release and build tags are not
 * allowed, so any two published versions can be ordered without ambiguity (publishing refuses
 * a version that is not newer than the last one).
 */
export const POLICY_VERSION_PATTERN = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export type PolicyVersion = readonly [major: number, minor: number, patch: number];

export class PolicyVersionError extends Error {
  override name = 'PolicyVersionError';
}

export function parsePolicyVersion(version: string): PolicyVersion {
  const match = POLICY_VERSION_PATTERN.exec(version);
  if (match === null) throw new PolicyVersionError(`"${version}" is not a MAJOR.MINOR.PATCH version`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** Negative when a is older than b, zero when equal, positive when a is newer. */
export function comparePolicyVersions(a: string, b: string): number {
  const left = parsePolicyVersion(a);
  const right = parsePolicyVersion(b);
  for (let i = 0; i < 3; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

/**
 * The policy versions as the console keeps them: pure (no DOM), so the tests run it in Node.
 */

import type { PolicyListing, PolicyVersionInfo } from '../../lambdas/domain/staff/staff-api';

export type { PolicyListing, PolicyVersionInfo };

/**
 * The list with a version just published: the public list is cached for up to a minute (by the policy
 * function and HTTP caches), so the answer to the publish is merged in rather than waited for. `today` is
 * the Oslo date; the current version is the newest in effect on it.
 */
export function withPublished(
  listing: PolicyListing,
  published: PolicyVersionInfo,
  today: string,
): PolicyListing {
  const versions = listing.versions.some((info) => info.version === published.version)
    ? listing.versions
    : [published, ...listing.versions];
  const inEffect = versions.filter((info) => info.effectiveDate <= today);
  const current = inEffect.reduce(
    (newest, info) => (info.effectiveDate > newest.effectiveDate ? info : newest),
    inEffect[0] ?? listing.current,
  );
  return { ...listing, current, versions };
}

/** Today's date in Oslo, `YYYY-MM-DD`. */
export function osloToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(now);
}

/** Who published the version bundled with the code: the API's SEED_PUBLISHER (lambdas/domain/policy/versions.ts). */
export const SEED_PUBLISHER = 'deployment';

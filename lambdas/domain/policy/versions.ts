/**
 * Published policy versions: which one is in effect, and whether a new one may be published.
 *
 * Every published version is kept. The deployed document (policy/sterk.json, bundled into the functions) is
 * the seed: it counts as published even before anyone stores it, so a fresh deployment serves it, and
 * intake and the workflow, which read the bundled document, agree with the notice until a newer version is
 * published. A version takes effect at the start of its effective date in Oslo; until then the previous
 * one stays current, so a future effective date schedules a change.
 *
 * Pure: the current date and the stored versions are arguments.
 */
import { comparePolicyVersions } from './version';

/** What the list shows about a version; the document itself is read separately (≈50 KB each). */
export interface PolicyVersionInfo {
  readonly version: string;
  /** `YYYY-MM-DD`: in effect from the start of this day in Oslo. */
  readonly effectiveDate: string;
  /** One or two sentences for people, in both languages when given so; shown in the list and in notices. */
  readonly summary: string;
  /** A major change: people who asked to hear about changes are sent a notice. */
  readonly major: boolean;
  /** The staff member or operator who published it; `deployment` for the bundled seed. */
  readonly publishedBy: string;
  /** ISO-8601 UTC; for the seed, the start of its effective date. */
  readonly publishedAt: string;
  /** `bundled`: the document deployed with the functions and not (yet) stored; `published`: stored. */
  readonly source: 'bundled' | 'published';
}

export const SEED_PUBLISHER = 'deployment';

/** The bundled document as a version: the seed every deployment starts with. */
export function seedVersion(document: { version: string; effectiveDate: string }): PolicyVersionInfo {
  return {
    version: document.version,
    effectiveDate: document.effectiveDate,
    summary: 'The policy deployed with the service.',
    major: false,
    publishedBy: SEED_PUBLISHER,
    publishedAt: `${document.effectiveDate}T00:00:00.000Z`,
    source: 'bundled',
  };
}

/**
 * Every version, newest first: the stored ones plus the bundled seed unless it was stored too (a stored
 * copy of the same version wins: it carries who published it and the summary).
 */
export function versionHistory(
  stored: readonly PolicyVersionInfo[],
  seed: PolicyVersionInfo,
): PolicyVersionInfo[] {
  const all = stored.some((info) => info.version === seed.version) ? [...stored] : [...stored, seed];
  return all.sort((a, b) => comparePolicyVersions(b.version, a.version));
}

/**
 * The version in effect on `today` (an Oslo date): the newest whose effective date has come. When none has
 * (every version is scheduled), the oldest is served, so the notice is never missing.
 */
export function currentVersion(history: readonly PolicyVersionInfo[], today: string): PolicyVersionInfo {
  const newestFirst = [...history].sort((a, b) => comparePolicyVersions(b.version, a.version));
  const inEffect = newestFirst.find((info) => info.effectiveDate <= today);
  const current = inEffect ?? newestFirst.at(-1);
  if (current === undefined) throw new Error('There is no policy version at all');
  return current;
}

/** The version that will take effect next, if one is scheduled after `today`. */
export function scheduledVersion(
  history: readonly PolicyVersionInfo[],
  today: string,
): PolicyVersionInfo | undefined {
  const current = currentVersion(history, today);
  return [...history]
    .filter((info) => comparePolicyVersions(info.version, current.version) > 0 && info.effectiveDate > today)
    .sort((a, b) => comparePolicyVersions(a.version, b.version))[0];
}

export interface PublishRequest {
  readonly version: string;
  readonly effectiveDate: string;
  readonly summary: string;
}

/**
 * Why a document may not be published over this history, or an empty list when it may. A new version must
 * be newer than every version already published (so the history reads forwards), its effective date may not
 * lie before that of the newest version nor in the past (a notice cannot change retroactively), and it needs
 * a summary people can read.
 */
export function publishProblems(
  request: PublishRequest,
  history: readonly PolicyVersionInfo[],
  today: string,
): string[] {
  const problems: string[] = [];
  const same = history.find((info) => info.version === request.version);
  const newest = [...history].sort((a, b) => comparePolicyVersions(b.version, a.version))[0];
  if (same !== undefined) {
    problems.push(`version ${request.version} is already published (by ${same.publishedBy})`);
  } else if (newest !== undefined && comparePolicyVersions(request.version, newest.version) < 0) {
    problems.push(
      `version ${request.version} is older than the newest published version ${newest.version}; publish a higher version`,
    );
  }
  if (request.effectiveDate < today) {
    problems.push(`effective date ${request.effectiveDate} is in the past (today is ${today} in Oslo)`);
  }
  if (newest !== undefined && same === undefined && request.effectiveDate < newest.effectiveDate) {
    problems.push(
      `effective date ${request.effectiveDate} is before ${newest.effectiveDate}, when version ${newest.version} takes effect`,
    );
  }
  if (request.summary.trim() === '') problems.push('a summary of the changes is required (--summary "…")');
  else if (request.summary.length > 1000) problems.push('the summary is longer than 1000 characters');
  return problems;
}

/** The version published just before `version` (by number), which its change page compares with. */
export function previousVersion(
  history: readonly PolicyVersionInfo[],
  version: string,
): PolicyVersionInfo | undefined {
  return [...history]
    .filter((info) => comparePolicyVersions(info.version, version) < 0)
    .sort((a, b) => comparePolicyVersions(b.version, a.version))[0];
}

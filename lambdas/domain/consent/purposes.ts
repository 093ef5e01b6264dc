/**
 * What the cookie banner asks consent for, derived from the policy: every system marked `tracker` (ekomloven
 * § 3-15: stores or reads something on the visitor's device that is not strictly necessary) belongs to one
 * purpose, its `consentPurpose`. The banner, the records and the staff summary all read this one list, so
 * the notice (which describes the same systems) and the banner cannot say different things.
 *
 * A tracker without `consentPurpose` is a purpose of its own, named by the system: the visitor is then asked
 * about that tool alone, which is never wrong, only less tidy.
 *
 * Pure; no Node.js.
 */
import type { LocalizedText, PolicyDocument, PolicySystem } from '../policy/schema';

/** The purposes a tracker may serve, in the order the banner lists them. */
export const CONSENT_PURPOSES = ['preferences', 'analytics', 'marketing'] as const;
export type KnownConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/**
 * Google Consent Mode v2: the storage each purpose grants. Every key starts `denied` (`consent default`)
 * and is `granted` by `consent update` only when its purpose is chosen.
 */
export const CONSENT_MODE_KEYS: Record<KnownConsentPurpose, readonly string[]> = {
  preferences: ['functionality_storage', 'personalization_storage'],
  analytics: ['analytics_storage'],
  marketing: ['ad_storage', 'ad_user_data', 'ad_personalization'],
};

/** The four keys Google requires to be set before any tag, denied until a choice says otherwise. */
export const CONSENT_MODE_DEFAULT_DENIED = [
  'ad_storage',
  'analytics_storage',
  'ad_user_data',
  'ad_personalization',
] as const;

/**
 * First-party cookies the well-known tags of each purpose leave behind, by name prefix: removed when the
 * purpose is refused after it was granted, so a withdrawal does not leave the identifiers in place.
 */
export const TRACKER_COOKIE_PREFIXES: Record<KnownConsentPurpose, readonly string[]> = {
  preferences: [],
  analytics: ['_ga', '_gid', '_gat'],
  marketing: ['_fbp', '_fbc', '_gcl'],
};

/** One tool the banner names under a purpose: from the policy's system. */
export interface ConsentTool {
  readonly systemId: string;
  readonly name: string;
  readonly vendor: string;
  readonly purpose: LocalizedText;
  /** Where the vendor sends the data outside the EEA, in words (the first transfer's country), if anywhere. */
  readonly transferTo?: LocalizedText;
}

export interface ConsentPurpose {
  /** `analytics`, `marketing`, `preferences`, or the system id of a tracker without a purpose. */
  readonly id: string;
  /** Known purposes are worded by the banner's texts; a system's own purpose is named by the system. */
  readonly known: boolean;
  readonly tools: readonly ConsentTool[];
  /** Consent Mode keys granted with this purpose (none for a purpose Google does not know). */
  readonly consentModeKeys: readonly string[];
  readonly cookiePrefixes: readonly string[];
}

const isKnown = (id: string): id is KnownConsentPurpose =>
  (CONSENT_PURPOSES as readonly string[]).includes(id);

function toolOf(system: PolicySystem): ConsentTool {
  const transfer = system.transfers[0];
  return {
    systemId: system.id,
    name: system.name,
    vendor: system.vendor,
    purpose: system.purpose,
    ...(transfer === undefined ? {} : { transferTo: transfer.countryName }),
  };
}

/** The purposes the banner asks about, known ones first in their order, then the trackers' own. */
export function consentPurposes(policy: Pick<PolicyDocument, 'systems'>): ConsentPurpose[] {
  const byPurpose = new Map<string, ConsentTool[]>();
  for (const system of policy.systems) {
    if (!system.tracker) continue;
    const id = system.consentPurpose ?? system.id;
    byPurpose.set(id, [...(byPurpose.get(id) ?? []), toolOf(system)]);
  }
  const known = CONSENT_PURPOSES.filter((id) => byPurpose.has(id));
  const own = [...byPurpose.keys()].filter((id) => !isKnown(id));
  return [...known, ...own].map((id) => ({
    id,
    known: isKnown(id),
    tools: byPurpose.get(id) ?? [],
    consentModeKeys: isKnown(id) ? CONSENT_MODE_KEYS[id] : [],
    cookiePrefixes: isKnown(id) ? TRACKER_COOKIE_PREFIXES[id] : [],
  }));
}

/** The Consent Mode keys to set `denied` before any tag: Google's four, and any other a purpose grants. */
export function consentModeDefaults(purposes: readonly ConsentPurpose[]): string[] {
  return [...new Set([...CONSENT_MODE_DEFAULT_DENIED, ...purposes.flatMap((p) => p.consentModeKeys)])];
}

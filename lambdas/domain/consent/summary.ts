/**
 * The privacy officer's view of the banner's choices: per day, how many choices were made, how (accept all,
 * reject all, customised) and, per purpose, how many said yes and no. No ids, no times finer than a day.
 *
 * The counts are kept as one item per Oslo day, added to atomically when a new record arrives (the store
 * adapter); each count is an attribute named by `countNames`. This module names them and adds them up.
 * Pure and Node-free: the console reads these types (lambdas/domain/staff/staff-api.ts).
 */

export const CONSENT_ACTIONS = ['accept-all', 'reject-all', 'custom'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

/** One day's counts as stored: attribute name → count. */
export interface StoredDayCounts {
  readonly date: string;
  readonly counts: Readonly<Record<string, number>>;
}

export interface ConsentCounts {
  readonly decisions: number;
  readonly actions: Record<ConsentAction, number>;
  /** By purpose id: how many chose yes (granted) and no (denied). */
  readonly purposes: Record<string, { granted: number; denied: number }>;
}

export interface ConsentDay extends ConsentCounts {
  /** `YYYY-MM-DD`, Oslo. */
  readonly date: string;
}

export interface ConsentSummary {
  readonly from: string;
  readonly to: string;
  /** The purposes the banner asks about now, with their names in both languages, in the banner's order. */
  readonly purposes: readonly { readonly id: string; readonly label: { nb: string; en: string } }[];
  /** Days with at least one choice, oldest first. */
  readonly days: readonly ConsentDay[];
  readonly totals: ConsentCounts;
}

const DECISIONS = 'decisions';
const ACTION_PREFIX = 'action:';
const PURPOSE_PREFIX = 'purpose:';

/** The counts one choice adds to its day: one decision, its action, and yes or no per purpose. */
export function countNames(choice: {
  readonly action: ConsentAction;
  readonly choices: Readonly<Record<string, boolean>>;
}): string[] {
  return [
    DECISIONS,
    `${ACTION_PREFIX}${choice.action}`,
    ...Object.entries(choice.choices)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([purpose, yes]) => `${PURPOSE_PREFIX}${purpose}:${yes ? 'granted' : 'denied'}`),
  ];
}

function emptyCounts(purposeIds: readonly string[]): ConsentCounts {
  return {
    decisions: 0,
    actions: { 'accept-all': 0, 'reject-all': 0, custom: 0 },
    purposes: Object.fromEntries(purposeIds.map((id) => [id, { granted: 0, denied: 0 }])),
  };
}

function add(into: ConsentCounts, name: string, count: number): void {
  if (!Number.isFinite(count) || count <= 0) return;
  const mutable = into as { decisions: number };
  if (name === DECISIONS) {
    mutable.decisions += count;
    return;
  }
  if (name.startsWith(ACTION_PREFIX)) {
    const action = name.slice(ACTION_PREFIX.length);
    if ((CONSENT_ACTIONS as readonly string[]).includes(action))
      into.actions[action as ConsentAction] += count;
    return;
  }
  const match = /^purpose:(.+):(granted|denied)$/.exec(name);
  if (match === null) return;
  const [, purpose = '', answer] = match;
  into.purposes[purpose] ??= { granted: 0, denied: 0 };
  const entry = into.purposes[purpose];
  if (answer === 'granted') entry.granted += count;
  else entry.denied += count;
}

/**
 * The summary for `from`–`to` from the stored days (in any order; days outside the range are left out).
 * Purposes the banner no longer asks about still show, from the days that counted them.
 */
export function summariseConsent(
  stored: readonly StoredDayCounts[],
  range: { readonly from: string; readonly to: string },
  purposes: ConsentSummary['purposes'],
): ConsentSummary {
  const ids = purposes.map((p) => p.id);
  const totals = emptyCounts(ids);
  const days = stored
    .filter((day) => day.date >= range.from && day.date <= range.to)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((day) => {
      const counts = emptyCounts(ids);
      for (const [name, count] of Object.entries(day.counts)) {
        add(counts, name, count);
        add(totals, name, count);
      }
      return { date: day.date, ...counts };
    })
    .filter((day) => day.decisions > 0);
  return { from: range.from, to: range.to, purposes, days, totals };
}

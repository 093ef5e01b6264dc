/**
 * The legal-hold check: for every system and category the collection stage found about a data
 * subject, may it be erased now, or must it be kept, why, and until when. Pure: the policy, the
 * findings, the subject's explicit holds and today's date (`YYYY-MM-DD` in Oslo) are arguments.
 *
 * The decision for one (system, category):
 *
 * 1. The retention rules that apply are those of `retentionRulesFor` (the category is in the rule's
 *    `categories`, and the rule has no `systems` or names this system).
 * 2. A rule with `forbidsErasure: true` retains the data until its period ends: `retainUntil` is the
 *    anchor date plus the rule's `duration`, and the data is kept through that day (inclusive, like
 *    a hold's `expiresOn`, and like a period counted by EU Regulation 1182/71: ten years from
 *    15 March 2020 end with 15 March 2030). A period that does not exist in the final month ends on
 *    that month's last day (29 February 2024 + P10Y = 28 February 2034). When the end cannot be
 *    computed (the anchor date is unknown, or `duration` is null) the data is retained without a
 *    `retainUntil` and `condition` says what the period is: the law obliges us to keep it, so
 *    not knowing when the obligation ends is never a reason to erase.
 * 3. An explicit hold retains the data when it covers the category, has not been lifted
 *    (`liftedAt` unset) and has not expired (`expiresOn >= today`); `retainUntil` is `expiresOn`.
 *    A hold is about the subject, not a system: it covers the category in every system.
 * 4. When several reasons retain, the one that keeps the data longest is reported. An unknown end
 *    counts as later than any date. On equal ends a retention rule is reported rather than a hold
 *    (a rule cannot be lifted, and it carries the legal reference the response must quote); among
 *    rules the first in the policy's `retention` order, among holds the smallest id.
 * 5. Otherwise the data is erased. The basis is the first applicable rule that does not forbid
 *    erasure (our own limit, with its legal reference), else `no-obligation` (no rule, or only
 *    forbidding rules whose period has ended). An erase decision has neither `retainUntil` nor
 *    `condition`; how long we would keep the data unasked is the rule's, found by `ruleId`.
 *
 * A date that is not a real `YYYY-MM-DD` (today, a `lastActivityDate`, a hold's `expiresOn`) throws a
 * RangeError rather than being read as "unknown" or "expired".
 *
 * Anchor dates (`startsFrom`) come from the findings' `lastActivityDate`, the newest date the records
 * carry; with several findings for a system the latest date counts, and one finding without a date
 * makes the anchor unknown. Anchors only matter for rules that forbid erasure:
 *
 * | `startsFrom`         | anchor date                                                             |
 * | -------------------- | ----------------------------------------------------------------------- |
 * | `collection`         | `lastActivityDate` (the newest record was the last collected)          |
 * | `transaction`        | `lastActivityDate` (the newest transaction)                             |
 * | `last-journal-entry` | `lastActivityDate` (the newest journal entry)                           |
 * | `last-contact`       | `lastActivityDate` (the newest message)                                 |
 * | `end-of-fiscal-year` | 31 December of `lastActivityDate`'s year (the fiscal year is the        |
 * |                      | calendar year in Norway unless allowed otherwise, regnskapsloven § 1-7) |
 * | `end-of-membership`  | unknown: the membership may still be running, and the newest record    |
 * | `unsubscribe`        | date would start the clock before the event. The findings do not say   |
 * | `request-closed`     | whether it has happened (the request being handled is still open)      |
 *
 * The request type does not change the decisions: they answer "could this be erased now, and if
 * not, why and until when", which an erasure acts on and an access response quotes (GDPR Art.
 * 15(1)(d)). Rectification of retained data (a wrong journal entry) is not erasure and is decided
 * elsewhere. `requestType` is part of the input so callers state what they are deciding for.
 *
 * Decisions come in the policy's order (its `systems`, then each system's `categories`), whatever
 * order the findings arrive in; systems and categories the policy does not list come last, by id.
 */
import {
  type CalendarDate,
  calendarDate,
  format,
  parseDate as parseCalendarDate,
  plusPeriod,
} from '../calendar';
import { retentionRulesFor } from '../policy/queries';
import { RETENTION_ANCHOR_NAMES } from '../policy/retention-anchors';
import { retentionPeriod } from '../policy/retention-period';
import type {
  LegalReference,
  LocalizedText,
  PolicyDocument,
  RequestType,
  RetentionAnchor,
  RetentionRule,
} from '../policy/schema';
import type { Finding, LegalHold } from './findings';

export interface CategoryDecision {
  readonly systemId: string;
  readonly categoryId: string;
  readonly action: 'erase' | 'retain';
  /** Why: the retention rule id (with its legal reference) or the explicit hold id, or 'no-obligation'. */
  readonly basis:
    | {
        readonly kind: 'retention-rule';
        readonly ruleId: string;
        readonly legalReference: LegalReference;
        readonly note?: LocalizedText;
      }
    | { readonly kind: 'legal-hold'; readonly holdId: string; readonly reason: string }
    | { readonly kind: 'no-obligation' };
  /** `YYYY-MM-DD`: until when it is kept, when known (retain only). */
  readonly retainUntil?: string;
  /** For a retention rule counted from an event we do not know (e.g. duration null with a condition): the condition text. */
  readonly condition?: LocalizedText;
}

export interface RetentionInput {
  readonly requestType: RequestType;
  readonly findings: readonly Finding[];
  readonly policy: PolicyDocument;
  /** The subject's holds only: a hold covers its categories in every system. */
  readonly holds: readonly LegalHold[];
  /** `YYYY-MM-DD`, the date in Oslo. */
  readonly today: string;
}

/** One decision per (system, category) found by a connector or in a staff upload. */
export function decideRetention(input: RetentionInput): CategoryDecision[] {
  const { findings, policy, holds } = input;
  const today = parseDate(input.today, 'today');
  const activeHolds = holds.filter(
    (hold) => hold.liftedAt === undefined && parseDate(hold.expiresOn, `hold ${hold.id} expiresOn`) >= today,
  );
  return foundPairs(findings, policy).map(({ systemId, categoryId, lastActivity }) =>
    decide(policy, systemId, categoryId, lastActivity, activeHolds, today),
  );
}

/** A reason to retain: `until` undefined means the end is not known (so later than any date). */
interface Retention {
  readonly decision: CategoryDecision;
  readonly until: string | undefined;
}

function decide(
  policy: PolicyDocument,
  systemId: string,
  categoryId: string,
  lastActivity: string | undefined,
  activeHolds: readonly LegalHold[],
  today: string,
): CategoryDecision {
  const rules = retentionRulesFor(policy, systemId, categoryId);
  const retentions: Retention[] = [];
  for (const rule of rules) {
    if (!rule.forbidsErasure) continue;
    const until = periodEnd(rule, lastActivity);
    if (until !== undefined && until < today) continue;
    retentions.push({
      until,
      decision: {
        systemId,
        categoryId,
        action: 'retain',
        basis: ruleBasis(rule),
        ...(until === undefined
          ? { condition: rule.condition ?? describePeriod(rule) }
          : { retainUntil: until }),
      },
    });
  }
  const coveringHolds = activeHolds
    .filter((hold) => hold.categories.includes(categoryId))
    .toSorted((a, b) => compare(a.id, b.id));
  for (const hold of coveringHolds) {
    retentions.push({
      until: hold.expiresOn,
      decision: {
        systemId,
        categoryId,
        action: 'retain',
        basis: { kind: 'legal-hold', holdId: hold.id, reason: hold.reason },
        retainUntil: hold.expiresOn,
      },
    });
  }

  // Rules first (policy order), then holds (by id): the first of the longest wins, so ties go to rules.
  let longest: Retention | undefined;
  for (const retention of retentions) {
    if (longest === undefined || endsLater(retention.until, longest.until)) longest = retention;
  }
  if (longest !== undefined) return longest.decision;

  const limit = rules.find((rule) => !rule.forbidsErasure);
  return {
    systemId,
    categoryId,
    action: 'erase',
    basis: limit === undefined ? { kind: 'no-obligation' } : ruleBasis(limit),
  };
}

function ruleBasis(rule: RetentionRule): CategoryDecision['basis'] {
  return {
    kind: 'retention-rule',
    ruleId: rule.id,
    legalReference: rule.legalReference,
    ...(rule.note === undefined ? {} : { note: rule.note }),
  };
}

/** Strictly later; an unknown end is later than any date, and two unknown ends are equal. */
function endsLater(a: string | undefined, b: string | undefined): boolean {
  if (b === undefined) return false;
  return a === undefined || a > b;
}

/**
 * The event a period counts from, given the newest date in the records. Typed over every anchor, so
 * a new one in RETENTION_ANCHORS does not compile until it is mapped here.
 */
const ANCHOR_DATE: Record<RetentionAnchor, (lastActivity: CalendarDate) => CalendarDate | undefined> = {
  collection: (date) => date,
  transaction: (date) => date,
  'last-journal-entry': (date) => date,
  'last-contact': (date) => date,
  'end-of-fiscal-year': (date) => calendarDate(date.year, 12, 31),
  'end-of-membership': () => undefined,
  unsubscribe: () => undefined,
  'request-closed': () => undefined,
};

/** The last day the rule keeps the data, `YYYY-MM-DD`, or undefined when it cannot be known. */
function periodEnd(rule: RetentionRule, lastActivity: string | undefined): string | undefined {
  if (rule.duration === null || lastActivity === undefined) return undefined;
  const anchor = ANCHOR_DATE[rule.startsFrom](parseCalendarDate(lastActivity));
  if (anchor === undefined) return undefined;
  return format(plusPeriod(anchor, retentionPeriod(rule)));
}

interface FoundPair {
  readonly systemId: string;
  readonly categoryId: string;
  /** The latest `lastActivityDate` of the findings naming the pair; undefined when one of them has none. */
  readonly lastActivity: string | undefined;
}

/** The (system, category) pairs with data, in policy order, with their newest record date. */
function foundPairs(findings: readonly Finding[], policy: PolicyDocument): FoundPair[] {
  const pairs = new Map<string, { systemId: string; categoryId: string; dates: (string | undefined)[] }>();
  for (const finding of findings) {
    if (finding.source !== 'connector' && finding.source !== 'staff-upload') continue;
    const date =
      finding.lastActivityDate === undefined
        ? undefined
        : parseDate(finding.lastActivityDate, `${finding.systemId} lastActivityDate`);
    for (const categoryId of finding.categories) {
      const key = JSON.stringify([finding.systemId, categoryId]);
      const pair = pairs.get(key) ?? { systemId: finding.systemId, categoryId, dates: [] };
      pair.dates.push(date);
      pairs.set(key, pair);
    }
  }

  const systemOrder = new Map(policy.systems.map((system, index) => [system.id, index]));
  const categoryOrder = (systemId: string, categoryId: string) =>
    policy.systems.find((system) => system.id === systemId)?.categories.indexOf(categoryId) ?? -1;
  // Unlisted ids rank last; Infinity - Infinity is NaN, which `||` skips, so they fall through to their ids.
  const rank = (order: number) => (order < 0 ? Number.POSITIVE_INFINITY : order);
  return [...pairs.values()]
    .toSorted(
      (a, b) =>
        rank(systemOrder.get(a.systemId) ?? -1) - rank(systemOrder.get(b.systemId) ?? -1) ||
        compare(a.systemId, b.systemId) ||
        rank(categoryOrder(a.systemId, a.categoryId)) - rank(categoryOrder(b.systemId, b.categoryId)) ||
        compare(a.categoryId, b.categoryId),
    )
    .map(({ systemId, categoryId, dates }) => ({
      systemId,
      categoryId,
      lastActivity: dates.includes(undefined) ? undefined : dates.toSorted(compare).at(-1),
    }));
}

function compare(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

/** Checks a `YYYY-MM-DD` date and returns it: such dates compare correctly as strings. */
function parseDate(date: string, what: string): string {
  try {
    parseCalendarDate(date);
    return date;
  } catch {
    throw new RangeError(`${what}: ${JSON.stringify(date)} is not a calendar date of the form YYYY-MM-DD`);
  }
}

const UNITS = [
  { key: 'years', nb: ['år', 'år'], en: ['year', 'years'] },
  { key: 'months', nb: ['måned', 'måneder'], en: ['month', 'months'] },
  { key: 'weeks', nb: ['uke', 'uker'], en: ['week', 'weeks'] },
  { key: 'days', nb: ['dag', 'dager'], en: ['day', 'days'] },
] as const;

/** A rule's period in words, for a rule without its own `condition` whose end we cannot compute. */
function describePeriod(rule: RetentionRule): LocalizedText {
  const anchor = RETENTION_ANCHOR_NAMES[rule.startsFrom];
  const amounts = retentionPeriod(rule);
  const parts = UNITS.flatMap((unit) => {
    const amount = amounts[unit.key];
    if (amount === 0) return [];
    const plural = amount === 1 ? 0 : 1;
    return [{ nb: `${amount} ${unit.nb[plural]}`, en: `${amount} ${unit.en[plural]}` }];
  });
  if (parts.length === 0) return { nb: `til ${anchor.nb}`, en: `until ${anchor.en}` };
  return {
    nb: `${list(
      parts.map((part) => part.nb),
      'og',
    )} etter ${anchor.nb}`,
    en: `${list(
      parts.map((part) => part.en),
      'and',
    )} after ${anchor.en}`,
  };
}

function list(items: string[], and: string): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
}

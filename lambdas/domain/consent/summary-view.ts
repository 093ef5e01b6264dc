/**
 * `GET /staff/consent/summary?from=YYYY-MM-DD&to=YYYY-MM-DD`: the privacy officer's counts of the banner's
 * choices (summary.ts). Other staff are refused: the counts are about the whole organisation's website.
 * Nothing in it is about a person, so reading it is not an audited view.
 */
import { type CalendarDate, daysBetween, format, parseDate, plusDays } from '../calendar';
import { ForbiddenError, ValidationError } from '../errors';
import { osloDate } from '../oslo-date';
import type { PolicyDocument } from '../policy/schema';
import { isPrivacyOfficer, type StaffMember } from '../staff/access';
import { BANNER_TEXT } from './i18n';
import { consentPurposes } from './purposes';
import { type ConsentSummary, type StoredDayCounts, summariseConsent } from './summary';

/** The default span, ending today (Oslo). */
export const DEFAULT_SUMMARY_DAYS = 30;
/** The longest span one call may ask for. */
export const MAX_SUMMARY_DAYS = 366;

export interface ConsentCountsStore {
  /** The stored days from `from` to `to`, both included. */
  days(from: string, to: string): Promise<StoredDayCounts[]>;
}

export interface SummaryDeps {
  readonly counts: ConsentCountsStore;
  readonly policy: Pick<PolicyDocument, 'systems'>;
  readonly clock: () => Date;
}

/** The dates asked for, or the last 30 days; 400 with a message per field for anything else. */
export function summaryRange(
  query: Readonly<Record<string, string | undefined>> | null,
  today: string,
): { from: string; to: string } {
  const fields: Record<string, string> = {};
  const read = (name: 'from' | 'to'): CalendarDate | undefined => {
    const value = query?.[name];
    if (value === undefined || value === '') return undefined;
    try {
      return parseDate(value);
    } catch {
      fields[name] = 'must be a date in YYYY-MM-DD form';
      return undefined;
    }
  };
  const to = read('to') ?? parseDate(today);
  const from = read('from') ?? plusDays(to, -(DEFAULT_SUMMARY_DAYS - 1));
  if (Object.keys(fields).length === 0) {
    const span = daysBetween(from, to) + 1;
    if (span < 1) fields.from = 'must be on or before "to"';
    else if (span > MAX_SUMMARY_DAYS) fields.from = `must be at most ${MAX_SUMMARY_DAYS} days before "to"`;
  }
  if (Object.keys(fields).length > 0)
    throw new ValidationError('The dates are not valid: see fields.', fields);
  return { from: format(from), to: format(to) };
}

export async function consentSummary(
  staff: StaffMember,
  query: Readonly<Record<string, string | undefined>> | null,
  deps: SummaryDeps,
): Promise<ConsentSummary> {
  if (!isPrivacyOfficer(staff))
    throw new ForbiddenError('Only the privacy officer can see the consent summary.');
  const range = summaryRange(query, osloDate(deps.clock()));
  const purposes = consentPurposes(deps.policy).map((purpose) => ({
    id: purpose.id,
    label: purpose.known
      ? {
          nb: BANNER_TEXT.nb.purposes[purpose.id as keyof typeof BANNER_TEXT.nb.purposes].label,
          en: BANNER_TEXT.en.purposes[purpose.id as keyof typeof BANNER_TEXT.en.purposes].label,
        }
      : { nb: purpose.tools[0]?.name ?? purpose.id, en: purpose.tools[0]?.name ?? purpose.id },
  }));
  return summariseConsent(await deps.counts.days(range.from, range.to), range, purposes);
}

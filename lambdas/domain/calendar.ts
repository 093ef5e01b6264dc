/**
 * Oslo calendar arithmetic without the holiday calendar: parsing instants and dates, days left to a due
 * date, the deadline's state, the day-21 nudge and the end of a day. Kept apart from deadlines.ts (which
 * knows Norway's public holidays) so the functions that only show deadlines load no holiday rules.
 *
 * Timestamps must carry their offset (`Z` or `±hh:mm`); see deadlines.ts for why.
 */
import { DateTime } from 'luxon';

/** An instant: a `Date`, or an ISO-8601 timestamp with an offset such as `2026-11-25T09:30:00Z`. */
export type Instant = Date | string;

export type DeadlineState = 'ok' | 'soon' | 'urgent' | 'overdue';

export class InvalidTimestampError extends Error {
  override readonly name = 'InvalidTimestampError';

  constructor(input: unknown, options?: ErrorOptions) {
    super(
      `${quote(input)} is not an ISO-8601 timestamp with a time zone (e.g. 2026-11-25T09:30:00Z)`,
      options,
    );
  }
}

export class InvalidDateError extends Error {
  override readonly name = 'InvalidDateError';

  constructor(input: unknown, options?: ErrorOptions) {
    super(`${quote(input)} is not a calendar date of the form YYYY-MM-DD (e.g. 2026-11-25)`, options);
  }
}

export const ZONE = 'Europe/Oslo';
const SOON_DAYS = 7;
const URGENT_DAYS = 2;
const NUDGE_DAYS = 21;

// The RFC 3339 profile of ISO-8601: luxon alone would also take `T24:00`, offsets like `+25:00`,
// week dates and missing offsets.
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Oslo calendar days from `now` to the due date: 0 on the due date itself, negative once it has passed. */
export function daysLeft(dueDate: string, now: Instant): number {
  return Math.round(parseDate(dueDate).diff(osloDate(now), 'days').days);
}

/** `urgent` from two days before the due date through the due date itself, `soon` within a week. */
export function deadlineState(dueDate: string, now: Instant): DeadlineState {
  const days = daysLeft(dueDate, now);
  if (days < 0) return 'overdue';
  if (days <= URGENT_DAYS) return 'urgent';
  if (days <= SOON_DAYS) return 'soon';
  return 'ok';
}

/** Receipt day + 21 calendar days: the day by which staff should decide whether to extend. */
export function decisionNudgeDate(receivedAt: Instant): string {
  return format(osloDate(receivedAt).plus({ days: NUDGE_DAYS }));
}

/** The UTC instant of 23:59:59.999 Oslo time on the date, e.g. `2026-12-28T22:59:59.999Z`. */
export function endOfDayInstant(date: string): string {
  const { year, month, day } = parseDate(date);
  return DateTime.fromObject({ year, month, day }, { zone: ZONE }).endOf('day').toJSDate().toISOString();
}

// Calendar dates are luxon values at midnight UTC: adding days and months to them never meets a DST switch.
export function calendarDate(year: number, month: number, day: number): DateTime {
  return DateTime.fromObject({ year, month, day }, { zone: 'utc' });
}

/** The instant's Oslo calendar date, as a calendar-date value. */
export function osloDate(instant: Instant): DateTime {
  let local: DateTime | undefined;
  if (instant instanceof Date) {
    if (!Number.isNaN(instant.getTime())) local = DateTime.fromJSDate(instant, { zone: ZONE });
  } else if (typeof instant === 'string' && TIMESTAMP.test(instant)) {
    const parsed = DateTime.fromISO(instant, { zone: ZONE });
    if (parsed.isValid) local = parsed;
  }
  if (local === undefined) throw new InvalidTimestampError(instant);
  return calendarDate(local.year, local.month, local.day);
}

export function parseDate(date: string): DateTime {
  if (typeof date === 'string' && CALENDAR_DATE.test(date)) {
    const parsed = DateTime.fromISO(date, { zone: 'utc' });
    if (parsed.isValid) return parsed;
  }
  throw new InvalidDateError(date);
}

export function format(date: DateTime): string {
  return date.toFormat('yyyy-MM-dd');
}

function quote(input: unknown): string {
  if (input instanceof Date) return 'An invalid Date';
  return typeof input === 'string' ? JSON.stringify(input) : String(input);
}

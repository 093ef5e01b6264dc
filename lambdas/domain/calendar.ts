/**
 * Oslo calendar arithmetic without the holiday calendar: parsing instants and dates, days left to a due
 * date, the deadline's state, the day-21 nudge and the end of a day. Kept apart from deadlines.ts (which
 * knows Norway's public holidays) so the functions that only show deadlines load no holiday rules.
 *
 * Timestamps must carry their offset (`Z` or `±hh:mm`); see deadlines.ts for why.
 *
 * Plain `Date` arithmetic on UTC midnights and the runtime's Intl time-zone data rather than luxon (issue
 * 22): luxon cost every function that shows or counts a deadline ≈70 KB and ≈20 ms at cold start. The
 * tests hold these functions against luxon (test/domain/deadlines/calendar.test.ts).
 */
import { osloDate as osloDateOf } from './oslo-date';

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

// The RFC 3339 profile of ISO-8601: `Date` alone would also take other forms, and no offset at all.
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A calendar date without a time zone. Arithmetic on it runs on the day's UTC midnight, so adding days and
 * months never meets a DST switch.
 */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DAY_MS = 86_400_000;

/** Oslo calendar days from `now` to the due date: 0 on the due date itself, negative once it has passed. */
export function daysLeft(dueDate: string, now: Instant): number {
  return daysBetween(osloDate(now), parseDate(dueDate));
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
  return format(plusDays(osloDate(receivedAt), NUDGE_DAYS));
}

/** The UTC instant of 23:59:59.999 Oslo time on the date, e.g. `2026-12-28T22:59:59.999Z`. */
export function endOfDayInstant(date: string): string {
  // The next day's Oslo midnight, less a millisecond. Oslo is an hour or two ahead of UTC, so that midnight
  // is the UTC midnight less one of the two; the right one is the one Oslo calls the next day's first hour
  // (DST changes at 01:00 UTC, never near midnight).
  const nextDay = plusDays(parseDate(date), 1);
  const nextMidnightUtc = utcMidnight(nextDay);
  const next = format(nextDay);
  const [oneHour, twoHours] = [nextMidnightUtc - 3_600_000, nextMidnightUtc - 7_200_000];
  const midnight = osloDateOf(new Date(twoHours)) === next ? twoHours : oneHour;
  return new Date(midnight - 1).toISOString();
}

export function calendarDate(year: number, month: number, day: number): CalendarDate {
  return { year, month, day };
}

/** The date `days` days later (earlier when negative). */
export function plusDays(date: CalendarDate, days: number): CalendarDate {
  return fromUtcMidnight(utcMidnight(date) + days * DAY_MS);
}

/**
 * The same day `months` months later, or the last day of that month when the day does not exist there
 * (31 January + 1 month is 28 or 29 February), as EU Regulation 1182/71 counts months.
 */
export function plusMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Whole days from `from` to `to`: 0 on the same day, negative when `to` is earlier. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** A period in calendar units, as the policy's retention rules give it (`P10Y`, `P1Y6M`, `P30D`). */
export interface CalendarPeriod {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
}

const PERIOD = /^P(?=\d)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/;

/** An ISO-8601 period in years, months, weeks and days (the form the policy schema allows), or undefined. */
export function parsePeriod(text: string): CalendarPeriod | undefined {
  const match = PERIOD.exec(text);
  if (match === null) return undefined;
  const [years, months, weeks, days] = match.slice(1).map((part) => Number(part ?? 0));
  return { years: years ?? 0, months: months ?? 0, weeks: weeks ?? 0, days: days ?? 0 };
}

/** The date a period after `date`: years and months first (as plusMonths), then weeks and days, as luxon counts. */
export function plusPeriod(date: CalendarDate, period: CalendarPeriod): CalendarDate {
  return plusDays(plusMonths(date, period.years * 12 + period.months), period.weeks * 7 + period.days);
}

/** ISO weekday: 1 is Monday, 7 is Sunday. */
export function weekday(date: CalendarDate): number {
  return new Date(utcMidnight(date)).getUTCDay() || 7;
}

/** The instant's Oslo calendar date. */
export function osloDate(instant: Instant): CalendarDate {
  let at: Date | undefined;
  if (instant instanceof Date) {
    if (!Number.isNaN(instant.getTime())) at = instant;
  } else if (
    typeof instant === 'string' &&
    TIMESTAMP.test(instant) &&
    dateOf(instant.slice(0, 10)) !== undefined
  ) {
    // Checked first: `Date` rolls 30 February over into March instead of refusing it.
    at = new Date(instant);
  }
  if (at === undefined || Number.isNaN(at.getTime())) throw new InvalidTimestampError(instant);
  return parseDate(osloDateOf(at));
}

export function parseDate(date: string): CalendarDate {
  const parsed = typeof date === 'string' ? dateOf(date) : undefined;
  if (parsed === undefined) throw new InvalidDateError(date);
  return parsed;
}

export function format(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** The date `YYYY-MM-DD` names, or undefined when it is not of that form or not a day of the calendar. */
function dateOf(text: string): CalendarDate | undefined {
  if (!CALENDAR_DATE.test(text)) return undefined;
  const [year, month, day] = [Number(text.slice(0, 4)), Number(text.slice(5, 7)), Number(text.slice(8, 10))];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
    ? { year, month, day }
    : undefined;
}

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

function utcMidnight(date: CalendarDate): number {
  // setUTCFullYear, not Date.UTC: Date.UTC reads the years 0 to 99 as 1900 to 1999.
  const at = new Date(0);
  at.setUTCFullYear(date.year, date.month - 1, date.day);
  return at.getTime();
}

function fromUtcMidnight(ms: number): CalendarDate {
  const at = new Date(ms);
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

function quote(input: unknown): string {
  if (input instanceof Date) return 'An invalid Date';
  return typeof input === 'string' ? JSON.stringify(input) : String(input);
}

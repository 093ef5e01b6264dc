/**
 * Response deadlines for data subject requests: GDPR Art. 12(3) counted by EU Regulation 1182/71.
 *
 * A request is answered within one month of receipt, extendable once by two further months (three
 * months from receipt). Months are counted on the receipt's calendar date in Europe/Oslo: the due date
 * is the same date one month later, or the last day of that month when the date does not exist, and a
 * due date on a Saturday, Sunday or Norwegian public holiday moves to the next working day.
 *
 * Everything here is pure: the current time is always an argument, never read from a clock.
 *
 * Timestamps must carry their offset (`Z` or `±hh:mm`). One without it, such as `2026-11-25T00:30:00`,
 * is refused: it could mean UTC (what the Lambda runtime's clock would say) or Oslo wall time (what a
 * member of staff would mean), and near midnight those are different receipt dates and so different
 * due dates. Guessing would silently move a legal deadline.
 */
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';

/** An instant: a `Date`, or an ISO-8601 timestamp with an offset such as `2026-11-25T09:30:00Z`. */
export type Instant = Date | string;

export interface Deadlines {
  /** The receipt's calendar date in Oslo, `YYYY-MM-DD`. */
  receivedDate: string;
  /** The last day to answer, `YYYY-MM-DD`, inclusive. */
  dueDate: string;
  /** The last day to answer once the deadline is extended, `YYYY-MM-DD`, inclusive. */
  extendedDueDate: string;
}

export type DeadlineState = 'ok' | 'soon' | 'urgent' | 'overdue';

export type ExtensionCheck =
  | { ok: true; newDueDate: string }
  | { ok: false; reason: 'already-extended' | 'too-late' };

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

const ZONE = 'Europe/Oslo';
const SOON_DAYS = 7;
const URGENT_DAYS = 2;
const NUDGE_DAYS = 21;

// The RFC 3339 profile of ISO-8601: luxon alone would also take `T24:00`, offsets like `+25:00`,
// week dates and missing offsets.
const TIMESTAMP =
  /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;
const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

// Building the rule set is the expensive part, so it happens once per module (per Lambda container).
// The per-year cache only memoises a deterministic function: it does not make callers impure.
const norway = new Holidays('NO');
const publicHolidaysByYear = new Map<number, ReadonlySet<string>>();

/** The receipt's Oslo date, its due date and its extended due date. */
export function computeDeadlines(receivedAt: Instant): Deadlines {
  const received = osloDate(receivedAt);
  return {
    receivedDate: format(received),
    dueDate: format(rollForward(received.plus({ months: 1 }))),
    extendedDueDate: format(rollForward(received.plus({ months: 3 }))),
  };
}

/** Monday to Friday, and not a Norwegian public holiday. Christmas Eve and New Year's Eve are working days. */
export function isWorkingDay(date: string): boolean {
  return isWorking(parseDate(date));
}

/** The date itself when it is a working day, otherwise the first working day after it. */
export function nextWorkingDay(date: string): string {
  return format(rollForward(parseDate(date)));
}

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

/** An extension is allowed once, and only until the end of the original due date in Oslo. */
export function canExtend(input: {
  receivedAt: Instant;
  dueDate: string;
  extendedAlready: boolean;
  now: Instant;
}): ExtensionCheck {
  // Parse every input before deciding, so a corrupt stored value is never hidden behind 'already-extended'.
  const { extendedDueDate } = computeDeadlines(input.receivedAt);
  const passed = daysLeft(input.dueDate, input.now) < 0;
  if (input.extendedAlready) return { ok: false, reason: 'already-extended' };
  if (passed) return { ok: false, reason: 'too-late' };
  return { ok: true, newDueDate: extendedDueDate };
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
function calendarDate(year: number, month: number, day: number): DateTime {
  return DateTime.fromObject({ year, month, day }, { zone: 'utc' });
}

function osloDate(instant: Instant): DateTime {
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

function parseDate(date: string): DateTime {
  if (typeof date === 'string' && CALENDAR_DATE.test(date)) {
    const parsed = DateTime.fromISO(date, { zone: 'utc' });
    if (parsed.isValid) return parsed;
  }
  throw new InvalidDateError(date);
}

function format(date: DateTime): string {
  return date.toFormat('yyyy-MM-dd');
}

function rollForward(date: DateTime): DateTime {
  let day = date;
  while (!isWorking(day)) day = day.plus({ days: 1 });
  return day;
}

function isWorking(date: DateTime): boolean {
  return date.weekday <= 5 && !publicHolidays(date.year).has(format(date));
}

function publicHolidays(year: number): ReadonlySet<string> {
  let days = publicHolidaysByYear.get(year);
  if (days === undefined) {
    // `Holidays('NO')` also lists observances and Christmas Eve and New Year's Eve as `bank` days.
    // Its `date` is the local date and time in Oslo, `YYYY-MM-DD hh:mm:ss`.
    days = new Set(
      norway
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    publicHolidaysByYear.set(year, days);
  }
  return days;
}

function quote(input: unknown): string {
  if (input instanceof Date) return 'An invalid Date';
  return typeof input === 'string' ? JSON.stringify(input) : String(input);
}

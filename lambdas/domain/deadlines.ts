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
import type { DateTime } from 'luxon';
import { daysLeft, format, type Instant, osloDate, parseDate } from './calendar';

export {
  type DeadlineState,
  daysLeft,
  deadlineState,
  decisionNudgeDate,
  endOfDayInstant,
  type Instant,
  InvalidDateError,
  InvalidTimestampError,
} from './calendar';

export interface Deadlines {
  /** The receipt's calendar date in Oslo, `YYYY-MM-DD`. */
  receivedDate: string;
  /** The last day to answer, `YYYY-MM-DD`, inclusive. */
  dueDate: string;
  /** The last day to answer once the deadline is extended, `YYYY-MM-DD`, inclusive. */
  extendedDueDate: string;
}

export type ExtensionCheck =
  | { ok: true; newDueDate: string }
  | { ok: false; reason: 'already-extended' | 'too-late' };

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

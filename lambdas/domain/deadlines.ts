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
import {
  type CalendarDate,
  daysLeft,
  format,
  type Instant,
  osloDate,
  parseDate,
  plusDays,
  plusMonths,
  weekday,
} from './calendar';

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

/**
 * Norway's public holidays: five on fixed dates (1 January, 1 May, 17 May, 25 and 26 December) and seven
 * that follow Easter Sunday (Maundy Thursday, Good Friday, Easter Sunday and Monday, Ascension Day, Whit
 * Sunday and Monday), as the Public Holidays Act (helligdagsloven § 2) and the laws on 1 and 17 May set
 * them. Christmas Eve and New Year's Eve are not among them.
 *
 * The rule used to come from date-holidays, which brought 1.4 MB into every bundle that counts deadlines
 * (moment-timezone with every zone, astronomia, every country's rules) for twelve dates a year. The tests
 * hold this rule against date-holidays on every weekday from 2020 to 2080 (it was also checked once from
 * 1900 to 2300), so the library is still the reference; it is just no longer shipped.
 */
const FIXED_HOLIDAYS = ['01-01', '05-01', '05-17', '12-25', '12-26'];
const DAYS_FROM_EASTER_SUNDAY = [-3, -2, 0, 1, 39, 49, 50];
// The per-year cache only memoises a deterministic function: it does not make callers impure.
const publicHolidaysByYear = new Map<number, ReadonlySet<string>>();

/** The receipt's Oslo date, its due date and its extended due date. */
export function computeDeadlines(receivedAt: Instant): Deadlines {
  const received = osloDate(receivedAt);
  return {
    receivedDate: format(received),
    dueDate: format(rollForward(plusMonths(received, 1))),
    extendedDueDate: format(rollForward(plusMonths(received, 3))),
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

/** GDPR Art. 12(3) allows "a further two months" at most; staff may choose less. */
export const EXTENSION_MONTHS = [1, 2] as const;
export type ExtensionMonths = (typeof EXTENSION_MONTHS)[number];

/**
 * An extension is allowed once, and only until the end of the original due date in Oslo. The new due date
 * counts `months` (default the legal maximum of two) on from the original one month, from the receipt.
 */
export function canExtend(input: {
  receivedAt: Instant;
  dueDate: string;
  extendedAlready: boolean;
  now: Instant;
  months?: ExtensionMonths;
}): ExtensionCheck {
  // Parse every input before deciding, so a corrupt stored value is never hidden behind 'already-extended'.
  const received = osloDate(input.receivedAt);
  const newDueDate = format(rollForward(plusMonths(received, 1 + (input.months ?? 2))));
  const passed = daysLeft(input.dueDate, input.now) < 0;
  if (input.extendedAlready) return { ok: false, reason: 'already-extended' };
  if (passed) return { ok: false, reason: 'too-late' };
  return { ok: true, newDueDate };
}

function rollForward(date: CalendarDate): CalendarDate {
  let day = date;
  while (!isWorking(day)) day = plusDays(day, 1);
  return day;
}

function isWorking(date: CalendarDate): boolean {
  return weekday(date) <= 5 && !publicHolidays(date.year).has(format(date));
}

function publicHolidays(year: number): ReadonlySet<string> {
  let days = publicHolidaysByYear.get(year);
  if (days === undefined) {
    const easter = easterSunday(year);
    days = new Set([
      ...FIXED_HOLIDAYS.map((monthDay) => `${year}-${monthDay}`),
      ...DAYS_FROM_EASTER_SUNDAY.map((offset) => format(plusDays(easter, offset))),
    ]);
    publicHolidaysByYear.set(year, days);
  }
  return days;
}

/** Easter Sunday in the Gregorian calendar: the anonymous Gregorian algorithm (Meeus, Jones, Butcher). */
function easterSunday(year: number): CalendarDate {
  const golden = year % 19;
  const century = Math.floor(year / 100);
  const yearOfCentury = year % 100;
  const leapCenturies = Math.floor(century / 4);
  const f = Math.floor((century + 8) / 25);
  const g = Math.floor((century - f + 1) / 3);
  const epact = (19 * golden + century - leapCenturies - g + 15) % 30;
  const l = (32 + 2 * (century % 4) + 2 * Math.floor(yearOfCentury / 4) - epact - (yearOfCentury % 4)) % 7;
  const m = Math.floor((golden + 11 * epact + 22 * l) / 451);
  const month = Math.floor((epact + l - 7 * m + 114) / 31);
  const day = ((epact + l - 7 * m + 114) % 31) + 1;
  return parseDate(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
}

import { DateTime, Duration } from 'luxon';
import {
  daysLeft,
  decisionNudgeDate,
  endOfDayInstant,
  format,
  InvalidDateError,
  InvalidTimestampError,
  osloDate,
  parseDate,
  parsePeriod,
  plusDays,
  plusMonths,
  plusPeriod,
  weekday,
} from '../../../lambdas/domain/calendar';

// calendar.ts used to be luxon; these hold the plain-Date version to what luxon answers (issue 22).
const ZONE = 'Europe/Oslo';
const luxonDate = (date: string) => DateTime.fromISO(date, { zone: 'utc' });

/** Every day from 2024 to 2030, as `YYYY-MM-DD`. */
const days = Array.from({ length: 7 * 366 }, (_, i) =>
  new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
).filter((d) => d < '2031-01-01');

describe('calendar, held against luxon', () => {
  it('adds months as luxon does (the last day of the month when the day does not exist)', () => {
    for (const date of days) {
      for (const months of [1, 2, 3]) {
        expect(format(plusMonths(parseDate(date), months))).toBe(
          luxonDate(date).plus({ months }).toFormat('yyyy-MM-dd'),
        );
      }
    }
  });

  it('adds retention periods as luxon adds a Duration', () => {
    for (const text of ['P10Y', 'P5Y', 'P3Y6M', 'P1M', 'P13M2W', 'P2W3D', 'P30D', 'P1Y1M1W1D']) {
      const period = parsePeriod(text);
      expect(period).toBeDefined();
      for (const date of days.filter((_, i) => i % 3 === 0)) {
        expect(format(plusPeriod(parseDate(date), period as NonNullable<typeof period>))).toBe(
          luxonDate(date).plus(Duration.fromISO(text)).toFormat('yyyy-MM-dd'),
        );
      }
    }
  });

  it.each(['P', 'P1.5Y', 'PT1H', '10Y', 'P1D1Y', ''])('refuses the period %s', (text) => {
    expect(parsePeriod(text)).toBeUndefined();
  });

  it('adds days and names weekdays as luxon does', () => {
    for (const date of days) {
      expect(weekday(parseDate(date))).toBe(luxonDate(date).weekday);
      for (const n of [-3, 1, 21, 50]) {
        expect(format(plusDays(parseDate(date), n))).toBe(
          luxonDate(date).plus({ days: n }).toFormat('yyyy-MM-dd'),
        );
      }
    }
  });

  it('finds the end of each Oslo day as luxon does, over the DST changes too', () => {
    for (const date of days) {
      expect(endOfDayInstant(date)).toBe(
        DateTime.fromISO(date, { zone: ZONE }).endOf('day').toJSDate().toISOString(),
      );
    }
  });

  it('takes the Oslo date of an instant as luxon does, every hour of a year and at DST changes', () => {
    const start = Date.UTC(2026, 0, 1);
    for (let hour = 0; hour < 366 * 24; hour += 1) {
      const instant = new Date(start + hour * 3_600_000 + 59 * 60_000 + 59_999);
      const byLuxon = DateTime.fromJSDate(instant, { zone: ZONE }).toISODate();
      expect(format(osloDate(instant))).toBe(byLuxon);
      expect(format(osloDate(instant.toISOString()))).toBe(byLuxon);
      expect(decisionNudgeDate(instant)).toBe(
        DateTime.fromJSDate(instant, { zone: ZONE }).plus({ days: 21 }).toISODate(),
      );
    }
  });

  it.each([
    ['2026-11-25T00:30:00+01:00', '2026-11-25'],
    ['2026-11-24T23:30:00Z', '2026-11-25'],
    ['2026-11-25T09:30Z', '2026-11-25'],
    ['2026-06-30T23:59:59.123456789+02:00', '2026-06-30'],
    ['2026-06-30T22:00:00.000Z', '2026-07-01'],
  ])('reads the timestamp %s as Oslo date %s', (timestamp, expected) => {
    expect(format(osloDate(timestamp))).toBe(expected);
  });

  it.each([
    '2026-11-25T00:30:00', // no offset
    '2026-02-30T10:00:00Z', // no such day: Date would roll it over into March
    '2026-11-25T24:00:00Z',
    '2026-11-25T10:00:00+25:00',
    '2026-11-25',
    'not a time',
  ])('refuses the timestamp %s', (timestamp) => {
    expect(() => osloDate(timestamp)).toThrow(InvalidTimestampError);
  });

  it('refuses an invalid Date', () => {
    expect(() => osloDate(new Date(Number.NaN))).toThrow(InvalidTimestampError);
  });

  it.each(['2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '26-01-01', '2026-1-1'])(
    'refuses the date %s, as luxon does',
    (date) => {
      expect(luxonDate(date).isValid && /^\d{4}-\d{2}-\d{2}$/.test(date)).toBe(false);
      expect(() => parseDate(date)).toThrow(InvalidDateError);
    },
  );

  it('counts days left across a DST change in whole days', () => {
    expect(daysLeft('2026-03-30', '2026-03-28T12:00:00Z')).toBe(2);
    expect(daysLeft('2026-10-26', '2026-10-24T23:30:00Z')).toBe(1);
    expect(daysLeft('2028-02-29', '2028-02-28T22:59:59Z')).toBe(1);
  });
});

import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { isWorkingDay } from '../../../lambdas/domain/deadlines';

/**
 * The deadline rule computes Norway's public holidays itself (fixed dates and Easter), so date-holidays and
 * its 1.4 MB stay out of the Lambda bundles, but date-holidays remains the reference: the rule must agree
 * with it on every weekday from 2020 to 2080 (checked once, by hand, from 1900 to 2300 as well). These
 * tests also pin what the library says for a few years, so an update of the library that adds, drops or
 * moves a day fails here first.
 */
const publicHolidays = [
  {
    year: 2026,
    // Easter Sunday 5 April.
    dates: [
      '2026-01-01', // New Year's Day, Thursday
      '2026-04-02', // Maundy Thursday
      '2026-04-03', // Good Friday
      '2026-04-05', // Easter Sunday
      '2026-04-06', // Easter Monday
      '2026-05-01', // Labour Day, Friday
      '2026-05-14', // Ascension Day
      '2026-05-17', // Constitution Day, Sunday
      '2026-05-24', // Whit Sunday
      '2026-05-25', // Whit Monday
      '2026-12-25', // Christmas Day, Friday
      '2026-12-26', // Boxing Day, Saturday
    ],
    weekdays: [
      '2026-01-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-06',
      '2026-05-01',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
    ],
  },
  {
    year: 2027,
    // Easter Sunday 28 March. Whit Monday falls on Constitution Day, so twelve holidays cover eleven dates.
    dates: [
      '2027-01-01', // New Year's Day, Friday
      '2027-03-25', // Maundy Thursday
      '2027-03-26', // Good Friday
      '2027-03-28', // Easter Sunday
      '2027-03-29', // Easter Monday
      '2027-05-01', // Labour Day, Saturday
      '2027-05-06', // Ascension Day
      '2027-05-16', // Whit Sunday
      '2027-05-17', // Constitution Day and Whit Monday
      '2027-12-25', // Christmas Day, Saturday
      '2027-12-26', // Boxing Day, Sunday
    ],
    weekdays: ['2027-01-01', '2027-03-25', '2027-03-26', '2027-03-29', '2027-05-06', '2027-05-17'],
  },
  {
    year: 2028,
    // Easter Sunday 16 April.
    dates: [
      '2028-01-01', // New Year's Day, Saturday
      '2028-04-13', // Maundy Thursday
      '2028-04-14', // Good Friday
      '2028-04-16', // Easter Sunday
      '2028-04-17', // Easter Monday
      '2028-05-01', // Labour Day, Monday
      '2028-05-17', // Constitution Day, Wednesday
      '2028-05-25', // Ascension Day
      '2028-06-04', // Whit Sunday
      '2028-06-05', // Whit Monday
      '2028-12-25', // Christmas Day, Monday
      '2028-12-26', // Boxing Day, Tuesday
    ],
    weekdays: [
      '2028-04-13',
      '2028-04-14',
      '2028-04-17',
      '2028-05-01',
      '2028-05-17',
      '2028-05-25',
      '2028-06-05',
      '2028-12-25',
      '2028-12-26',
    ],
  },
  {
    year: 2030,
    // Easter Sunday 21 April.
    dates: [
      '2030-01-01', // New Year's Day, Tuesday
      '2030-04-18', // Maundy Thursday
      '2030-04-19', // Good Friday
      '2030-04-21', // Easter Sunday
      '2030-04-22', // Easter Monday
      '2030-05-01', // Labour Day, Wednesday
      '2030-05-17', // Constitution Day, Friday
      '2030-05-30', // Ascension Day
      '2030-06-09', // Whit Sunday
      '2030-06-10', // Whit Monday
      '2030-12-25', // Christmas Day, Wednesday
      '2030-12-26', // Boxing Day, Thursday
    ],
    weekdays: [
      '2030-01-01',
      '2030-04-18',
      '2030-04-19',
      '2030-04-22',
      '2030-05-01',
      '2030-05-17',
      '2030-05-30',
      '2030-06-10',
      '2030-12-25',
      '2030-12-26',
    ],
  },
];

describe('Library: date-holidays for Norway', () => {
  it.each(publicHolidays)('lists exactly the twelve public holidays in $year', ({ year, dates }) => {
    // Prepare
    const holidays = new Holidays('NO');

    // Act
    const listed = holidays
      .getHolidays(year)
      .filter((holiday) => holiday.type === 'public')
      .map((holiday) => holiday.date.slice(0, 10));

    // Assess
    expect([...new Set(listed)].sort()).toEqual(dates);
  });
});

describe('Function: isWorkingDay', () => {
  it.each(publicHolidays)('treats every public holiday in $year as a day off', ({ dates }) => {
    // Act
    const working = dates.filter((date) => isWorkingDay(date));

    // Assess
    expect(working).toEqual([]);
  });

  it.each(publicHolidays)(
    'has no other Monday-to-Friday day off in $year than its public holidays',
    ({ year, weekdays }) => {
      // Prepare
      const daysOfYear: DateTime[] = [];
      for (let day = DateTime.utc(year, 1, 1); day.year === year; day = day.plus({ days: 1 }))
        daysOfYear.push(day);

      // Act
      const weekdaysOff = daysOfYear
        .filter((day) => day.weekday <= 5)
        .map((day) => day.toFormat('yyyy-MM-dd'))
        .filter((date) => !isWorkingDay(date));

      // Assess
      expect(weekdaysOff).toEqual(weekdays);
    },
  );
});

describe('Function: isWorkingDay against date-holidays', () => {
  it('agrees with the library on every Monday-to-Friday from 2020 to 2080', () => {
    // Prepare
    const holidays = new Holidays('NO');
    const disagreements: string[] = [];

    // Act
    for (let year = 2020; year <= 2080; year++) {
      const listed = new Set(
        holidays
          .getHolidays(year)
          .filter((holiday) => holiday.type === 'public')
          .map((holiday) => holiday.date.slice(0, 10)),
      );
      for (let day = DateTime.utc(year, 1, 1); day.year === year; day = day.plus({ days: 1 })) {
        if (day.weekday > 5) continue;
        const date = day.toFormat('yyyy-MM-dd');
        if (isWorkingDay(date) === listed.has(date)) disagreements.push(date);
      }
    }

    // Assess
    expect(disagreements).toEqual([]);
  });
});

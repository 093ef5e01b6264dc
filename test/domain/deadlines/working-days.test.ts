import { InvalidDateError, isWorkingDay, nextWorkingDay } from '../../../lambdas/domain/deadlines';

describe('Function: isWorkingDay', () => {
  it.each([
    { date: '2026-11-25', name: 'a plain Wednesday', working: true },
    { date: '2026-12-24', name: 'Christmas Eve, a bank holiday but not a public one', working: true },
    { date: '2026-12-31', name: 'New Year’s Eve, a bank holiday but not a public one', working: true },
    { date: '2026-05-08', name: 'Liberation Day, an observance', working: true },
    { date: '2026-07-29', name: 'Olsok, an optional holiday', working: true },
    { date: '2026-04-04', name: 'Easter Saturday', working: false },
    { date: '2026-11-28', name: 'a plain Saturday', working: false },
    { date: '2026-11-29', name: 'a plain Sunday', working: false },
    { date: '2026-04-02', name: 'Maundy Thursday', working: false },
    { date: '2026-05-17', name: 'Constitution Day', working: false },
  ])('says $date, $name, is a working day: $working', ({ date, working }) => {
    // Act
    const result = isWorkingDay(date);

    // Assess
    expect(result).toBe(working);
  });

  it.each([
    { name: 'a day that does not exist', date: '2026-02-30' },
    { name: 'a date without padding', date: '2026-1-5' },
    { name: 'a timestamp', date: '2026-11-25T10:00:00Z' },
    { name: 'an empty string', date: '' },
  ])('refuses $name', ({ date }) => {
    // Act
    const act = () => isWorkingDay(date);

    // Assess
    expect(act).toThrow(InvalidDateError);
  });

  it('says what it expected', () => {
    // Act
    const act = () => isWorkingDay('2026-02-30');

    // Assess
    expect(act).toThrow('"2026-02-30" is not a calendar date of the form YYYY-MM-DD (e.g. 2026-11-25)');
  });
});

describe('Function: nextWorkingDay', () => {
  it.each([
    { name: 'keeps a working day', date: '2026-11-25', expected: '2026-11-25' },
    { name: 'keeps Christmas Eve on a Thursday', date: '2026-12-24', expected: '2026-12-24' },
    { name: 'moves a Saturday to Monday', date: '2026-11-28', expected: '2026-11-30' },
    { name: 'moves Maundy Thursday past Easter to Tuesday', date: '2026-04-02', expected: '2026-04-07' },
    { name: 'moves Christmas Day on a Friday to Monday', date: '2026-12-25', expected: '2026-12-28' },
    {
      name: 'moves a Saturday past Whit Monday and 17 May to Tuesday',
      date: '2027-05-15',
      expected: '2027-05-18',
    },
    {
      name: 'moves a Saturday past New Year’s Day into the next year',
      date: '2028-12-30',
      expected: '2029-01-02',
    },
  ])('$name', ({ date, expected }) => {
    // Act
    const result = nextWorkingDay(date);

    // Assess
    expect(result).toBe(expected);
  });
});

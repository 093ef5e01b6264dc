import {
  canExtend,
  daysLeft,
  deadlineState,
  decisionNudgeDate,
  endOfDayInstant,
} from '../../../lambdas/domain/deadlines';

// A request received on Wednesday 25 November 2026 is due on Monday 28 December (25 and 26 December are
// holidays, 27 is a Sunday) and, once extended, on Thursday 25 February 2027.
const receivedAt = '2026-11-25T10:00:00Z';
const dueDate = '2026-12-28';

describe('Function: daysLeft', () => {
  it.each([
    { name: 'counts calendar days from the day of receipt', now: '2026-11-25T10:00:00Z', expected: 33 },
    { name: 'counts the last second of the day before as one day', now: '2026-12-27T22:59:59Z', expected: 1 },
    {
      name: 'counts just after midnight Oslo, still the 27th in UTC, as the due date',
      now: '2026-12-27T23:30:00Z',
      expected: 0,
    },
    { name: 'counts the due date itself as zero', now: '2026-12-28T10:00:00Z', expected: 0 },
    { name: 'counts midnight after the due date as overdue', now: '2026-12-28T23:00:00Z', expected: -1 },
    {
      name: 'counts a week after the due date as minus seven',
      now: '2027-01-04T12:00:00+01:00',
      expected: -7,
    },
    { name: 'accepts a Date', now: new Date('2026-12-21T10:00:00Z'), expected: 7 },
  ])('$name', ({ now, expected }) => {
    // Act
    const result = daysLeft(dueDate, now);

    // Assess
    expect(result).toBe(expected);
  });

  it.each([
    { name: 'into summer time', due: '2026-03-30', now: '2026-03-28T12:00:00Z', expected: 2 },
    { name: 'out of summer time', due: '2026-10-27', now: '2026-10-24T12:00:00Z', expected: 3 },
  ])('counts whole days across the switch $name', ({ due, now, expected }) => {
    // Act
    const result = daysLeft(due, now);

    // Assess
    expect(result).toBe(expected);
  });
});

describe('Function: deadlineState', () => {
  it.each([
    { now: '2026-11-25T10:00:00Z', daysLeft: 33, state: 'ok' },
    { now: '2026-12-20T10:00:00Z', daysLeft: 8, state: 'ok' },
    { now: '2026-12-21T10:00:00Z', daysLeft: 7, state: 'soon' },
    { now: '2026-12-25T10:00:00Z', daysLeft: 3, state: 'soon' },
    { now: '2026-12-26T10:00:00Z', daysLeft: 2, state: 'urgent' },
    { now: '2026-12-28T10:00:00Z', daysLeft: 0, state: 'urgent' },
    { now: '2026-12-28T22:59:59.999Z', daysLeft: 0, state: 'urgent' },
    { now: '2026-12-28T23:00:00Z', daysLeft: -1, state: 'overdue' },
    { now: '2027-02-01T10:00:00Z', daysLeft: -35, state: 'overdue' },
  ])('says $state at $now, $daysLeft days before the due date', ({ now, state }) => {
    // Act
    const result = deadlineState(dueDate, now);

    // Assess
    expect(result).toBe(state);
  });
});

describe('Function: canExtend', () => {
  it.each([
    { name: 'well before the due date', now: '2026-12-01T10:00:00Z' },
    { name: 'on the due date itself', now: '2026-12-28T10:00:00Z' },
    { name: 'in the last millisecond of the due date in Oslo', now: '2026-12-28T22:59:59.999Z' },
  ])('allows the one extension $name', ({ now }) => {
    // Act
    const result = canExtend({ receivedAt, dueDate, extendedAlready: false, now });

    // Assess
    expect(result).toEqual({ ok: true, newDueDate: '2027-02-25' });
  });

  it.each([
    { name: 'at midnight after the due date in Oslo', now: '2026-12-28T23:00:00Z' },
    { name: 'the day after the due date', now: '2026-12-29T10:00:00Z' },
  ])('refuses an extension $name as too late', ({ now }) => {
    // Act
    const result = canExtend({ receivedAt, dueDate, extendedAlready: false, now });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'too-late' });
  });

  it.each([
    { name: 'in time', now: '2026-12-01T10:00:00Z' },
    { name: 'after the original due date', now: '2026-12-29T10:00:00Z' },
  ])('refuses a second extension asked for $name', ({ now }) => {
    // Act
    const result = canExtend({ receivedAt, dueDate, extendedAlready: true, now });

    // Assess
    expect(result).toEqual({ ok: false, reason: 'already-extended' });
  });
});

describe('Function: decisionNudgeDate', () => {
  it.each([
    {
      name: 'three weeks after the day of receipt',
      receivedAt: '2026-11-25T10:00:00Z',
      expected: '2026-12-16',
    },
    {
      name: 'from the Oslo date, not the UTC one',
      receivedAt: '2026-01-31T23:30:00Z',
      expected: '2026-02-22',
    },
    { name: 'across the end of the year', receivedAt: '2026-12-20T12:00:00Z', expected: '2027-01-10' },
  ])('is $name', ({ receivedAt, expected }) => {
    // Act
    const result = decisionNudgeDate(receivedAt);

    // Assess
    expect(result).toBe(expected);
  });
});

describe('Function: endOfDayInstant', () => {
  it.each([
    { name: 'in winter time', date: '2026-12-28', expected: '2026-12-28T22:59:59.999Z' },
    { name: 'in summer time', date: '2026-07-01', expected: '2026-07-01T21:59:59.999Z' },
    { name: 'on the day summer time starts', date: '2026-03-29', expected: '2026-03-29T21:59:59.999Z' },
    { name: 'on the day summer time ends', date: '2026-10-25', expected: '2026-10-25T22:59:59.999Z' },
  ])('is 23:59:59.999 in Oslo $name', ({ date, expected }) => {
    // Act
    const result = endOfDayInstant(date);

    // Assess
    expect(result).toBe(expected);
  });
});

import { nextSevenOclock } from '../../../local/reminders/local-reminders';

describe('Function: nextSevenOclock (the local stand-in for the 07:00 Oslo schedule)', () => {
  it.each([
    ['before 07:00 Oslo in winter: today at 06:00 UTC', '2026-11-25T05:59:00Z', '2026-11-25T06:00:00.000Z'],
    ['after 07:00 Oslo in winter: tomorrow', '2026-11-25T06:00:00Z', '2026-11-26T06:00:00.000Z'],
    ['in summer: 05:00 UTC', '2026-07-01T04:00:00Z', '2026-07-01T05:00:00.000Z'],
    ['the night summer time starts', '2026-03-28T23:30:00Z', '2026-03-29T05:00:00.000Z'],
    ['the night summer time ends', '2026-10-24T23:30:00Z', '2026-10-25T06:00:00.000Z'],
  ])('%s', (_case, now, expected) => {
    // Act
    const next = nextSevenOclock(new Date(now));

    // Assess
    expect(next.toISOString()).toBe(expected);
  });
});

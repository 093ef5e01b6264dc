/**
 * Which moment a digest run reports on: the scheduler's time when it is a full timestamp, else now.
 */
import { reminderRunTime } from '../../../lambdas/domain/reminders/scheduled-time';

const NOW = new Date('2026-03-03T10:00:00.000Z');
const clock = () => NOW;

describe('Function: reminderRunTime', () => {
  it.each([
    ['2026-03-02T05:00:00Z', '2026-03-02T05:00:00.000Z'],
    ['2026-03-02T06:00:00+01:00', '2026-03-02T05:00:00.000Z'],
    ['2026-03-02T05:00Z', '2026-03-02T05:00:00.000Z'],
    ['2026-03-02T05:00:00.250Z', '2026-03-02T05:00:00.250Z'],
  ])('runs for the scheduled time %s, not the clock', (scheduledTime, expected) => {
    // Act
    const at = reminderRunTime({ scheduledTime }, clock);

    // Assess
    expect(at.toISOString()).toBe(expected);
  });

  it.each<[string, unknown]>([
    ['no event', null],
    ['an event without a time', {}],
    ['a bare date', { scheduledTime: '2026-03-02' }],
    ['a time without an offset', { scheduledTime: '2026-03-02T05:00:00' }],
    ['a month that does not exist', { scheduledTime: '2026-13-02T05:00:00Z' }],
    ['a number', { scheduledTime: 1_772_427_600_000 }],
  ])('runs for now given %s', (_case, event) => {
    // Act
    const at = reminderRunTime(event as Parameters<typeof reminderRunTime>[0], clock);

    // Assess
    expect(at).toBe(NOW);
  });
});

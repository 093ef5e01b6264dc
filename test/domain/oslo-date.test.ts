import { DateTime } from 'luxon';
import { osloDate } from '../../lambdas/domain/oslo-date';

describe('osloDate', () => {
  it.each([
    ['2026-12-06T22:59:59.999Z', '2026-12-06'], // winter: UTC+1
    ['2026-12-06T23:00:00.000Z', '2026-12-07'],
    ['2026-06-30T21:59:59.999Z', '2026-06-30'], // summer: UTC+2
    ['2026-06-30T22:00:00.000Z', '2026-07-01'],
    ['2026-03-29T00:59:59.999Z', '2026-03-29'], // the night summer time begins
    ['2026-10-25T00:30:00.000Z', '2026-10-25'], // the night it ends
    ['2026-12-31T23:30:00.000Z', '2027-01-01'],
    ['0999-01-01T12:00:00.000Z', '0999-01-01'],
  ])('%s is %s in Oslo', (instant, expected) => {
    expect(osloDate(new Date(instant))).toBe(expected);
  });

  it('agrees with luxon for every hour of a year', () => {
    const start = Date.UTC(2027, 0, 1);
    for (let hour = 0; hour < 366 * 24; hour += 1) {
      const instant = new Date(start + hour * 3_600_000 + 59 * 60_000);
      const byLuxon = DateTime.fromJSDate(instant, { zone: 'Europe/Oslo' }).toISODate();
      expect(osloDate(instant)).toBe(byLuxon);
    }
  });
});

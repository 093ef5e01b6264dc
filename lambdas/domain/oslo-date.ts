import { DateTime } from 'luxon';

/**
 * The Oslo calendar date of an instant, `YYYY-MM-DD`. Kept apart from deadlines.ts so that code needing
 * only "today in Oslo" does not load the holiday calendar.
 */
export function osloDate(instant: Date): string {
  return DateTime.fromJSDate(instant, { zone: 'Europe/Oslo' }).toISODate() ?? '';
}

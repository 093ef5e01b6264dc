import { type CalendarPeriod, parsePeriod } from '../calendar';
import type { RetentionRule } from './schema';

/**
 * A retention rule's period in calendar units, for the legal-hold check and the request records' lifetime.
 * Asked only of rules that have one; the schema refuses a period in another form, so a failure is a bug
 * upstream, reported with the rule's id.
 */
export function retentionPeriod(rule: RetentionRule): CalendarPeriod {
  const period = rule.duration === null ? undefined : parsePeriod(rule.duration);
  if (period === undefined) {
    throw new RangeError(
      `Retention rule ${rule.id} has no usable duration: ${JSON.stringify(rule.duration)}`,
    );
  }
  return period;
}

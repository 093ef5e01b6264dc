/**
 * Which moment a digest run reports on. EventBridge Scheduler sends
 * `{ "scheduledTime": "<aws.scheduler.scheduled-time>" }` (locally, `POST /local/reminders/run` sends the
 * same shape), and the run uses that time, not the clock, so a retry hours later still reports on the day it
 * was meant for. Without a well-formed timestamp (an invocation by hand, say) the run is for now.
 */

export interface ReminderEvent {
  readonly scheduledTime?: string;
}

/** A full ISO 8601 date and time with its offset, as the scheduler writes it; nothing looser is taken. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

export function reminderRunTime(event: ReminderEvent | null, clock: () => Date = () => new Date()): Date {
  const scheduled = event?.scheduledTime;
  return typeof scheduled === 'string' && TIMESTAMP.test(scheduled) && !Number.isNaN(Date.parse(scheduled))
    ? new Date(scheduled)
    : clock();
}

/**
 * Node runs a timer longer than 2^31-1 ms (about 24.8 days) after 1 ms instead. Locally every timer a state
 * machine asks for (TimeoutSeconds, HeartbeatSeconds, a Wait's Seconds) is therefore capped at 24 days: a
 * longer one fires at the cap. No local stack runs that long, while a deadline firing at once would be wrong.
 */
export const MAX_TIMER_SECONDS = 24 * 24 * 60 * 60;

export function capTimerSeconds(seconds: number): number {
  return Math.min(seconds, MAX_TIMER_SECONDS);
}

/**
 * Waiting for people (callback tasks: a code, a staff decision) and Wait states counting days (keeping a
 * closed request's data) can be compressed locally, so a test can watch "three days without a code" or
 * "deleted 14 days after the answer" play out in seconds: PERSONVERN_LOCAL_WAIT_SCALE=0.00001 makes a day
 * last about 0.9 s. Lambda task timeouts are never scaled. Read per registration; 1 (real time) by default.
 */
export function peopleWaitScale(): number {
  const raw = process.env.PERSONVERN_LOCAL_WAIT_SCALE;
  if (raw === undefined || raw === '') return 1;
  const scale = Number(raw);
  if (!(scale > 0 && scale <= 1)) {
    throw new RangeError(`PERSONVERN_LOCAL_WAIT_SCALE must be a number above 0 and at most 1, not "${raw}"`);
  }
  return scale;
}

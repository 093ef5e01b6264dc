/**
 * Node runs a timer longer than 2^31-1 ms (about 24.8 days) after 1 ms instead. Locally every timer a state
 * machine asks for (TimeoutSeconds, HeartbeatSeconds, a Wait's Seconds) is therefore capped at 24 days: a
 * longer one fires at the cap. No local stack runs that long, while a deadline firing at once would be wrong.
 */
export const MAX_TIMER_SECONDS = 24 * 24 * 60 * 60;

export function capTimerSeconds(seconds: number): number {
  return Math.min(seconds, MAX_TIMER_SECONDS);
}

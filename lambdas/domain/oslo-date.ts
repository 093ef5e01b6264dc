/**
 * The Oslo calendar date of an instant, `YYYY-MM-DD`. Kept apart from deadlines.ts so that code needing
 * only "today in Oslo" loads neither the holiday calendar nor luxon: the runtime's own time-zone data
 * (Node ships full ICU) answers it, which keeps the public policy function's cold start small.
 */
let osloDay: Intl.DateTimeFormat | undefined;

/**
 * Built on first use, not at import: the first formatter with a time zone loads ICU's zone data (about
 * 8 ms measured on this machine), which a cold start should pay only when it handles a date.
 */
function osloDayFormat(): Intl.DateTimeFormat {
  osloDay ??= new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return osloDay;
}

export function osloDate(instant: Date): string {
  // By parts, so the answer does not hang on how a locale orders or separates them.
  const parts = Object.fromEntries(
    osloDayFormat()
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year?.padStart(4, '0')}-${parts.month}-${parts.day}`;
}

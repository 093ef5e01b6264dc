/**
 * Checks the renderer makes on its own, without zod: each one protects what the recipient sees. A
 * malformed date would print "0 undefined 0" as a legal deadline, a `javascript:` URL would become a
 * live link, and a code that is not six digits could not be typed into the form.
 */

/** The one-time code is six digits: short enough to type, and written as a plain run in the text body. */
export const CODE_PATTERN = /^\d{6}$/;

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * An email could not be rendered from its data: a programming error upstream, never the recipient's.
 * The message names the field but not its value, which may be personal data or a secret.
 */
export class EmailContentError extends Error {
  override readonly name = 'EmailContentError';

  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`Cannot render the email: ${field} ${problem}`);
  }
}

export function assertCode(field: string, code: string): void {
  if (!CODE_PATTERN.test(code)) throw new EmailContentError(field, 'must be six digits');
}

export function assertCalendarDate(field: string, date: string): void {
  const match = CALENDAR_DATE.exec(date);
  const [year, month, day] = (match?.slice(1) ?? []).map(Number);
  const parsed = new Date(Date.UTC(year ?? Number.NaN, (month ?? 0) - 1, day ?? 0));
  // Date.UTC rolls 2026-02-30 over into March; a real date survives the round trip unchanged.
  if (match === null || parsed.getUTCMonth() + 1 !== month || parsed.getUTCDate() !== day) {
    throw new EmailContentError(field, 'must be a calendar date in YYYY-MM-DD form');
  }
}

export function assertWebUrl(field: string, url: string): void {
  let protocol: string | undefined;
  try {
    protocol = new URL(url).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol !== 'https:' && protocol !== 'http:') {
    throw new EmailContentError(field, 'must be an http(s) address');
  }
}

export function assertHours(field: string, hours: number): void {
  if (!Number.isInteger(hours) || hours < 1)
    throw new EmailContentError(field, 'must be a whole number of hours');
}

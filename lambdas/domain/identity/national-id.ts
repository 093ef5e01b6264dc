/**
 * The Norwegian national identity number (`DDMMYY III KK`) as ID-porten sends it in `pid`: its check
 * digits, and the birth date it carries, to compare with the birth date a requester typed (issue 20;
 * docs/id-porten.md section 4). Pure, and careful in one direction only: a number whose date cannot be
 * read answers `undefined`, which keeps the manual identity check; nothing here refuses a number that
 * ID-porten signed.
 *
 * The date digits are shifted for other kinds of number: a D-number adds 4 to the first digit (day + 40);
 * an H-number, and NAV's synthetic numbers, add 4 to the third (month + 40); Skatteetaten's synthetic test
 * numbers add 8 to it (month + 80). The individual number `III` gives the century (Folkeregister
 * regulation § 2-2). The check digits use weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2, modulo 11.
 */

const FIRST_CHECK_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const SECOND_CHECK_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** The check digit for these digits, or undefined where the rule gives 10 (no valid number has it). */
export function checkDigit(digits: readonly number[], weights: readonly number[]): number | undefined {
  const sum = weights.reduce((total, weight, index) => total + weight * (digits[index] ?? 0), 0);
  const digit = 11 - (sum % 11);
  if (digit === 11) return 0;
  return digit === 10 ? undefined : digit;
}

/** Eleven digits whose two check digits are right. */
export function hasValidCheckDigits(id: string): boolean {
  if (!/^\d{11}$/.test(id)) return false;
  const digits = [...id].map(Number);
  const first = checkDigit(digits.slice(0, 9), FIRST_CHECK_WEIGHTS);
  const second = checkDigit(digits.slice(0, 10), SECOND_CHECK_WEIGHTS);
  return first === digits[9] && second === digits[10];
}

/** The birth date (`YYYY-MM-DD`) the number carries, or undefined when it carries none we can read. */
export function birthDateOf(id: string): string | undefined {
  if (!hasValidCheckDigits(id)) return undefined;
  const rawDay = Number(id.slice(0, 2));
  const rawMonth = Number(id.slice(2, 4));
  const yy = Number(id.slice(4, 6));
  const individual = Number(id.slice(6, 9));
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const month = rawMonth > 80 ? rawMonth - 80 : rawMonth > 40 ? rawMonth - 40 : rawMonth;
  const century = centuryOf(individual, yy);
  if (century === undefined) return undefined;
  const date = new Date(Date.UTC(century + yy, month - 1, day));
  // A shifted digit that lands on no real date (31 February) is not a date the number carries.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

function centuryOf(individual: number, yy: number): number | undefined {
  if (individual <= 499) return 1900;
  if (individual <= 749 && yy >= 54) return 1800;
  if (individual >= 900 && yy >= 40) return 1900;
  if (yy <= 39) return 2000;
  return undefined;
}

export type BirthDateCheck = 'matches' | 'differs' | 'not-given' | 'unknown';

/** Compares the number's birth date with the one the requester typed, if any. */
export function birthDateCheck(id: string, typed: string | undefined): BirthDateCheck {
  if (typed === undefined) return 'not-given';
  const carried = birthDateOf(id);
  if (carried === undefined) return 'unknown';
  return carried === typed ? 'matches' : 'differs';
}

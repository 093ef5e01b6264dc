/**
 * Norwegian organisation numbers (organisasjonsnummer) from Brønnøysundregistrene.
 * The last of the nine digits is a mod-11 check digit over the first eight with the
 * weights 3, 2, 7, 6, 5, 4, 3, 2. Kept free of zod so the renderer can format numbers.
 */
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;

export type OrgNumberCheck = { ok: true; orgNumber: string } | { ok: false; problem: string };

/** Checks an org number as typed by a person ("898 503 992") and returns it as nine digits. */
export function checkOrgNumber(input: string): OrgNumberCheck {
  // People copy numbers from letterheads with spaces or non-breaking spaces; nothing else is forgiven.
  const digits = input.replace(/\s/g, '');
  if (/\D/.test(digits)) return { ok: false, problem: `${JSON.stringify(input)} must contain digits only` };
  if (digits.length !== 9) return { ok: false, problem: `${JSON.stringify(input)} must be 9 digits` };
  const expected = checkDigit(digits);
  if (expected === undefined || expected !== Number(digits[8])) {
    return { ok: false, problem: `${digits} fails the mod-11 check` };
  }
  return { ok: true, orgNumber: digits };
}

export function isValidOrgNumber(input: string): boolean {
  return checkOrgNumber(input).ok;
}

/** Prints nine digits the way Norwegian letterheads do: "898 503 992". */
export function formatOrgNumber(orgNumber: string): string {
  return orgNumber.replace(/^(\d{3})(\d{3})(\d{3})$/, '$1 $2 $3');
}

/** The check digit for the first eight digits, or undefined when no digit can satisfy the check (remainder 1). */
function checkDigit(digits: string): number | undefined {
  let sum = 0;
  for (const [index, weight] of WEIGHTS.entries()) sum += Number(digits[index]) * weight;
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return undefined;
  return 11 - remainder;
}
